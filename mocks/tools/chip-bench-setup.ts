/**
 * Shared set-up of the chip benchmarks: a persona's card in the fake RC-S380 behind the real driver, with every
 * APDU booked in an {@link ApduLedger}, and the ports of the chip checks (simulator CV anchors, WebCrypto random).
 */
import { Rcs380Transport } from '../../app/readers/rcs380/driver';
import { createPersonaCard } from '../card/persona-card';
import { simulatorCvAnchors } from '../card/pki/chip-pki';
import type { PersonaId } from '../card/personas';
import { asUsbDevice, FakeUsbDevice } from '../usb/fake-usb';
import { Rcs380Model } from '../usb/rcs380-model';
import { ApduLedger } from './apdu-ledger';

export const BENCH_TODAY = '2026-11-26';

/** What the rows call each file. */
const FILE_NAMES = {
  'support:0015': '照合番号B',
  'support:0002': 'date of birth',
  'support:0004': 'CV certificate',
  'support:0007': 'signed key (DF51/DF52)',
  'surface:0011': 'birth-date key',
  'surface:0012': '照合番号B',
  'surface:0004': 'CV certificate',
  'surface:0001': 'age record',
  'surface:0002': 'card face with photo',
};

export async function chipBench(id: PersonaId = 'adult-35') {
  const { card, persona } = await createPersonaCard(id, BENCH_TODAY);
  const model = new Rcs380Model(card);
  const reader = await Rcs380Transport.open(asUsbDevice(new FakeUsbDevice(model)));
  await reader.cardPresent();
  const ledger = new ApduLedger(
    () => ({
      transfers: reader.link.counters.outTransfers + reader.link.counters.inTransfers,
      rfBytes: model.counts.rfBytes,
    }),
    FILE_NAMES,
  );
  return {
    persona,
    ledger,
    ports: {
      transport: ledger.wrap(reader),
      today: BENCH_TODAY,
      loadCvTrust: simulatorCvAnchors,
      random: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
    },
  };
}
