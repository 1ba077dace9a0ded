/**
 * The bridge's configuration: command-line flags over an optional JSON file. Fails closed: no origin, or a
 * host that is not loopback, and the bridge does not start.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BRIDGE_DEFAULT_PORT } from '../app/readers/pcsc-bridge/protocol';

/** The only addresses the bridge listens on: a service for this machine's browser, never the network. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

export interface BridgeConfig {
  readonly host: string;
  readonly port: number;
  readonly origins: readonly string[];
  /** Where lasting pairings are kept (see `pairing-store.ts`). */
  readonly pairingsFile: string;
  /** Seconds without an exchange after which a held card is released, or undefined for the default. */
  readonly idleReleaseSeconds?: number;
  /** Forget every pairing and exit, instead of serving. */
  readonly forgetPairings: boolean;
}

/**
 * The pairing file's default place, in the bridge user's own state folder: `%LOCALAPPDATA%` on Windows,
 * `~/Library/Application Support` on macOS, `$XDG_STATE_HOME` (or `~/.local/state`) elsewhere.
 */
export function defaultPairingsFile(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const base =
    platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'))
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env['XDG_STATE_HOME'] ?? join(homedir(), '.local', 'state'));
  return join(base, 'mynumber-bridge', 'pairings.json');
}

/**
 * Throws unless `host` is 127.0.0.1 or ::1. Names (`localhost`) are refused too: they could resolve elsewhere.
 * @throws {Error} for any other address.
 */
export function assertLoopback(host: string): void {
  if (!LOOPBACK_HOSTS.includes(host)) {
    throw new Error(`refusing to listen on ${host}: the bridge binds to 127.0.0.1 or ::1 only`);
  }
}

/** An origin as a browser sends it: scheme, host and port, nothing more. */
function checkOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`not an origin: ${origin}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
    throw new Error(`not an origin (scheme://host[:port], no path): ${origin}`);
  }
  return origin;
}

interface FileConfig {
  host?: unknown;
  port?: unknown;
  origins?: unknown;
  pairingsFile?: unknown;
  idleReleaseSeconds?: unknown;
}

/**
 * Reads `--host`, `--port`, `--origin` (repeatable), `--pairings <file>`, `--idle-release <seconds>`,
 * `--forget-pairings` and `--config <file.json>` (`{ host, port, origins, pairingsFile, idleReleaseSeconds }`).
 * @throws {Error} for a bad value, a non-loopback host or no origin.
 */
export function parseBridgeArgs(args: readonly string[]): BridgeConfig {
  const { values } = parseArgs({
    args: [...args],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      origin: { type: 'string', multiple: true },
      config: { type: 'string' },
      pairings: { type: 'string' },
      'idle-release': { type: 'string' },
      'forget-pairings': { type: 'boolean', default: false },
    },
    strict: true,
  });
  let file: FileConfig = {};
  if (values.config !== undefined) {
    const parsed: unknown = JSON.parse(readFileSync(values.config, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${values.config}: not a JSON object`);
    file = parsed;
  }
  const host = values.host ?? (typeof file.host === 'string' ? file.host : '127.0.0.1');
  assertLoopback(host);
  const filePort = typeof file.port === 'number' || typeof file.port === 'string' ? String(file.port) : undefined;
  const portText = values.port ?? filePort ?? String(BRIDGE_DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new Error(`bad port: ${portText}`);
  const pairingsFile =
    values.pairings ?? (typeof file.pairingsFile === 'string' ? file.pairingsFile : defaultPairingsFile());
  const forgetPairings = values['forget-pairings'];
  const idleText =
    values['idle-release'] ??
    (typeof file.idleReleaseSeconds === 'number' ? String(file.idleReleaseSeconds) : undefined);
  let idleReleaseSeconds: number | undefined;
  if (idleText !== undefined) {
    idleReleaseSeconds = Number(idleText);
    if (!/^\d+$/.test(idleText) || idleReleaseSeconds < 1 || idleReleaseSeconds > 3600) {
      throw new Error(`bad idle release (1-3600 seconds): ${idleText}`);
    }
  }
  const fileOrigins = Array.isArray(file.origins) ? file.origins.filter((o): o is string => typeof o === 'string') : [];
  const origins = [...fileOrigins, ...(values.origin ?? [])].map(checkOrigin);
  if (origins.length === 0 && !forgetPairings) {
    throw new Error('no allowed origin: pass --origin https://your-app.example (or "origins" in --config)');
  }
  return {
    host,
    port,
    origins,
    pairingsFile,
    forgetPairings,
    ...(idleReleaseSeconds !== undefined ? { idleReleaseSeconds } : {}),
  };
}
