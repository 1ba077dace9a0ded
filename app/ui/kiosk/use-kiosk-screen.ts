/**
 * Kiosk screen hardening: full screen on the first touch or key (browsers allow it only after a user gesture),
 * and no context menu. Text selection is switched off in CSS (`.mode-kiosk`). Returns true when full screen
 * could not be had, so the screen can tell staff to launch the browser in kiosk mode instead.
 */
import { useEffect, useState } from 'react';

export function useKioskScreen(kiosk: boolean): boolean {
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    if (!kiosk) return undefined;
    const noMenu = (event: Event) => {
      event.preventDefault();
    };
    const goFullscreen = () => {
      if (document.fullscreenElement) return;
      if (!document.fullscreenEnabled) {
        setUnavailable(true);
        return;
      }
      document.documentElement.requestFullscreen({ navigationUI: 'hide' }).then(
        () => {
          setUnavailable(false);
        },
        () => {
          setUnavailable(true);
        },
      );
    };
    document.addEventListener('contextmenu', noMenu);
    document.addEventListener('pointerdown', goFullscreen, { capture: true });
    document.addEventListener('keydown', goFullscreen, { capture: true });
    return () => {
      document.removeEventListener('contextmenu', noMenu);
      document.removeEventListener('pointerdown', goFullscreen, { capture: true });
      document.removeEventListener('keydown', goFullscreen, { capture: true });
    };
  }, [kiosk]);

  return kiosk && unavailable;
}
