/**
 * The frame of every step of a running check: a heading that takes the focus when the step appears (so a
 * screen reader says where the check is), the step's content, and its actions — always with a way out
 * (「やめる」), marked `data-exit` for the e2e walk through every state — and, below them, another way to go on
 * when the step has one (kept after the main action, so a phone shows that action first).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useSession, useTranslate } from '../session-context';

export function StepFrame({
  kind,
  title,
  focusTitle = true,
  children,
  actions,
  cancel = true,
  footer,
}: {
  kind: string;
  title: string;
  /** False when a field takes the focus instead (password, number B). */
  focusTitle?: boolean;
  children?: ReactNode;
  actions?: ReactNode;
  cancel?: boolean;
  /** Another way to go on, after the actions. */
  footer?: ReactNode;
}) {
  const t = useTranslate();
  const cancelCheck = useSession((s) => s.cancel);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, [focusTitle, kind]);
  return (
    <section className={`step step-${kind}`} aria-labelledby={`step-${kind}-title`} data-testid={`step.${kind}`}>
      <h2 id={`step-${kind}-title`} ref={heading} tabIndex={-1} className="step-title">
        {title}
      </h2>
      {children}
      <div className="step-actions">
        {actions}
        {cancel && (
          <button
            type="button"
            className="button-secondary"
            data-testid="flow.cancel"
            data-exit=""
            onClick={cancelCheck}
          >
            {t('flow.cancel')}
          </button>
        )}
      </div>
      {footer}
    </section>
  );
}
