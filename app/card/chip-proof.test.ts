import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicKeyOf, signer, simulatorCvAnchors, SIMULATOR_KEY_IDS } from '../../mocks/card/pki/chip-pki';
import { readTlv, readTlvList } from './ber-tlv';
import { concatBytes, hex, toHex } from './bytes';
import { CardError } from './card-errors';
import { chipFiles } from '../../mocks/card/test-support';
import { parseAgeRecord, parseCardFace, parseCvCertificate, parseSignedKeyRecord } from './chip-records';
import {
  challengeDigestInfo,
  verifyCardFace,
  verifyChallengeAnswer,
  verifyCvCertificate,
  verifySignedRecord,
} from './chip-proof';
import { demoCvAnchors } from './cv-trust-anchors';
import { rsaPublicOperation, sha256, sha256DigestInfo, verifyPkcs1DigestInfo } from './rsa-public';

async function failure(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return 'passed';
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    return error.code === 'card.chip-not-genuine' ? error.details.check : error.code;
  }
}

describe('DigestInfo (soltia48/myna-card src/data.rs builds_digest_infos_of_both_lengths)', () => {
  it('32-byte digest: 30 31 … 04 20, 51 bytes', () => {
    const info = sha256DigestInfo(new Uint8Array(32).fill(0xaa));
    expect(toHex(info.subarray(0, 2))).toBe('3031');
    expect(toHex(info.subarray(17, 19))).toBe('0420');
    expect(info).toHaveLength(51);
    // RFC 8017 §9.2 note 1, SHA-256.
    expect(toHex(info.subarray(0, 19))).toBe('3031300d060960864801650304020105000420');
  });

  it('the card face record: three digests in one DigestInfo, 30 71 … 04 60, 115 bytes', () => {
    const info = sha256DigestInfo(new Uint8Array(96).fill(0xaa));
    expect(toHex(info.subarray(0, 2))).toBe('3071');
    expect(toHex(info.subarray(17, 19))).toBe('0460');
    expect(info).toHaveLength(115);
  });
});

describe('raw RSA verification agrees with WebCrypto (the reference) on ordinary signatures', () => {
  it('right, tampered and foreign signatures (fixed seed)', async () => {
    const key = await publicKeyOf('chip-0-support');
    const own = await signer('chip-0-support');
    const other = await signer('chip-1-support');
    const webCryptoKey = await crypto.subtle.importKey(
      'jwk',
      {
        kty: 'RSA',
        n: btoa(String.fromCharCode(...key.modulus))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, ''),
        e: 'AQAB',
      },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(255),
        fc.constantFrom('own', 'tampered', 'other'),
        async (message, at, kind) => {
          const signature = kind === 'other' ? await other.signSha256(message) : await own.signSha256(message);
          if (kind === 'tampered') signature[at] = (signature[at] ?? 0) ^ 0x01;
          const reference = await crypto.subtle.verify(
            { name: 'RSASSA-PKCS1-v1_5' },
            webCryptoKey,
            signature.slice(),
            message.slice(),
          );
          const raw = verifyPkcs1DigestInfo(key, sha256DigestInfo(await sha256(message)), signature);
          expect(raw).toBe(reference);
          expect(raw).toBe(kind === 'own');
        },
      ),
      { seed: 2815, numRuns: 40 },
    );
  });

  it('refuses a signature at or above the modulus, or of the wrong length', async () => {
    const key = await publicKeyOf('chip-0-support');
    expect(rsaPublicOperation(key, key.modulus)).toBeNull();
    expect(rsaPublicOperation(key, new Uint8Array(255))).toBeNull();
    expect(verifyPkcs1DigestInfo(key, new Uint8Array(51), new Uint8Array(256).fill(0xff))).toBe(false);
  });
});

describe('CV certificate', () => {
  it('verifies under the simulator CA and yields the certified key', async () => {
    const certificate = parseCvCertificate((await chipFiles()).supportCv);
    const key = await verifyCvCertificate(certificate, await simulatorCvAnchors(), 'support');
    expect(toHex(key.modulus)).toBe(toHex((await publicKeyOf('simulator-ap-support')).modulus));
  });

  it('wrong key ID, even in the last padding byte: issuer unknown (the ID is compared in full)', async () => {
    const anchors = await simulatorCvAnchors();
    const file = (await chipFiles()).supportCv;
    for (const index of [0, 6, 15]) {
      const copy = file.slice();
      copy[10 + index] = index === 15 ? 0x01 : 0x38;
      const certificate = parseCvCertificate(copy);
      expect(await failure(() => verifyCvCertificate(certificate, anchors, 'support'))).toBe('issuer-unknown');
    }
  });

  it("the other application's CA key is not accepted", async () => {
    const certificate = parseCvCertificate((await chipFiles()).supportCv);
    const anchors = await simulatorCvAnchors();
    expect(await failure(() => verifyCvCertificate(certificate, anchors, 'surface'))).toBe('issuer-unknown');
  });

  it('right key ID, wrong key: refused as a bad certificate', async () => {
    const certificate = parseCvCertificate((await chipFiles()).supportCv);
    const anchors = demoCvAnchors([
      { application: 'support', keyId: SIMULATOR_KEY_IDS.supportCa, publicKey: await publicKeyOf('untrusted-cv-ca') },
    ]);
    expect(await failure(() => verifyCvCertificate(certificate, anchors, 'support'))).toBe('cv-certificate');
  });

  it('a tampered body or signature byte: refused (fixed seed over every body byte position)', async () => {
    const anchors = await simulatorCvAnchors();
    const file = (await chipFiles()).surfaceCv;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10 + 32, max: file.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, flip) => {
          const copy = file.slice();
          copy[at] = (copy[at] ?? 0) ^ flip;
          let certificate;
          try {
            certificate = parseCvCertificate(copy);
          } catch (error) {
            expect(error).toMatchObject({ code: 'card.parse' }); // e.g. a modulus that lost its top bit
            return;
          }
          expect(await failure(() => verifyCvCertificate(certificate, anchors, 'surface'))).toBe('cv-certificate');
        },
      ),
      { seed: 4242, numRuns: 60 },
    );
  });

  it('the key the certificate carries does not verify it (myna-card the_cards_own_certificates_verify…)', async () => {
    const certificate = parseCvCertificate((await chipFiles()).supportCv);
    const anchors = demoCvAnchors([
      { application: 'support', keyId: SIMULATOR_KEY_IDS.supportCa, publicKey: certificate.publicKey },
    ]);
    expect(await failure(() => verifyCvCertificate(certificate, anchors, 'support'))).toBe('cv-certificate');
  });
});

describe('signed records', () => {
  it('EF 0007 and the age record verify under the certified key', async () => {
    const files = await chipFiles();
    await verifySignedRecord(parseSignedKeyRecord(files.signedKey), await publicKeyOf('simulator-ap-support'));
    await verifySignedRecord(parseAgeRecord(files.ageRecord), await publicKeyOf('simulator-ap-surface'));
  });

  it('DF13: a flipped byte in DF11, DF12 or DF13 breaks it (myna-card a_tampered_record_does_not_verify)', async () => {
    const file = (await chipFiles()).ageRecord;
    const key = await publicKeyOf('simulator-ap-surface');
    // DF11 value, DF12 modulus, DF13 signature.
    for (const at of [5 + 3 + 2, 5 + 11 + 20, file.length - 56]) {
      const copy = file.slice();
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      const record = parseAgeRecord(copy);
      expect(await failure(() => verifySignedRecord(record, key))).toBe('signed-record');
    }
  });

  it('the card key inside the record does not verify the record (myna-card the_card_key_does_not_verify…)', async () => {
    const record = parseAgeRecord((await chipFiles()).ageRecord);
    expect(await failure(() => verifySignedRecord(record, record.publicKey))).toBe('signed-record');
  });
});

describe('card face DF28', () => {
  /** Offsets (in the file) of every object's value, by tag. */
  function valueOffsets(file: Uint8Array): Map<number, number> {
    const outer = readTlv(file);
    const valueStart = file.length - outer.value.length;
    const out = new Map<number, number>();
    let previousEnd = 0;
    for (const tlv of readTlvList(outer.value)) {
      out.set(tlv.tag, valueStart + tlv.end - tlv.value.length);
      previousEnd = tlv.end;
    }
    expect(previousEnd).toBe(outer.value.length);
    return out;
  }

  it('verifies over the three groups', async () => {
    const face = parseCardFace((await chipFiles()).cardFace);
    await verifyCardFace(face, await publicKeyOf('simulator-ap-surface'));
  });

  it.each([
    [0xdf22, 'group 1: date of birth'],
    [0xdf23, 'group 1: sex'],
    [0xdf24, 'group 1: card key'],
    [0xdf25, 'group 2: name image'],
    [0xdf26, 'group 2: address image'],
    [0xdf27, 'group 3: photo'],
    [0xdf28, 'the signature itself'],
  ])('a flipped byte in %s (%s) breaks it', async (tag) => {
    const file = (await chipFiles()).cardFace;
    const at = (valueOffsets(file).get(tag) ?? 0) + (tag === 0xdf27 ? 40 : tag === 0xdf24 ? 20 : 0);
    const copy = file.slice();
    copy[at] = (copy[at] ?? 0) ^ 0x01;
    const face = parseCardFace(copy);
    expect(await failure(async () => verifyCardFace(face, await publicKeyOf('simulator-ap-surface')))).toBe(
      'photo-record',
    );
  });

  it('DF29 (expiry) and DF2A come after the signature: a changed expiry still verifies, so the app never uses it', async () => {
    const file = (await chipFiles()).cardFace;
    const copy = file.slice();
    const at = valueOffsets(file).get(0xdf29) ?? 0;
    copy.set(new TextEncoder().encode('2099'), at);
    const face = parseCardFace(copy);
    expect(await failure(async () => verifyCardFace(face, await publicKeyOf('simulator-ap-surface')))).toBe('passed');
  });
});

describe('challenge', () => {
  it('the key from the record answers; another key (a clone) does not; nor does an answer to another challenge', async () => {
    const key = await publicKeyOf('chip-0-surface');
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const digestInfo = await challengeDigestInfo(challenge);
    const genuine = (await signer('chip-0-surface')).raw.sign(digestInfo);
    await verifyChallengeAnswer(key, challenge, genuine);
    const clone = (await signer('chip-clone')).raw.sign(digestInfo);
    expect(await failure(() => verifyChallengeAnswer(key, challenge, clone))).toBe('challenge');
    const other = concatBytes(challenge.subarray(1), hex`00`);
    expect(await failure(() => verifyChallengeAnswer(key, other, genuine))).toBe('challenge');
  });
});
