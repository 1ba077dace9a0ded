/**
 * The counter's first screen is the check: one large action per way of checking, the recommended one first,
 * each saying what it needs and how strong its answer is. A way this terminal cannot run is shown disabled,
 * with the reason; a reader that cannot be used says why and what to do.
 */
import type { Assurance } from '../../policy';
import { FLOW_IDS, type FlowId } from '../../store/flow-state';
import { useReader } from '../reader-context';
import { useErrorText, useSession, useTranslate } from '../session-context';
import { Strength } from '../verdict/Strength';

/** What each way of checking rests on, for its strength line. */
const FLOW_ASSURANCE: Readonly<Record<FlowId, Assurance>> = {
  'face-chip': 'chip-signed-birth-date',
  jpki: 'chip-signature-with-password',
  'number-b': 'chip-read-with-number-b',
  'face-only': 'card-face',
};

function FlowAction({ flow, recommended, usable }: { flow: FlowId; recommended: boolean; usable: boolean }) {
  const t = useTranslate();
  const start = useSession((s) => s.start);
  const id = `flow-${flow}`;
  // The whole card is the button; its name is the title, the rest describes it.
  return (
    <li>
      <button
        type="button"
        className="flow-action"
        data-testid={`flow.${flow}`}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc ${id}-strength`}
        disabled={!usable}
        onClick={() => {
          start(flow);
        }}
      >
        <span className="flow-action-title">
          <span id={`${id}-title`}>{t(`flow.${flow}.title`)}</span>
          {recommended && <span className="recommended">{t('flow.recommended')}</span>}
        </span>
        <span className="flow-action-desc" id={`${id}-desc`}>
          {usable ? t(`flow.${flow}.desc`) : t('flow.unavailable.reader')}
        </span>
        <Strength assurance={FLOW_ASSURANCE[flow]} id={`${id}-strength`} inline />
      </button>
    </li>
  );
}

/** Why the reader cannot be used and what to do, in words (the administrator's note is on the staff screen). */
function ReaderProblem() {
  const errorText = useErrorText();
  const status = useReader((s) => s.status);
  const errorCode = useReader((s) => s.errorCode);
  if (status !== 'error' || errorCode === null) return null;
  return (
    <p className="notice reader-error" role="alert" data-testid="reader.error" data-code={errorCode}>
      {errorText(errorCode)}
    </p>
  );
}

export function ClerkHome() {
  const t = useTranslate();
  // Any route to a card: WebUSB, the PC/SC bridge, or a reader already listed (the demo's virtual card).
  const chipPossible = useReader((s) => s.webUsb || s.bridge !== 'off' || s.choices.length > 0);
  return (
    <section className="home" aria-labelledby="home-title" data-testid="home">
      <h2 id="home-title" className="home-title">
        {t('home.clerk.title')}
      </h2>
      <ReaderProblem />
      <ul className="flow-actions">
        {FLOW_IDS.map((flow, index) => (
          <FlowAction key={flow} flow={flow} recommended={index === 0} usable={flow === 'face-only' || chipPossible} />
        ))}
      </ul>
    </section>
  );
}
