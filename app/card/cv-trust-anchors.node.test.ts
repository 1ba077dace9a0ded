import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CV_CA, publicKeyOf } from '../../mocks/card/pki/chip-pki';
import { toHex } from './bytes';
import { CardError } from './card-errors';
import { cvKeyFingerprint, PINNED_CV_CA_KEYS, productionCvAnchors } from './cv-trust-anchors';

/** The operator file shipped in public/config/ (keys carried over from soltia48/myna-card src/ca.rs). */
const shipped = JSON.parse(readFileSync('public/config/cv-ca-keys.json', 'utf8')) as {
  keys: { keyId: string; exponent: string; modulus: string }[];
};

describe('CV CA trust anchors', () => {
  it('the shipped file yields exactly the two pinned production keys, each for its application', async () => {
    const { anchors, refused } = await productionCvAnchors(shipped);
    expect(refused).toBe(0);
    expect(anchors.mode).toBe('production');
    expect(anchors.keys.map((k) => [new TextDecoder().decode(k.keyId.subarray(0, 7)), k.application])).toEqual([
      ['5000023', 'surface'],
      ['5000033', 'support'],
    ]);
    // Key IDs as src/ca.rs lists them: "5000023" 08 05 "001" 00 00 00 00.
    expect(toHex(anchors.keys[0]?.keyId ?? new Uint8Array())).toBe('35303030303233080530303100000000');
    expect(Object.keys(PINNED_CV_CA_KEYS)).toHaveLength(2);
  });

  it('a changed modulus byte or key ID is not pinned: refused', async () => {
    const entry = shipped.keys[0];
    if (!entry) throw new Error('empty file');
    const modulus = `${entry.modulus.slice(0, -2)}${entry.modulus.endsWith('00') ? '01' : '00'}`;
    const keyId = `${entry.keyId.slice(0, -2)}01`;
    const result = await productionCvAnchors({
      version: 1,
      keys: [{ ...entry, modulus }, { ...entry, keyId }, ...shipped.keys],
    });
    expect(result.refused).toBe(2);
    expect(result.anchors.keys).toHaveLength(2);
  });

  it("never mixes in the simulator's keys: a file of them alone configures nothing", async () => {
    const simulator = await Promise.all(
      (['support', 'surface'] as const).map(async (application) => {
        const key = await publicKeyOf(CV_CA[application].key);
        return { keyId: toHex(CV_CA[application].id), exponent: toHex(key.exponent), modulus: toHex(key.modulus) };
      }),
    );
    await expect(productionCvAnchors({ version: 1, keys: simulator })).rejects.toMatchObject({
      code: 'card.chip-keys-not-configured',
    });
    const mixed = await productionCvAnchors({ version: 1, keys: [...simulator, ...shipped.keys] });
    expect(mixed.refused).toBe(2);
    for (const key of mixed.anchors.keys) {
      expect(PINNED_CV_CA_KEYS[await cvKeyFingerprint(key.keyId, key.publicKey)]).toBeDefined();
    }
  });

  it.each([
    null,
    'text',
    {},
    { version: 2, keys: shipped.keys },
    { version: 1, keys: 'x' },
    { version: 1, keys: [{}] },
  ])('refuses a malformed file (%j) as not configured', async (json) => {
    await expect(productionCvAnchors(json)).rejects.toBeInstanceOf(CardError);
    await expect(productionCvAnchors(json)).rejects.toMatchObject({ code: 'card.chip-keys-not-configured' });
  });
});
