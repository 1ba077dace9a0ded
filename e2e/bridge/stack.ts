/**
 * The real PC/SC stack for the bridge's e2e project (`BRIDGE_E2E=1`, see `scripts/check-bridge.sh`): the
 * bridge itself, started by global setup with the preview server's origin, and the virtual card adapter
 * that each test starts with its persona (inserting the card into vpcd's reader) and stops (taking it away).
 * Needs pcscd with vsmartcard-vpcd running.
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

/**
 * Starts the bridge on `BRIDGE_PORT` for `origin`; its log (with the pairing codes) goes to a file whose path
 * is put in `BRIDGE_LOG_FILE` for the tests.
 */
export async function startBridgeForE2e(origin: string): Promise<ChildProcess> {
  const port = process.env['BRIDGE_PORT'];
  if (!port) throw new Error('BRIDGE_PORT is not set');
  const logFile = join(mkdtempSync(join(tmpdir(), 'bridge-e2e-')), 'bridge.log');
  process.env['BRIDGE_LOG_FILE'] = logFile;
  return startTsx(['bridge/main.ts', '--origin', origin, '--port', port], logFile, /"event":"listening"/);
}

/** The last pairing code the bridge printed. */
export function latestPairingCode(): string {
  const logFile = process.env['BRIDGE_LOG_FILE'];
  if (!logFile) throw new Error('BRIDGE_LOG_FILE is not set');
  const codes = [...readFileSync(logFile, 'utf8').matchAll(/pairing code: (\d{6})/g)];
  const code = codes.at(-1)?.[1];
  if (!code) throw new Error('the bridge printed no pairing code');
  return code;
}

/**
 * Puts a persona's virtual card into vpcd's reader (the adapter connects to vpcd); `delayMs` slows each APDU
 * so a test can take the card away mid-read.
 */
export function insertVirtualCard(persona: string, delayMs = 0): Promise<ChildProcess> {
  const logFile = join(tmpdir(), `bridge-e2e-card-${process.pid}.log`);
  const args = [
    'mocks/tools/virtual-card.ts',
    '--persona',
    persona,
    '--delay',
    String(delayMs),
    '--port',
    String(VPCD_SLOT.port),
  ];
  return startTsx(args, logFile, /card inserted/);
}
