/**
 * Keeps the screen on while a check runs (Screen Wake Lock API, where the browser has it), so a tablet does not
 * dim while a customer types a password or holds a card to the camera. Released when the check ends; taken
 * again when the page becomes visible mid-check (the browser drops the lock on hiding).
 */
import { useEffect } from 'react';

export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as { wakeLock?: WakeLock }).wakeLock;
    if (!active || !wakeLock) return undefined;
    let sentinel: WakeLockSentinel | null = null;
    let ended = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock.request('screen').then(
        (lock) => {
          if (ended) void lock.release();
          else sentinel = lock;
        },
        () => {
          // Refused (battery saver, permissions policy): the check works without it.
        },
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      ended = true;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release();
    };
  }, [active]);
}
