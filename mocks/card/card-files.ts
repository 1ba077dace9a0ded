/**
 * Contents of the virtual card's files, byte for byte as ../shared/docs/card-protocol.md describes them.
 * Where the doc marks a content as unknown ([open]), a small, clearly labelled placeholder stands in.
 */
import { encodeTlv } from '../../app/card/ber-tlv';
import { concatBytes, u16be, utf8 } from '../../app/card/bytes';
import { JPKI_TOKEN_LABEL } from '../../app/card/mynumber/ids';

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

/** Placeholder signature or key bytes where the real ones are the issuer's secret. */
function placeholder(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(utf8(`PLACEHOLDER ${label}`).subarray(0, length));
  return out;
}

/** A valid 1×1 grey PNG, standing in for the face images. */
const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** Surface AP EF 0001, age record: `FF10 { DF11 YYYYMMDD, DF12 card public key, DF13 signature }`. */
export function ageRecord(birthDate: string): Uint8Array {
  return encodeTlv(
    0xff10,
    concatBytes(
      encodeTlv(0xdf11, utf8(birthDate)),
      encodeTlv(0xdf12, placeholder('CARD PUBLIC KEY', 270)),
      encodeTlv(0xdf13, placeholder('SIGNATURE', 256)),
    ),
  );
}

/** Surface AP EF 0002, card face: date of birth, sex, expiry and placeholder images. */
export function cardFace(fields: { birthDate: string; sex: string; expiry: string }): Uint8Array {
  return offsetTemplate(0xff20, [
    encodeTlv(0xdf22, utf8(fields.birthDate)),
    encodeTlv(0xdf23, utf8(fields.sex)),
    encodeTlv(0xdf24, placeholder('CARD PUBLIC KEY', 270)),
    encodeTlv(0xdf25, TINY_PNG),
    encodeTlv(0xdf26, TINY_PNG),
    encodeTlv(0xdf27, placeholder('JPEG 2000 FACE PHOTO', 64)),
    encodeTlv(0xdf28, placeholder('SIGNATURE', 256)),
    encodeTlv(0xdf29, utf8(fields.expiry)),
    encodeTlv(0xdf2a, TINY_PNG),
  ]);
}

/** Placeholders for files whose format is not public (CV certificate, AP info, AP public key). */
export const PLACEHOLDER_FILES = Object.freeze({
  cvCertificate: () => encodeTlv(0x7f21, encodeTlv(0x5f37, placeholder('CV CERTIFICATE SIGNATURE', 256))),
  apInfo: () => placeholder('AP BASIC INFO', 16),
  apPublicKey: () => placeholder('AP PUBLIC KEY', 270),
});
