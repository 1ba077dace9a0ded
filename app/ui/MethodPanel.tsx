/**
 * One age-check method: what it needs from the customer and its state. The methods themselves arrive with
 * their own issues; until then a panel says plainly that it is not available.
 */
import type { MethodId } from '../store/session-store';
import { AgeRecordPanel } from './age-record/AgeRecordPanel';
import { CardFacePanel } from './face/CardFacePanel';
import { JpkiPanel } from './jpki/JpkiPanel';
import { NumberBPanel } from './numberb/NumberBPanel';
import { useSession, useTranslate } from './session-context';

type PanelState = 'unavailable' | 'ready' | 'checking' | 'busy' | 'decided';

/** The methods built so far; the others say plainly that they are not available yet. */
const BODIES: Partial<Record<MethodId, () => React.JSX.Element>> = {
  'jpki-signature': JpkiPanel,
  'number-b': NumberBPanel,
  'age-record': AgeRecordPanel,
  'card-face-ocr': CardFacePanel,
};

export function MethodPanel({ method }: { method: MethodId }) {
  const t = useTranslate();
  const state = useSession((s): PanelState => {
    if (s.method === method) return s.phase === 'checking' ? 'checking' : 'decided';
    if (s.phase === 'checking') return 'busy';
    return BODIES[method] ? 'ready' : 'unavailable';
  });
  const Body = BODIES[method];
  const headingId = `method-${method}-title`;

  return (
    <section className="method-panel" aria-labelledby={headingId} data-testid={`method.${method}`} data-state={state}>
      <h2 id={headingId}>{t(`method.${method}.title`)}</h2>
      <p className="method-needs">{t(`method.${method}.needs`)}</p>
      <p className="method-state" data-testid={`method.${method}.state`}>
        {t(`method.state.${state}`)}
      </p>
      {Body && <Body />}
    </section>
  );
}
