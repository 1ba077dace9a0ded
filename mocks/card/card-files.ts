/**
 * Contents of the virtual card's files, byte for byte as ../shared/docs/card-protocol.md describes them.
 * Where the doc marks a content as unknown ([open]), a small, clearly labelled placeholder stands in.
 */
import { encodeTlv } from '../../app/card/ber-tlv';
import type { CardPublicKey } from '../../app/card/chip-records';
import { concatBytes, u16be, utf8 } from '../../app/card/bytes';
import { JPKI_TOKEN_LABEL } from '../../app/card/mynumber/ids';
import type { TestSigner } from './pki/chip-pki';

/**
 * Files are longer than the objects they hold; what fills the rest is not documented. Erased EEPROM reads as
 * FF, so FF it is: readers must stop at the object's own length either way.
 */
export const PADDING_BYTE = 0xff;

/** Pads `content` to a multiple of `block` bytes, plus at least `minimum` bytes of padding. */
export function padded(content: Uint8Array, block = 256, minimum = 1): Uint8Array {
  const size = Math.ceil((content.length + minimum) / block) * block;
  const out = new Uint8Array(size).fill(PADDING_BYTE);
  out.set(content);
  return out;
}

/**
 * Certificate EFs have a fixed allocation on the card; 2 KB holds a JPKI certificate with room to spare
 * (the size itself is an assumption: the files are only known to be padded).
 */
export const CERTIFICATE_FILE_SIZE = 2048;

/** A certificate file: the DER object, padded to {@link CERTIFICATE_FILE_SIZE} (or more if it is longer). */
export function certificateFile(der: Uint8Array): Uint8Array {
  return padded(der, Math.max(CERTIFICATE_FILE_SIZE, der.length + 1));
}

/** JPKI EF 0006: the token label, space padded to 32 bytes. */
export function tokenInfo(): Uint8Array {
  return utf8(JPKI_TOKEN_LABEL.padEnd(32, ' '));
}

/**
 * A template whose first child `DF21` lists the file offsets (u16 BE) of the following children — the layout
 * of support AP EF 0002 and surface AP EF 0002. Offsets count from the start of the file and point at each
 * child's tag.
 */
export function offsetTemplate(templateTag: number, children: readonly Uint8Array[]): Uint8Array {
  const offsetsLength = 3 + 2 * children.length; // DF 21 <len> + 2 bytes per child
  const innerLength = offsetsLength + children.reduce((sum, c) => sum + c.length, 0);
  const headerLength = 2 + (innerLength < 0x80 ? 1 : innerLength < 0x100 ? 2 : 3);
  const offsets: Uint8Array[] = [];
  let at = headerLength + offsetsLength;
  for (const child of children) {
    offsets.push(u16be(at));
    at += child.length;
  }
  return encodeTlv(templateTag, concatBytes(encodeTlv(0xdf21, concatBytes(...offsets)), ...children));
}

/** Support AP EF 0002, 基本4情報: `FF20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }`. */
export function basicFour(fields: { name: string; address: string; birthDate: string; sex: string }): Uint8Array {
  return offsetTemplate(0xff20, [
    encodeTlv(0xdf22, utf8(fields.name)),
    encodeTlv(0xdf23, utf8(fields.address)),
    encodeTlv(0xdf24, utf8(fields.birthDate)),
    encodeTlv(0xdf25, utf8(fields.sex)),
  ]);
}

/** Placeholder bytes where a file's content is not public. */
function placeholder(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(utf8(`PLACEHOLDER ${label}`).subarray(0, length));
  return out;
}

/** A valid 1×1 grey PNG, standing in for the name, address and security-code images. */
const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** An RSA public key as the card writes it: `90` exponent, `91` modulus. */
export function cardKey(key: CardPublicKey): Uint8Array {
  return concatBytes(encodeTlv(0x90, key.exponent), encodeTlv(0x91, key.modulus));
}

/** A card-verifiable certificate `7F21 { 5F4E issuer ID ‖ subject ID ‖ key, 5F37 signature over the body }`. */
export async function cvCertificate(fields: {
  issuerKeyId: Uint8Array;
  subjectKeyId: Uint8Array;
  subjectKey: CardPublicKey;
  issuer: TestSigner;
}): Promise<Uint8Array> {
  const body = concatBytes(fields.issuerKeyId, fields.subjectKeyId, cardKey(fields.subjectKey));
  return encodeTlv(
    0x7f21,
    concatBytes(encodeTlv(0x5f4e, body), encodeTlv(0x5f37, await fields.issuer.signSha256(body))),
  );
}

/** Support AP EF 0007 `FF50 { DF51 key, DF52 signature over the DF51 object }`. */
export async function signedKeyRecord(key: CardPublicKey, apKey: TestSigner): Promise<Uint8Array> {
  const keyObject = encodeTlv(0xdf51, cardKey(key));
  return encodeTlv(0xff50, concatBytes(keyObject, encodeTlv(0xdf52, await apKey.signSha256(keyObject))));
}

/**
 * Surface AP EF 0001, age record: `FF10 { DF11 YYYYMMDD, DF12 card key, DF13 signature over DF11 ‖ DF12 }`.
 * `signedBirthDate` is what was signed; a different `birthDate` makes a record altered after signing.
 */
export async function ageRecord(fields: {
  birthDate: string;
  signedBirthDate: string;
  cardKey: CardPublicKey;
  apKey: TestSigner;
}): Promise<Uint8Array> {
  const objects = (date: string) =>
    concatBytes(encodeTlv(0xdf11, utf8(date)), encodeTlv(0xdf12, cardKey(fields.cardKey)));
  const signature = await fields.apKey.signSha256(objects(fields.signedBirthDate));
  return encodeTlv(0xff10, concatBytes(objects(fields.birthDate), encodeTlv(0xdf13, signature)));
}

/**
 * Surface AP EF 0002, card face: DF22 date of birth, DF23 sex, DF24 card key, DF25/DF26 name and address images,
 * DF27 JP2 photo, DF28 the signature over SHA-256(DF22‖DF23‖DF24) ‖ SHA-256(DF25‖DF26) ‖ SHA-256(DF27), then
 * DF29 expiry and DF2A the security-code image, which nothing signs. `signedBirthDate` as in {@link ageRecord}.
 */
export async function cardFace(fields: {
  birthDate: string;
  signedBirthDate: string;
  sex: string;
  expiry: string;
  cardKey: CardPublicKey;
  photo: Uint8Array;
  apKey: TestSigner;
}): Promise<Uint8Array> {
  const first = (date: string) => [
    encodeTlv(0xdf22, utf8(date)),
    encodeTlv(0xdf23, utf8(fields.sex)),
    encodeTlv(0xdf24, cardKey(fields.cardKey)),
  ];
  const images = [encodeTlv(0xdf25, TINY_PNG), encodeTlv(0xdf26, TINY_PNG)];
  const photo = encodeTlv(0xdf27, fields.photo);
  const sha = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
  const digest = concatBytes(
    await sha(concatBytes(...first(fields.signedBirthDate))),
    await sha(concatBytes(...images)),
    await sha(photo),
  );
  return offsetTemplate(0xff20, [
    ...first(fields.birthDate),
    ...images,
    photo,
    encodeTlv(0xdf28, fields.apKey.signDigest96(digest)),
    encodeTlv(0xdf29, utf8(fields.expiry)),
    encodeTlv(0xdf2a, TINY_PNG),
  ]);
}

/** Placeholders for files whose format is not public (AP basic information). */
export const PLACEHOLDER_FILES = Object.freeze({
  apInfo: () => placeholder('AP BASIC INFO', 16),
});
