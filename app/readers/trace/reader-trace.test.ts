/**
 * The reader trace must not be able to hold anything personal. Two kinds of evidence:
 * - whole checks (JPKI signature with the password, number B) through each WebUSB driver and its fake reader,
 *   for several personas, with the trace on: no password, PIN, 照合番号B, date of birth, name, address, My
 *   Number or certificate bytes appear in the exported text, in any encoding we print (text, hex);
 * - a fuzz of the redactors with random and card-shaped frames: a summary never carries more than four bytes
 *   of hex in a row, nor any run of three input bytes that is not a fixed code.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, hex, toHex, utf8 } from '../../card/bytes';
import { demoAnchors, type TrustAnchors } from '../../card/jpki-trust-anchors';
import { openJpkiCheck } from '../../methods/jpki-signature/jpki-signature-check';
import { runNumberBCheck } from '../../methods/number-b/number-b-check';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import type { Persona, PersonaId } from '../../../mocks/card/personas';
import { simulatorCvAnchors } from '../../../mocks/card/pki/chip-pki';
import { caCertificates } from '../../../mocks/card/pki/simulator-pki';
import { CcidModel } from '../../../mocks/usb/ccid-model';
import { asUsbDevice, FakeUsbDevice, type ReaderModel } from '../../../mocks/usb/fake-usb';
import { Rcs300Model } from '../../../mocks/usb/rcs300-model';
import { Rcs380Model } from '../../../mocks/usb/rcs380-model';
import { CcidTransport } from '../ccid/driver';
import { ccidRedactor } from '../ccid/trace-redactor';
import { Rcs300Transport } from '../rcs300/driver';
import { rcs300Redactor } from '../rcs300/trace-redactor';
import { Rcs380Transport } from '../rcs380/driver';
import { encodeFrame } from '../rcs380/port100-frame';
import { rcs380Redactor } from '../rcs380/trace-redactor';
import { ReaderTrace, type FrameRedactor } from './reader-trace';
import type { TraceableTransport } from './traceable';
import type { CardTransport } from '../../card/transport';

const TODAY = '2026-11-26';
const NOW = new Date('2026-11-26T03:00:00Z');
const PERSONAS: readonly PersonaId[] = ['adult-35', 'minor-17', 'turns-20-today', 'born-feb-29', 'showa-last-day'];

let anchors: TrustAnchors;
beforeAll(async () => {
  anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
});

type Card = Awaited<ReturnType<typeof createPersonaCard>>['card'];

const READERS: readonly {
  readonly name: string;
  readonly model: (card: Card) => ReaderModel;
  readonly open: (device: USBDevice) => Promise<CardTransport & TraceableTransport>;
}[] = [
  {
    name: 'RC-S380',
    model: (card) => new Rcs380Model(card),
    open: (device) => Rcs380Transport.open(device, { timing: { fieldResetMs: 0, drainQuietMs: 1 } }),
  },
  {
    name: 'RC-S300',
    model: (card) => new Rcs300Model(card),
    open: (device) => Rcs300Transport.open(device, { rfSwitchPauseMs: 0, fieldResetMs: 0, drainQuietMs: 1 }),
  },
  {
    name: 'CCID',
    model: (card) => new CcidModel(card),
    open: (device) => {
      (device as unknown as FakeUsbDevice).faults.unrestricted = true;
      return CcidTransport.open(device, { drainQuietMs: 1 });
    },
  },
];

/** Every form in which a persona's data could show in the trace text. */
function forbiddenStrings(persona: Persona, certificate: Uint8Array): string[] {
  const texts = [
    persona.secrets.signPassword,
    persona.secrets.pin,
    persona.secrets.myNumber,
    persona.numberB,
    persona.numberB.slice(0, 6),
    persona.dateOfBirth.replaceAll('-', ''),
    persona.dateOfBirth,
    persona.name,
    persona.name.split('\u3000')[0]!,
    persona.address,
  ];
  const hexes = texts.map((text) => toHex(utf8(text)));
  // Any 6 consecutive bytes of the certificate (its DER holds the name, address and birth date).
  const certificateRuns: string[] = [];
  for (let at = 0; at + 6 <= certificate.length; at += 97)
    certificateRuns.push(toHex(certificate.subarray(at, at + 6)));
  return [...texts, ...hexes, ...certificateRuns];
}

describe.each(READERS)('reader trace through the $name driver', (reader) => {
  it.each(PERSONAS)('keeps nothing of persona %s through a JPKI and a number-B check', async (id) => {
    const { card, persona } = await createPersonaCard(id, TODAY);
    const device = new FakeUsbDevice(reader.model(card));
    const transport = await reader.open(asUsbDevice(device));
    const trace = new ReaderTrace(transport.info.name);
    transport.traceTo(trace);

    const opened = await openJpkiCheck({
      transport,
      loadTrust: () => Promise.resolve(anchors),
      revocation: null,
      now: () => NOW,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    });
    const certificates: Uint8Array[] = [];
    if (opened.kind === 'ask-password') {
      await opened.check.submitPassword(utf8(persona.secrets.signPassword)).catch(() => undefined);
    }
    const jpki = card.model.applications.find((a) => a.name === 'jpki');
    for (const file of jpki?.files.values() ?? []) if (file.kind === 'binary') certificates.push(file.content);
    const numberB = persona.numberB;
    await runNumberBCheck(
      {
        transport,
        today: TODAY,
        // The chip proof and the photo path too: their APDUs (challenge, EF 0004/0007, surface AP) in the trace.
        readPhoto: true,
        loadCvTrust: simulatorCvAnchors,
        random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      },
      {
        birth: utf8(numberB.slice(0, 6)),
        expiryYear: utf8(numberB.slice(6, 10)),
        securityCode: utf8(numberB.slice(10)),
      },
    ).catch(() => undefined);
    transport.traceTo(null);

    const text = trace.toText({ app: 'test', startedAt: '2026-11-26T12:00:00+09:00' });
    expect(trace.lines.length).toBeGreaterThan(20);
    // The trace shows the VERIFY happened, without its length.
    expect(text).toMatch(/00 20 00 80 with a secret/);
    expect(trace.lines.some((line) => line.length === null)).toBe(true);
    const compact = text.replace(/\s+/g, '').toLowerCase();
    for (const forbidden of forbiddenStrings(persona, concatBytes(...certificates))) {
      expect(text.includes(forbidden), `trace holds ${forbidden}`).toBe(false);
      expect(compact.includes(forbidden.toLowerCase().replace(/\s+/g, '')), `trace holds ${forbidden}`).toBe(false);
    }
    // No hex run longer than 4 bytes anywhere in the text.
    expect(text.match(/[0-9A-Fa-f]{9,}/g)).toBeNull();
    await transport.close();
  });
});

/** Hex runs of 3 bytes and more that a summary may print: fixed codes (statuses, headers are ≤ 4 bytes). */
const hexRuns = (summary: string) =>
  (summary.replace(/ /g, '').match(/[0-9A-F]{6,}/gi) ?? []).map((r) => r.toLowerCase());

describe('redactors on arbitrary bytes (fuzz)', () => {
  const redactors: readonly [string, () => FrameRedactor][] = [
    ['RC-S380', rcs380Redactor],
    ['RC-S300', rcs300Redactor],
    ['CCID', ccidRedactor],
  ];

  it.each(redactors)('%s: never prints more than 4 bytes of hex, whatever it is fed', (_, make) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<'out' | 'in'>('out', 'in'), fc.uint8Array({ maxLength: 300 })), {
          maxLength: 12,
        }),
        (transfers) => {
          const redact = make();
          for (const [direction, bytes] of transfers) {
            const { summary } = redact(direction, bytes);
            for (const run of hexRuns(summary)) expect(run.length).toBeLessThanOrEqual(8);
          }
        },
      ),
      { seed: 13, numRuns: 1500 },
    );
  });

  it('keeps an APDU’s data out even when the data looks like a header (RC-S380 InCommRF)', () => {
    const redact = rcs380Redactor();
    // SELECT by DF name with the JPKI AID: only the header and Lc are kept.
    const frame = encodeFrame(hex`D6 04 C8 00 02 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01`);
    const { summary } = redact('out', frame);
    expect(summary).toContain('00 A4 04 0C Lc 10');
    expect(summary.replace(/ /g, '')).not.toContain('D392F0');
  });
});
