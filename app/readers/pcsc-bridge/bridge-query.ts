/**
 * The bridge's port from the launch URL: `?bridge=1` (the default port) or `?bridge=<port>`. Off when absent:
 * a page that was not told about a bridge never probes loopback ports.
 */
import { BRIDGE_DEFAULT_PORT } from './protocol';

/** The port to reach the bridge on, or null when the bridge is not configured. */
export function bridgePortFromQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('bridge');
  if (value === null || value === '0') return null;
  if (value === '1' || value === 'on') return BRIDGE_DEFAULT_PORT;
  if (!/^\d{4,5}$/.test(value)) return null;
  const port = Number(value);
  return port >= 1024 && port <= 65535 ? port : null;
}

/** The bridge's URL: loopback by address, never a name that could resolve elsewhere. */
export function bridgeUrl(port: number): string {
  return `ws://127.0.0.1:${port}/`;
}
