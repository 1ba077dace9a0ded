/**
 * The real PC/SC stack for the bridge's e2e project (`BRIDGE_E2E=1`, see `scripts/check-bridge.sh`): the bridge
 * itself, started by each spec on the port the build's CSP allows (chosen by global setup), and the virtual card
 * adapter that each test starts with its persona (inserting the card into vpcd's reader) and stops (taking it
 * away). Needs pcscd with vsmartcard-vpcd running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vpcd's second slot (reader "Virtual PCD 00 01", TCP 35964): the OpenSC check uses the first, so the two can
 * run on one machine at once.
 */
export const VPCD_SLOT = { reader: 'Virtual PCD 00 01', port: 35964 } as const;

/** Whether the bridge project runs: only where the PC/SC stack is up. */
export const BRIDGE_E2E = process.env['BRIDGE_E2E'] === '1';

/** The bridge's port (fixed before the build, whose CSP names it). */
export function bridgePort(): number {
  const port = Number(process.env['BRIDGE_PORT']);
  if (!port) throw new Error('BRIDGE_PORT is not set');
  return port;
}

/** A free loopback port (closed again at once; the bridge takes it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Runs a TypeScript script from the project root in one Node process (so a signal reaches it, not a wrapper),
 * with output to `logFile`; resolves when `ready` is printed.
 */
function startTsx(args: readonly string[], logFile: string, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${args.join(' ')} did not start: ${seen}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      seen += chunk.toString();
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code ?? 'a signal'}: ${seen}`));
    });
  });
}

/** Stops a child and waits for it to exit. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The bridge as a process: its log (JSON lines on stdout, the pairing codes on stderr) goes to a file. */
export class BridgeProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  /**
   * Starts `npm run bridge` on {@link bridgePort} for the preview's origin, keeping pairings in `pairingsFile`
   * (so a restarted bridge knows the pages that paired before).
   */
  static async start(pairingsFile: string, { idleReleaseSeconds }: { idleReleaseSeconds?: number } = {}) {
    const origin = process.env['E2E_BASE_URL'];
    if (!origin) throw new Error('E2E_BASE_URL is not set');
    const logFile = join(mkdtempSync(join(tmpdir(), 'bridge-e2e-')), 'bridge.log');
    const args = ['bridge/main.ts', '--origin', origin, '--port', String(bridgePort()), '--pairings', pairingsFile];
    if (idleReleaseSeconds !== undefined) args.push('--idle-release', String(idleReleaseSeconds));
    return new BridgeProcess(await startTsx(args, logFile, /"event":"listening"/), logFile);
  }

  /** The last pairing code the bridge printed. */
  latestCode(): string {
    const codes = [...readFileSync(this.logFile, 'utf8').matchAll(/pairing code: (\d{6})/g)];
    const code = codes.at(-1)?.[1];
    if (!code) throw new Error('the bridge printed no pairing code');
    return code;
  }

  /** The bridge's log events so far. */
  events(): Record<string, unknown>[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  stop(): Promise<void> {
    return stop(this.child);
  }
}

/** A fresh pairing file for a spec's bridge. */
export function pairingsFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'bridge-pairings-')), 'pairings.json');
}

/** A virtual card in vpcd's reader, with its own log (APDU headers and status words, privacy violations). */
export interface InsertedCard {
  readonly child: ChildProcess;
  readonly logFile: string;
}

/**
 * Puts a persona's virtual card into vpcd's reader (the adapter connects to vpcd); `delayMs` slows each APDU
 * so a test can take the card away mid-read.
 */
export async function insertVirtualCard(persona: string, delayMs = 0): Promise<InsertedCard> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'bridge-e2e-card-')), 'card.log');
  const args = [
    'mocks/tools/virtual-card.ts',
    '--persona',
    persona,
    '--delay',
    String(delayMs),
    '--port',
    String(VPCD_SLOT.port),
  ];
  return { child: await startTsx(args, logFile, /card inserted/), logFile };
}

/** What the card's log says: APDU headers seen and privacy violations. */
export function cardLog(card: InsertedCard): { headers: string[]; privacyViolations: string[] } {
  const lines = readFileSync(card.logFile, 'utf8').split('\n');
  return {
    headers: lines.flatMap((l) => /^apdu ([0-9a-f]{8}) /.exec(l)?.[1] ?? []),
    privacyViolations: lines.filter((l) => l.startsWith('privacy violation')),
  };
}

/**
 * A program squatting the bridge's port (`e2e/bridge/squatter.ts`): it speaks the bridge's handshake as well
 * as anyone without the bridge's keys can, and writes every frame it receives to its log.
 */
export async function startSquatter(): Promise<{ child: ChildProcess; logFile: string }> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'bridge-squatter-')), 'squatter.log');
  const origin = process.env['E2E_BASE_URL'] ?? '';
  const child = await startTsx(
    ['e2e/bridge/squatter.ts', '--port', String(bridgePort()), '--origin', origin],
    logFile,
    /squatting/,
  );
  return { child, logFile };
}
