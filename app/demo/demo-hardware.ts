/**
 * Demo mode's hardware, all simulated: the virtual My Number Card in the page and fake USB readers (each with
 * its own copy of the persona's card) behind a fake `navigator.usb`. Loaded lazily, only in demo mode and
 * the e2e build, so none of it reaches a production start-up.
 */
import { createPersonaCard } from '../../mocks/card/persona-card';
import { simulatorCvAnchors } from '../../mocks/card/pki/chip-pki';
import { caCertificates } from '../../mocks/card/pki/simulator-pki';
import type { CvTrustAnchors } from '../card/cv-trust-anchors';
import { PERSONA_IDS, type PersonaId } from '../../mocks/card/personas';
import type { DemoQuery } from '../ui/demo-query';
import type { VirtualMyNumberCard } from '../../mocks/card/virtual-card';
import { CcidModel } from '../../mocks/usb/ccid-model';
import { FakeUsb, FakeUsbDevice, type ReaderModel } from '../../mocks/usb/fake-usb';
import { Rcs300Model } from '../../mocks/usb/rcs300-model';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';

/** A fake reader's firmware with a card slot. */
type FakeReaderModel = ReaderModel & { removeCard(): void; insertCard(): void };

/** The fake readers demo mode can plug in, by kind. */
const FAKE_READERS = {
  rcs380: (card: VirtualMyNumberCard): FakeReaderModel => new Rcs380Model(card),
  rcs300: (card: VirtualMyNumberCard): FakeReaderModel => new Rcs300Model(card),
  /** A standard CCID reader where the page may claim it (an Isolated Web App with `usb-unrestricted`). */
  ccid: (card: VirtualMyNumberCard): FakeReaderModel => new CcidModel(card),
  /** The same reader in an ordinary page: WebUSB refuses the smart-card class. */
  'ccid-blocked': (card: VirtualMyNumberCard): FakeReaderModel => new CcidModel(card),
  /** An RC-S380 the operating system will not let the browser open (no WinUSB driver, no udev rule). */
  'rcs380-no-access': (card: VirtualMyNumberCard): FakeReaderModel => new Rcs380Model(card),
  /** An RC-S380 whose interface another driver holds (Linux port100, Sony's software). */
  'rcs380-in-use': (card: VirtualMyNumberCard): FakeReaderModel => new Rcs380Model(card),
} as const;

export type FakeReaderKind = keyof typeof FAKE_READERS;

export const FAKE_READER_KINDS = Object.keys(FAKE_READERS) as readonly FakeReaderKind[];

export interface DemoConfig {
  readonly persona: PersonaId;
  /** Japanese date the personas are resolved for. */
  readonly today: string;
  readonly readers: readonly FakeReaderKind[];
  /** Delay of every USB IN packet, milliseconds (makes progress visible, and lets tests unplug mid-read). */
  readonly usbDelayMs?: number;
  /** The fake readers start allowed, as if chosen before (no chooser needed). */
  readonly permitted?: boolean;
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
  /** What is printed on the demo card's face (the simulated card, not a person's). */
  readonly face: { readonly birthDateText: string; readonly expiryText: string; readonly securityCode: string };
  /** The simulator's signature root (DER): demo mode's only JPKI trust anchor. */
  readonly trustRootsDer: readonly Uint8Array[];
  /** The simulator's CV CA keys: demo mode's only genuine-chip trust anchors. */
  readonly cvAnchors: CvTrustAnchors;
  readonly usb: FakeUsb;
  /** The simulator in the page. */
  readonly virtualCard: VirtualMyNumberCard;
  readonly readers: readonly FakeReader[];
  /** Takes every demo card off its reader, or puts it back. */
  readonly setCardsPresent: (present: boolean) => void;
  /** Unplugs every fake reader, or plugs it back. */
  readonly setReadersPlugged: (plugged: boolean) => void;
  /** What the demo cards saw: accesses to My Number files, and VERIFY commands that carried a secret. */
  readonly diagnostics: () => DemoDiagnostics;
}

export interface DemoDiagnostics {
  readonly privacyViolations: number;
  readonly verifiesWithSecret: number;
  readonly apdus: number;
}

async function fakeReader(kind: FakeReaderKind, config: DemoConfig): Promise<FakeReader> {
  const { card } = await createPersonaCard(config.persona, config.today);
  const model = FAKE_READERS[kind](card);
  const device = new FakeUsbDevice(model);
  device.faults.delayMs = config.usbDelayMs ?? 0;
  device.faults.unrestricted = kind === 'ccid';
  device.faults.accessDenied = kind === 'rcs380-no-access';
  device.faults.claimedElsewhere = kind === 'rcs380-in-use';
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
  return { persona, today, readers, usbDelayMs: query.usbDelayMs, permitted: query.permitted };
}

export async function createDemoHardware(config: DemoConfig): Promise<DemoHardware> {
  const usb = new FakeUsb();
  const readers: FakeReader[] = [];
  for (const kind of config.readers) {
    const reader = await fakeReader(kind, config);
    usb.add(reader.device, { permitted: config.permitted === true });
    readers.push(reader);
  }
  const { card: virtualCard, persona } = await createPersonaCard(config.persona, config.today);
  const { signCa } = await caCertificates();
  return {
    persona: config.persona,
    face: {
      birthDateText: persona.face.birthDateText,
      expiryText: persona.face.expiryText,
      securityCode: persona.face.securityCode,
    },
    trustRootsDer: [new Uint8Array(signCa.rawData)],
    cvAnchors: await simulatorCvAnchors(),
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
    diagnostics: () => {
      const cards = [virtualCard, ...readers.map((r) => r.card)];
      const verifies = (card: VirtualMyNumberCard) =>
        card.trace.filter((t) => t.command[1] === 0x20 && t.command.length > 5).length;
      return {
        privacyViolations: cards.reduce((n, c) => n + c.privacyViolations.length, 0),
        verifiesWithSecret: cards.reduce((n, c) => n + verifies(c), 0),
        apdus: cards.reduce((n, c) => n + c.trace.length, 0),
      };
    },
    setReadersPlugged: (plugged) => {
      for (const reader of readers) {
        if (plugged) usb.replug(reader.device);
        else usb.unplug(reader.device);
      }
    },
  };
}
