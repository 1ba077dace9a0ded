/**
 * Benchmark bookkeeping: wraps a transport and books every APDU, with the USB transfers and RF bytes it cost,
 * under what it was for — the application and file it addressed, a tries query or VERIFY, READ BINARY, the
 * chip challenge. Prints one row per step with the modelled reader time.
 */
import { toHex } from '../../app/card/bytes';
import { AID, type ApplicationName } from '../../app/card/mynumber/ids';
import type { CardTransport, TransmitOptions } from '../../app/card/transport';
import { modelledMs } from './latency-model';

export interface LedgerRow {
  apdus: number;
  transfers: number;
  rfBytes: number;
}

const APPS = Object.entries(AID).map(([name, aid]) => [name as ApplicationName, toHex(aid)] as const);

export class ApduLedger {
  readonly rows = new Map<string, LedgerRow>();
  #app = '-';
  #ef = '-';

  constructor(
    private readonly counters: () => { transfers: number; rfBytes: number },
    private readonly names: Readonly<Record<string, string>> = {},
  ) {}

  /** What a command is for, from the APDU and the application and file selected before it. */
  #label(apdu: Uint8Array): string {
    const [cla, ins, p1] = apdu;
    if (ins === 0xa4 && p1 === 0x04) {
      const aid = toHex(apdu.subarray(5, 5 + (apdu[4] ?? 0)));
      this.#app = APPS.find(([, hex]) => hex === aid)?.[0] ?? 'unknown AP';
      this.#ef = '-';
      return `${this.#app} AP: select`;
    }
    if (ins === 0xa4) this.#ef = toHex(apdu.subarray(5, 7)).toUpperCase();
    const ef = `EF ${this.#ef}${this.names[`${this.#app}:${this.#ef}`] ? ` ${this.names[`${this.#app}:${this.#ef}`]}` : ''}`;
    if (cla === 0x80 && ins === 0x2a) return `${this.#app} AP: challenge (80 2A)`;
    if (ins === 0x20) return `${this.#app} AP: ${ef}: ${apdu.length > 5 ? 'VERIFY' : 'tries query'}`;
    return `${this.#app} AP: ${ef}: ${ins === 0xb0 ? 'read' : 'select'}`;
  }

  /** The transport, with every APDU booked. */
  wrap(transport: CardTransport): CardTransport {
    return {
      info: transport.info,
      cardPresent: (options?: TransmitOptions) => transport.cardPresent(options),
      close: () => transport.close(),
      transmit: async (apdu: Uint8Array, options?: TransmitOptions) => {
        let label = this.#label(apdu);
        // A SELECT of an EF is booked with what follows it (its query, VERIFY or read).
        if (apdu[1] === 0xa4 && apdu[2] === 0x02) label = `${label}:pending`;
        const before = this.counters();
        const response = await transport.transmit(apdu, options);
        const after = this.counters();
        this.#book(label, {
          apdus: 1,
          transfers: after.transfers - before.transfers,
          rfBytes: after.rfBytes - before.rfBytes,
        });
        return response;
      },
    };
  }

  #pending: LedgerRow | null = null;

  #book(label: string, cost: LedgerRow): void {
    if (label.endsWith(':pending')) {
      this.#pending = cost;
      return;
    }
    const row = this.rows.get(label) ?? { apdus: 0, transfers: 0, rfBytes: 0 };
    for (const part of [cost, this.#pending]) {
      if (!part) continue;
      row.apdus += part.apdus;
      row.transfers += part.transfers;
      row.rfBytes += part.rfBytes;
    }
    this.#pending = null;
    this.rows.set(label, row);
  }

  /** Sum of the rows whose label passes `filter`. */
  total(filter: (label: string) => boolean = () => true): LedgerRow {
    const sum = { apdus: 0, transfers: 0, rfBytes: 0 };
    for (const [label, row] of this.rows) {
      if (!filter(label)) continue;
      sum.apdus += row.apdus;
      sum.transfers += row.transfers;
      sum.rfBytes += row.rfBytes;
    }
    return sum;
  }

  /** Prints the rows and a total. */
  print(title: string): void {
    console.log(title);
    const line = (label: string, row: LedgerRow) => {
      console.log(
        `  ${label.padEnd(52)} ${String(row.apdus).padStart(3)} APDUs ${String(row.transfers).padStart(4)} USB transfers ` +
          `${String(row.rfBytes).padStart(6)} RF bytes ${modelledMs(row.transfers, row.rfBytes).toFixed(1).padStart(7)} ms`,
      );
    };
    for (const [label, row] of this.rows) line(label, row);
    line('total', this.total());
  }
}
