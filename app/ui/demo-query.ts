/**
 * Demo mode from the launch URL: `?demo=1[&persona=adult-35][&readers=rcs380][&usbDelay=20][&permitted=1]`.
 * `permitted=1` starts with the fake USB readers already allowed (as a kiosk policy or an earlier visit
 * allows them), so the first one is connected without the chooser. On by default
 * on the development server (`npm start`), so the app works with no hardware; off in production builds unless
 * asked for. Parsing only: the simulators themselves load lazily from `app/demo/`.
 */
export interface DemoQuery {
  readonly persona: string;
  readonly readers: readonly string[];
  readonly usbDelayMs: number;
  /** The fake readers are allowed already: no chooser. */
  readonly permitted: boolean;
}

const DEFAULT_PERSONA = 'adult-35';
/** Upper bound of the artificial USB delay, milliseconds. */
const MAX_USB_DELAY_MS = 1000;

/** The demo settings, or `null` when demo mode is off. */
export function demoQuery(search: string, onByDefault: boolean): DemoQuery | null {
  const query = new URLSearchParams(search);
  const flag = query.get('demo');
  if (flag === '0' || (!onByDefault && flag === null)) return null;
  const delay = Number(query.get('usbDelay') ?? '0');
  return {
    persona: query.get('persona') ?? DEFAULT_PERSONA,
    readers: (query.get('readers') ?? 'rcs380').split(',').filter(Boolean),
    usbDelayMs: Number.isInteger(delay) && delay >= 0 ? Math.min(delay, MAX_USB_DELAY_MS) : 0,
    permitted: query.get('permitted') === '1',
  };
}
