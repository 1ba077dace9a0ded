import { describe, expect, it } from 'vitest';
import {
  ChannelError,
  exportPublicKey,
  importPublicKey,
  newStaticKey,
  pairingKeys,
  SecureChannel,
  sessionKeys,
  staticSecret,
} from './channel';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const utf8 = (s: string) => new TextEncoder().encode(s);

async function pair() {
  const page = await newStaticKey(false);
  const bridge = await newStaticKey(true);
  const pageNonce = crypto.getRandomValues(new Uint8Array(32));
  const bridgeNonce = crypto.getRandomValues(new Uint8Array(32));
  const context = { pageNonce, bridgeNonce, pairingId: 'ab'.repeat(16), origin: 'https://age-check.example' };
  const pageSide = new SecureChannel(
    await sessionKeys(await staticSecret(page.privateKey, bridge.publicKey), context, 'page'),
  );
  const bridgeSide = new SecureChannel(
    await sessionKeys(await staticSecret(bridge.privateKey, page.publicKey), context, 'bridge'),
  );
  return { page, bridge, context, pageSide, bridgeSide };
}

describe('secure channel', () => {
  it('both sides derive the same keys from the static keys and the two nonces, one per direction', async () => {
    const { pageSide, bridgeSide } = await pair();
    expect(text(await bridgeSide.open(await pageSide.seal(utf8('list-readers'))))).toBe('list-readers');
    expect(text(await pageSide.open(await bridgeSide.seal(utf8('readers'))))).toBe('readers');
    // A frame sealed by one side never opens as if it came from the other direction.
    const own = await pageSide.seal(utf8('x'));
    await expect(pageSide.open(own)).rejects.toBeInstanceOf(ChannelError);
  });

  it('refuses a replayed, reordered or tampered frame, and stays closed afterwards', async () => {
    const { pageSide, bridgeSide } = await pair();
    const first = await pageSide.seal(utf8('one'));
    const second = await pageSide.seal(utf8('two'));
    await bridgeSide.open(first);
    await expect(bridgeSide.open(first)).rejects.toThrow('out of order');
    await expect(bridgeSide.open(second)).rejects.toThrow('closed');

    const again = await pair();
    const frame = await again.pageSide.seal(utf8('VERIFY'));
    frame[frame.length - 1]! ^= 1;
    await expect(again.bridgeSide.open(frame)).rejects.toThrow('authenticate');

    const skip = await pair();
    await skip.pageSide.seal(utf8('dropped'));
    await expect(skip.bridgeSide.open(await skip.pageSide.seal(utf8('next')))).rejects.toThrow('out of order');
  });

  it('the header is authenticated too: a frame with another version byte does not open', async () => {
    const { pageSide, bridgeSide } = await pair();
    const frame = await pageSide.seal(utf8('x'));
    frame[0] = 3;
    await expect(bridgeSide.open(frame)).rejects.toThrow('authenticate');
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['another pairing', { pairingId: 'cd'.repeat(16) }],
    ['another nonce', { bridgeNonce: new Uint8Array(32) }],
  ])('keys for %s do not open the frames', async (_name, change) => {
    const { page, bridge, context, pageSide } = await pair();
    const other = new SecureChannel(
      await sessionKeys(await staticSecret(bridge.privateKey, page.publicKey), { ...context, ...change }, 'bridge'),
    );
    await expect(other.open(await pageSide.seal(utf8('x')))).rejects.toBeInstanceOf(ChannelError);
  });

  it('a key pair of its own (a squatter) cannot open the page’s frames', async () => {
    const { page, context, pageSide } = await pair();
    const squatter = await newStaticKey(true);
    const fake = new SecureChannel(
      await sessionKeys(await staticSecret(squatter.privateKey, page.publicKey), context, 'bridge'),
    );
    await expect(fake.open(await pageSide.seal(utf8('55021720352285')))).rejects.toBeInstanceOf(ChannelError);
  });

  it('pairing keys from the same OPAQUE session key match across the roles', async () => {
    const sessionKey = crypto.getRandomValues(new Uint8Array(64));
    const page = new SecureChannel(await pairingKeys(sessionKey, 'page'));
    const bridge = new SecureChannel(await pairingKeys(sessionKey, 'bridge'));
    expect(text(await bridge.open(await page.seal(utf8('pub'))))).toBe('pub');
  });

  it('the page key is not extractable; public keys round-trip as 65 raw bytes', async () => {
    const { page } = await pair();
    expect(page.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', page.privateKey)).rejects.toThrow();
    const raw = await exportPublicKey(page.publicKey);
    expect(raw).toHaveLength(65);
    expect(await exportPublicKey(await importPublicKey(raw))).toEqual(raw);
    await expect(importPublicKey(new Uint8Array(65))).rejects.toBeInstanceOf(ChannelError);
  });
});
