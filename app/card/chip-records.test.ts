import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chipFiles } from '../../mocks/card/test-support';
import { persona } from '../../mocks/card/personas';
import { readTlv } from './ber-tlv';
import { concatBytes, fromHex, hex, toHex } from './bytes';
import { CardError } from './card-errors';
import {
  parseAgeRecord,
  parseCardFace,
  parseCardPublicKey,
  parseCvCertificate,
  parseSignedKeyRecord,
} from './chip-records';
import { JP2_SIGNATURE } from './mynumber/chip-layout';

const TODAY = '2026-11-26';

/** soltia48/myna-card `src/data.rs` test `parses_a_public_key`: `90 03 010001 91 820100 C9 AA…`. */
const REFERENCE_KEY = concatBytes(hex`90 03 01 00 01 91 82 01 00 C9`, new Uint8Array(255).fill(0xaa));

const expectParseError = (parse: () => unknown) => {
  expect(parse).toThrow(CardError);
  try {
    parse();
  } catch (error) {
    expect(error).toMatchObject({ code: 'card.parse' });
  }
};

describe('card public key (90/91)', () => {
  it('reads the reference layout: RSA-2048, e = 65537', () => {
    const key = parseCardPublicKey(REFERENCE_KEY);
    expect(key.modulus).toHaveLength(256);
    expect(key.modulus[0]).toBe(0xc9);
    expect(toHex(key.exponent)).toBe('010001');
  });

  it.each([
    ['exponent 3', concatBytes(hex`90 01 03 91 82 01 00 C9`, new Uint8Array(255).fill(0xaa), hex`00 00`)],
    ['a 255-byte modulus', concatBytes(hex`90 03 01 00 01 91 81 FF C9`, new Uint8Array(254).fill(0xaa), hex`00`)],
    ['a modulus below 2^2047', concatBytes(hex`90 03 01 00 01 91 82 01 00 39`, new Uint8Array(255).fill(0xaa))],
    ['the parts swapped', concatBytes(hex`91 82 01 00 C9`, new Uint8Array(255).fill(0xaa), hex`90 03 01 00 01`)],
    ['no exponent', concatBytes(hex`91 82 01 00 C9`, new Uint8Array(255).fill(0xaa))],
  ])('refuses %s', (_, bytes) => {
    expectParseError(() => parseCardPublicKey(bytes));
  });
});

describe('records as the card writes them', () => {
  it('the simulator writes the reference headers (card-protocol.md §4, soltia48/myna-card doc comments)', async () => {
    const files = await chipFiles();
    // 7F 21 82 02 33 { 5F 4E 82 01 29 …, 5F 37 82 01 00 … }: src/data.rs CardVerifiableCertificate.
    expect(toHex(files.supportCv.subarray(0, 10))).toBe('7f21820233' + '5f4e820129');
    expect(toHex(files.supportCv.subarray(5 + 5 + 297, 5 + 5 + 297 + 5))).toBe('5f37820100');
    // FF 50 82 02 13 { DF 51 82 01 09, DF 52 82 01 00 }: src/ap/text.rs SignedPublicKey.
    expect(toHex(files.signedKey.subarray(0, 10))).toBe('ff50820213' + 'df51820109');
    // FF 10 82 02 1E { DF 11 08, DF 12 82 01 09 90 03 01 00 01 91 82 01 00, DF 13 82 01 00 }: src/ap/surface.rs AgeRecord.
    expect(toHex(files.ageRecord.subarray(0, 8))).toBe('ff1082021e' + 'df1108');
    expect(toHex(files.ageRecord.subarray(16, 30))).toBe('df12820109' + '9003010001' + '91820100');
  });

  it('CV certificate: issuer and subject key IDs, the certified key, the 297 signed bytes', async () => {
    const certificate = parseCvCertificate((await chipFiles()).supportCv);
    expect(new TextDecoder().decode(certificate.issuerKeyId.subarray(0, 7))).toBe('9000033');
    expect(certificate.body).toHaveLength(297);
    expect(certificate.signature).toHaveLength(256);
    expect(certificate.publicKey.modulus).toHaveLength(256);
  });

  it('age record: the date, the card key, exactly DF11 ‖ DF12 as signed data', async () => {
    const files = await chipFiles();
    const record = parseAgeRecord(files.ageRecord);
    expect(record.birthDate).toBe(persona('adult-35', TODAY).dateOfBirth.replaceAll('-', ''));
    expect(record.signedData).toHaveLength(11 + 270);
    expect(toHex(record.signedData)).toBe(toHex(files.ageRecord.subarray(5, 5 + 281)));
  });

  it('signed key: DF52 covers the DF51 object with its header', async () => {
    const record = parseSignedKeyRecord((await chipFiles()).signedKey);
    expect(toHex(record.signedData.subarray(0, 5))).toBe('df51820109');
    expect(record.signedData).toHaveLength(270);
  });

  it('card face: three signed groups, the JP2 photo, nothing of the name or address exposed by itself', async () => {
    const face = parseCardFace((await chipFiles()).cardFace);
    const tags = face.signedGroups.map((group) => readTlv(group).tag);
    expect(tags).toEqual([0xdf22, 0xdf25, 0xdf27]);
    expect(face.photo.subarray(0, 12)).toEqual(JP2_SIGNATURE);
    expect(Object.keys(face).sort()).toEqual(['birthDate', 'photo', 'publicKey', 'signature', 'signedGroups']);
  });

  it('card face: an offset that does not point at its object is refused (myna-card a_wrong_offset_table_is_rejected)', async () => {
    const file = (await chipFiles()).cardFace;
    const at = 2 + 3 + 3 + 1; // FF 20 82 hh ll | DF 21 12 | first offset, low byte
    file[at] = (file[at] ?? 0) + 1;
    expectParseError(() => parseCardFace(file));
  });

  it.each([
    ['a wrong template', (b: Uint8Array) => concatBytes(hex`7F 22`, b.subarray(2))],
    [
      'a body one byte short',
      (b: Uint8Array) => {
        const body = readTlv(readTlv(b).value);
        return concatBytes(hex`7F 21 82 02 32 5F 4E 82 01 28`, body.value.subarray(0, 296), b.subarray(5 + 5 + 297));
      },
    ],
    ['bytes after the template', (b: Uint8Array) => concatBytes(b, hex`00`)],
    ['a truncated signature', (b: Uint8Array) => b.subarray(0, b.length - 1)],
    [
      'a non-digit key ID',
      (b: Uint8Array) => {
        const copy = b.slice();
        copy[10] = 0x41;
        return copy;
      },
    ],
  ])('CV certificate: refuses %s', async (_, mutate) => {
    const file = (await chipFiles()).supportCv;
    expectParseError(() => parseCvCertificate(mutate(file)));
  });

  it('card face: refuses a photo that is not JP2', async () => {
    const file = (await chipFiles()).cardFace;
    const photoAt = toHex(file).indexOf(toHex(JP2_SIGNATURE)) / 2;
    const copy = file.slice();
    copy[photoAt + 4] = 0x00;
    expectParseError(() => parseCardFace(copy));
  });
});

describe('fuzz (fixed seed): every failure of the new parsers is a typed card.parse error', () => {
  const parsers = [parseCvCertificate, parseSignedKeyRecord, parseAgeRecord, parseCardFace, parseCardPublicKey];

  it('random bytes and mutations of real files', async () => {
    const files = await chipFiles();
    const valid = [files.supportCv, files.signedKey, files.ageRecord, files.cardFace, files.surfaceCv];
    const mutation = fc
      .tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), fc.boolean())
      .map(([file, at, flip, cut, truncate]) => {
        const copy = file.slice();
        const index = at % copy.length;
        copy[index] = (copy[index] ?? 0) ^ flip;
        return truncate ? copy.subarray(0, cut % copy.length) : copy;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), mutation), (bytes) => {
        for (const parse of parsers) {
          try {
            parse(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(CardError);
            expect((error as CardError).code).toBe('card.parse');
          }
        }
      }),
      { seed: 1515, numRuns: 2000 },
    );
  });

  it('a hex helper round trip keeps the reference key intact', () => {
    expect(parseCardPublicKey(fromHex(toHex(REFERENCE_KEY))).modulus).toHaveLength(256);
  });
});
