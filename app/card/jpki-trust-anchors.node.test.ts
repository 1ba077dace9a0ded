import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatesFromPem, fingerprint, JLIS_ROOT_FINGERPRINTS, productionAnchors } from './jpki-trust-anchors';

// The public J-LIS roots beside the project (test data only: the product never reads ../shared).
const SHARED_CA = join(import.meta.dirname, '../../../shared/jpki-ca');
const pems = readdirSync(SHARED_CA)
  .filter((name) => name.endsWith('.pem'))
  .map((name) => [name, readFileSync(join(SHARED_CA, name), 'utf8')] as const);

describe('J-LIS trust anchors', () => {
  it('parses the four public roots and matches their pinned fingerprints', async () => {
    expect(pems).toHaveLength(4);
    const pinned = new Set(Object.values(JLIS_ROOT_FINGERPRINTS));
    for (const [name, pem] of pems) {
      const [certificate] = certificatesFromPem(pem);
      expect(certificate, name).toBeDefined();
      expect(pinned.has(await fingerprint(certificate!)), name).toBe(true);
      expect(certificate!.subject).toMatch(/O=JPKI/);
      expect(await certificate!.isSelfSigned()).toBe(true);
    }
  });

  it('keeps every pinned root of an operator bundle and refuses anything else', async () => {
    const bundle = pems.map(([, pem]) => pem).join('\n');
    const { anchors, refused } = await productionAnchors(bundle);
    expect(anchors.mode).toBe('production');
    expect(anchors.certificates).toHaveLength(4);
    expect(refused).toBe(0);
  });
});
