/**
 * Demo mode's hardware, all simulated: the virtual My Number Card in the page and fake USB readers (each with
 * its own copy of the persona's card) behind a fake `navigator.usb`. Loaded lazily, only in demo mode and
 * the e2e build, so none of it reaches a production start-up.
 */
import { createPersonaCard } from '../../mocks/card/persona-card';
import { PERSONA_IDS, type PersonaId } from '../../mocks/card/personas';
import type { DemoQuery } from '../ui/demo-query';
import type { VirtualMyNumberCard } from '../../mocks/card/virtual-card';
import { FakeUsb, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';

export type FakeReaderKind = 'rcs380';

export const FAKE_READER_KINDS: readonly FakeReaderKind[] = ['rcs380'];

export interface DemoConfig {
  readonly persona: PersonaId;
  /** Japanese date the personas are resolved for. */
  readonly today: string;
  readonly readers: readonly FakeReaderKind[];
  /** Delay of every USB IN packet, milliseconds (makes progress visible, and lets tests unplug mid-read). */
  readonly usbDelayMs?: number;
}

interface FakeReader {
  readonly kind: FakeReaderKind;
  readonly device: FakeUsbDevice;
  readonly card: VirtualMyNumberCard;
  removeCard(): void;
  insertCard(): void;
}

export interface DemoHardware {
  readonly persona: PersonaId;
  readonly usb: FakeUsb;
  /** The simulator in the page. */
  readonly virtualCard: VirtualMyNumberCard;
  readonly readers: readonly FakeReader[];
  /** Takes every demo card off its reader, or puts it back. */
  readonly setCardsPresent: (present: boolean) => void;
  /** Unplugs every fake reader, or plugs it back. */
  readonly setReadersPlugged: (plugged: boolean) => void;
}

async function fakeReader(kind: FakeReaderKind, config: DemoConfig): Promise<FakeReader> {
  const { card } = await createPersonaCard(config.persona, config.today);
  const model = new Rcs380Model(card);
  const device = new FakeUsbDevice(model);
  device.faults.delayMs = config.usbDelayMs ?? 0;
  return {
    kind,
    device,
    card,
    removeCard: () => {
      model.removeCard();
    },
    insertCard: () => {
      model.insertCard();
    },
  };
}

/** Validates the URL's demo settings: unknown personas and readers fall back to the defaults. */
export function parseDemoSettings(query: DemoQuery, today: string): DemoConfig {
  const persona = (PERSONA_IDS as readonly string[]).includes(query.persona)
    ? (query.persona as PersonaId)
    : 'adult-35';
  const readers = query.readers.filter((r): r is FakeReaderKind =>
    (FAKE_READER_KINDS as readonly string[]).includes(r),
  );
  return { persona, today, readers, usbDelayMs: query.usbDelayMs };
}

export async function createDemoHardware(config: DemoConfig): Promise<DemoHardware> {
  const usb = new FakeUsb();
  const readers: FakeReader[] = [];
  for (const kind of config.readers) {
    const reader = await fakeReader(kind, config);
    usb.add(reader.device);
    readers.push(reader);
  }
  const { card: virtualCard } = await createPersonaCard(config.persona, config.today);
  return {
    persona: config.persona,
    usb,
    virtualCard,
    readers,
    setCardsPresent: (present) => {
      for (const reader of readers) {
        if (present) reader.insertCard();
        else reader.removeCard();
      }
      if (present) virtualCard.insert();
      else virtualCard.remove();
    },
    setReadersPlugged: (plugged) => {
      for (const reader of readers) {
        if (plugged) usb.replug(reader.device);
        else usb.unplug(reader.device);
      }
    },
  };
}
