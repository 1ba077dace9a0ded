/**
 * Writes `test-keys.json`: RSA-2048 key pairs for the simulator's PKI and cards. Generating them on every test
 * run would take seconds, so they are committed. Keys already in the file are kept (so certificates and tests
 * stay stable); only names missing from it are generated. Delete the file to make all of them anew.
 * TEST ONLY: they protect nothing.
 * Usage: `npx tsx mocks/tools/generate-test-keys.ts`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KEY_ALGORITHM, KEY_NAMES } from '../card/pki/test-keys';

const file = fileURLToPath(new URL('../card/pki/test-keys.json', import.meta.url));
const existing: Record<string, string> = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, string> }).keys
  : {};
const keys: Record<string, string> = {};
for (const name of KEY_NAMES) {
  const kept = existing[name];
  if (kept !== undefined) {
    keys[name] = kept;
    continue;
  }
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  keys[name] = Buffer.from(pkcs8).toString('base64');
}
const warning =
  'TEST ONLY: private keys of the virtual My Number Card simulator. Public on purpose; they protect nothing.';
writeFileSync(file, `${JSON.stringify({ warning, keys }, null, 1)}\n`);
console.log(`wrote ${KEY_NAMES.length} keys to ${file}`);
