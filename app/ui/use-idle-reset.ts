/**
 * Kiosk: once a check has started, reset after `idleResetSeconds` without a touch, click or key, so that the
 * next customer never sees the previous one's verdict. {@link useIdleTimeout} also closes the staff screen.
 */
import { useEffect } from 'react';
import { useSession } from './session-context';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart'] as const;

/** Calls `onIdle` after `seconds` without a touch, click or key while `active`. */
export function useIdleTimeout(active: boolean, seconds: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return undefined;
    let timer = window.setTimeout(onIdle, seconds * 1000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, seconds * 1000);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, restart, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, restart, { capture: true });
    };
  }, [active, seconds, onIdle]);
}

export function useIdleReset(): void {
  const active = useSession((s) => s.settings.mode === 'kiosk' && s.phase !== 'idle');
  const seconds = useSession((s) => s.settings.idleResetSeconds);
  const reset = useSession((s) => s.reset);
  useIdleTimeout(active, seconds, reset);
}
