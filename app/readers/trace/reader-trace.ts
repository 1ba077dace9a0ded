/**
 * The reader trace: what the first clerk with a real reader can send us, since nobody on the team has the
 * hardware. Each USB transfer becomes one line — direction, length and what a driver's redactor keeps of it:
 * command codes, lengths and status words. Raw bytes never reach this module; the redactor sees them inside
 * the driver and returns text built only from those fields, so no APDU data, PIN, 照合番号B or certificate
 * byte can be recorded.
 */

/** What a driver's redactor keeps of one transfer. */
export interface RedactedFrame {
  /** Command codes, lengths and status words, in words; never data. */
  readonly summary: string;
  /** The transfer carries a secret (VERIFY with a PIN, a password, 照合番号B): its length is hidden too. */
  readonly hideLength?: boolean;
}

/** Turns one transfer into its redacted summary; drivers keep state across calls (chaining, reassembly). */
export type FrameRedactor = (direction: 'out' | 'in', bytes: Uint8Array) => RedactedFrame;

/** One recorded transfer. */
export interface TraceLine {
  /** Milliseconds since the recording started. */
  readonly atMs: number;
  readonly direction: 'out' | 'in';
  /** Bytes on the wire, or null when hidden. */
  readonly length: number | null;
  readonly summary: string;
}

/** Lines kept at most: a check is a few hundred transfers; polling an empty reader adds three per second. */
export const MAX_TRACE_LINES = 5_000;

export class ReaderTrace {
  readonly lines: TraceLine[] = [];
  /** Lines dropped after {@link MAX_TRACE_LINES}. */
  dropped = 0;
  readonly #started: number;

  constructor(
    /** The reader, as its driver names it (no serial number). */
    readonly reader: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#started = clock();
  }

  /** Records one transfer as the driver's redactor summarised it. */
  record(direction: 'out' | 'in', length: number, frame: RedactedFrame): void {
    if (this.lines.length >= MAX_TRACE_LINES) {
      this.dropped += 1;
      return;
    }
    this.lines.push({
      atMs: this.clock() - this.#started,
      direction,
      length: frame.hideLength ? null : length,
      summary: frame.summary,
    });
  }

  /** Feeds a USB link's tap: the redactor runs at once, and only its summary is kept. */
  tap(redactor: FrameRedactor): (direction: 'out' | 'in', bytes: Uint8Array) => void {
    return (direction, bytes) => {
      let frame: RedactedFrame;
      try {
        frame = redactor(direction, bytes);
      } catch {
        frame = { summary: 'unreadable' };
      }
      this.record(direction, bytes.length, frame);
    };
  }

  /** The trace as a text file an operator can send. */
  toText(header: { readonly app: string; readonly startedAt: string }): string {
    const out = [
      '# My Number Card age check — reader trace',
      `# reader: ${this.reader}`,
      `# app: ${header.app}; started: ${header.startedAt}`,
      '# Every data field is removed: only command codes, lengths and status words are kept.',
      '#     time  dir   bytes  what',
    ];
    for (const line of this.lines) {
      const length = line.length === null ? 'hidden' : String(line.length);
      out.push(
        `${`+${line.atMs.toFixed(1)}`.padStart(10)}  ${line.direction === 'out' ? 'OUT' : 'IN '}  ${length.padStart(6)}  ${line.summary}`,
      );
    }
    if (this.dropped > 0) out.push(`# ${this.dropped} more transfers were not kept (limit ${MAX_TRACE_LINES}).`);
    return `${out.join('\n')}\n`;
  }
}
