/**
 * A two-tone chime, repeated while `active`, made with WebAudio (no sound file to ship or cache). Browsers play
 * sound only after the page has been touched, or where a kiosk policy allows autoplay; otherwise it stays
 * silent and the staff call is seen, not heard.
 */
import { useEffect } from 'react';

/** Seconds between two chimes. */
const REPEAT_SECONDS = 15;
/** The two notes, Hz, and how long each sounds, seconds. */
const NOTES = [880, 660] as const;
const NOTE_SECONDS = 0.35;

export function useChime(active: boolean): void {
  useEffect(() => {
    const AudioContextClass = (window as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!active || !AudioContextClass) return undefined;
    const audio = new AudioContextClass();
    const chime = () => {
      if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
      NOTES.forEach((frequency, index) => {
        const start = audio.currentTime + index * NOTE_SECONDS;
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.frequency.value = frequency;
        volume.gain.setValueAtTime(0.2, start);
        volume.gain.exponentialRampToValueAtTime(0.001, start + NOTE_SECONDS);
        tone.connect(volume).connect(audio.destination);
        tone.start(start);
        tone.stop(start + NOTE_SECONDS);
      });
    };
    chime();
    const timer = window.setInterval(chime, REPEAT_SECONDS * 1000);
    return () => {
      window.clearInterval(timer);
      void audio.close().catch(() => undefined);
    };
  }, [active]);
}
