/**
 * Writes `test-keys.json`: RSA-2048 key pairs for the simulator's PKI and cards. Generating them on every test
 * run would take seconds, so they are committed. TEST ONLY: they protect nothing.
 * Usage: `npx tsx mocks/tools/generate-test-keys.ts`
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KEY_ALGORITHM, KEY_NAMES } from '../card/pki/test-keys';

const keys: Record<string, string> = {};
for (const name of KEY_NAMES) {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  keys[name] = Buffer.from(pkcs8).toString('base64');
}
const file = fileURLToPath(new URL('../card/pki/test-keys.json', import.meta.url));
const warning =
  'TEST ONLY: private keys of the virtual My Number Card simulator. Public on purpose; they protect nothing.';
writeFileSync(file, `${JSON.stringify({ warning, keys }, null, 1)}\n`);
console.log(`wrote ${KEY_NAMES.length} keys to ${file}`);
