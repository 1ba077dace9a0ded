/**
 * Strict parsers of the records that prove the chip genuine (layouts in `mynumber/chip-layout.ts`): a
 * card-verifiable certificate, the support AP's signed key, the surface AP's age record and card face. Each
 * takes exactly one template (the reader has cut the card's padding off) and throws `CardError('card.parse')`
 * for anything else — an extra, missing, repeated or misplaced object, a wrong length, a key that is not
 * RSA-2048 with e = 65537. Values are views into the input: the caller wipes the input when it held personal
 * data. The card face's name and address images are never exposed on their own: they exist only inside the
 * signed group they are hashed with.
 */
import { readTlv, readTlvList, TlvError, type Tlv } from './ber-tlv';
import { bytesEqual } from './bytes';
import { CardError } from './card-errors';
import {
  AGE_RECORD,
  CARD_FACE,
  CARD_PUBLIC_KEY,
  CV_CERTIFICATE,
  JP2_SIGNATURE,
  KEY_ID,
  SIGNATURE_LENGTH,
  SIGNED_KEY,
} from './mynumber/chip-layout';

/** An RSA-2048 public key as the card writes it. */
export interface CardPublicKey {
  readonly modulus: Uint8Array;
  readonly exponent: Uint8Array;
}

export interface CvCertificate {
  /** 証明者鍵ID: names the CA key that signed the body. */
  readonly issuerKeyId: Uint8Array;
  /** 被証明者鍵ID: names the certified key. */
  readonly subjectKeyId: Uint8Array;
  /** The certified key: it signs the application's records. */
  readonly publicKey: CardPublicKey;
  /** The 297 body bytes the signature covers. */
  readonly body: Uint8Array;
  readonly signature: Uint8Array;
}

/** A record signed by the application key, with the bytes the signature covers. */
export interface SignedRecord {
  readonly signedData: Uint8Array;
  readonly signature: Uint8Array;
}

/** Support AP EF 0007: the key that answers the support AP's challenge, signed by the certified key. */
export interface SignedKeyRecord extends SignedRecord {
  readonly publicKey: CardPublicKey;
}

/** Surface AP EF 0001: the date of birth and the card key, signed by the certified key. */
export interface AgeRecord extends SignedRecord {
  /** `YYYYMMDD` as stored (ASCII digits), unparsed: the policy parses it. */
  readonly birthDate: string;
  readonly publicKey: CardPublicKey;
}

/** Surface AP EF 0002, reduced to what the check uses. */
export interface CardFaceRecord {
  /** DF22 `YYYYMMDD` as stored. */
  readonly birthDate: string;
  /** DF24, the card key that answers the surface AP's challenge. */
  readonly publicKey: CardPublicKey;
  /** DF27, the face photo: JPEG 2000 in a JP2 container. */
  readonly photo: Uint8Array;
  readonly signature: Uint8Array;
  /** The three groups DF28's digest covers (objects with headers, as written). */
  readonly signedGroups: readonly [Uint8Array, Uint8Array, Uint8Array];
}

function parseError(message: string): CardError {
  return new CardError('card.parse', message);
}

/** Runs `parse`, turning a TLV error into `card.parse`. */
function strictly<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CardError) throw error;
    throw parseError(`${what}: ${error instanceof Error ? error.message : 'malformed'}`);
  }
}

/** The single template `tag` filling `bytes`, and its children, which must fill its value exactly. */
function template(bytes: Uint8Array, tag: number): { outer: Tlv; children: Tlv[] } {
  const outer = readTlv(bytes);
  if (outer.tag !== tag) throw new TlvError(`expected tag ${tag.toString(16)}, found ${outer.tag.toString(16)}`);
  if (outer.end !== bytes.length) throw new TlvError('bytes after the template');
  return { outer, children: readTlvList(outer.value) };
}

/** Children whose tags are exactly `tags`, in that order. */
function expectTags(children: readonly Tlv[], tags: readonly number[]): Tlv[] {
  if (children.length !== tags.length || children.some((child, i) => child.tag !== tags[i])) {
    throw new TlvError(`expected objects ${tags.map((t) => t.toString(16)).join(' ')}`);
  }
  return [...children];
}

function signatureOf(tlv: Tlv): Uint8Array {
  if (tlv.value.length !== SIGNATURE_LENGTH) throw new TlvError('signature is not 256 bytes');
  return tlv.value;
}

/** Eight ASCII digits `YYYYMMDD`. */
function dateOf(tlv: Tlv): string {
  if (tlv.value.length !== 8 || tlv.value.some((b) => b < 0x30 || b > 0x39)) throw new TlvError('date is not 8 digits');
  return String.fromCharCode(...tlv.value);
}

/**
 * `90 03 01 00 01 91 82 01 00 <256-byte modulus>`.
 * @throws {CardError} `card.parse` for anything but an RSA-2048 key with e = 65537.
 */
export function parseCardPublicKey(bytes: Uint8Array): CardPublicKey {
  return strictly('public key', () => {
    if (bytes.length !== CARD_PUBLIC_KEY.encodedLength) throw new TlvError('not an RSA-2048 key');
    const [exponent, modulus] = expectTags(readTlvList(bytes), [
      CARD_PUBLIC_KEY.exponentTag,
      CARD_PUBLIC_KEY.modulusTag,
    ]);
    if (!exponent || !modulus) throw new TlvError('missing key part');
    if (!bytesEqual(exponent.value, CARD_PUBLIC_KEY.exponent)) throw new TlvError('exponent is not 65537');
    if (modulus.value.length !== CARD_PUBLIC_KEY.modulusLength || (modulus.value[0] ?? 0) < 0x80) {
      throw new TlvError('modulus is not 2048 bits');
    }
    return { modulus: modulus.value, exponent: exponent.value };
  });
}

/**
 * A 16-byte key ID of the documented shape: digits where digits belong and `08 05` between them. The padding
 * is not checked (soltia48/myna-card `KeyId::parse` does not either); the issuer ID is compared in full with
 * the configured CA key, so any difference there still refuses the certificate.
 */
function keyIdOf(bytes: Uint8Array): Uint8Array {
  const digits = (from: number, to: number) => bytes.subarray(from, to).every((b) => b >= 0x30 && b <= 0x39);
  const shaped =
    bytes.length === KEY_ID.length && digits(0, 7) && bytes[7] === 0x08 && bytes[8] === 0x05 && digits(9, 12);
  if (!shaped) throw new TlvError('not a key ID');
  return bytes;
}

/**
 * A card-verifiable certificate `7F21 { 5F4E body (297), 5F37 signature (256) }` (EF 0004).
 * @throws {CardError} `card.parse` for anything else.
 */
export function parseCvCertificate(bytes: Uint8Array): CvCertificate {
  return strictly('CV certificate', () => {
    const { children } = template(bytes, CV_CERTIFICATE.tag);
    const [body, signature] = expectTags(children, [CV_CERTIFICATE.bodyTag, CV_CERTIFICATE.signatureTag]);
    if (!body || !signature) throw new TlvError('missing body or signature');
    if (body.value.length !== CV_CERTIFICATE.bodyLength) throw new TlvError('body is not 297 bytes');
    const ids = 2 * KEY_ID.length;
    return {
      issuerKeyId: keyIdOf(body.value.subarray(0, KEY_ID.length)),
      subjectKeyId: keyIdOf(body.value.subarray(KEY_ID.length, ids)),
      publicKey: parseCardPublicKey(body.value.subarray(ids)),
      body: body.value,
      signature: signatureOf(signature),
    };
  });
}

/** The bytes of the objects before `index`, headers included, as written. */
function objectsBefore(value: Uint8Array, children: readonly Tlv[], index: number): Uint8Array {
  const last = children[index - 1];
  return value.subarray(0, last ? last.end : 0);
}

/**
 * Support AP EF 0007 `FF50 { DF51 key, DF52 signature }`; DF52 covers the DF51 object as written.
 * @throws {CardError} `card.parse` for anything else.
 */
export function parseSignedKeyRecord(bytes: Uint8Array): SignedKeyRecord {
  return strictly('EF 0007', () => {
    const { outer, children } = template(bytes, SIGNED_KEY.tag);
    const [key, signature] = expectTags(children, [SIGNED_KEY.keyTag, SIGNED_KEY.signatureTag]);
    if (!key || !signature) throw new TlvError('missing key or signature');
    return {
      publicKey: parseCardPublicKey(key.value),
      signedData: objectsBefore(outer.value, children, 1),
      signature: signatureOf(signature),
    };
  });
}

/**
 * Surface AP EF 0001 `FF10 { DF11 date, DF12 key, DF13 signature }`; DF13 covers DF11 ‖ DF12 as written.
 * @throws {CardError} `card.parse` for anything else.
 */
export function parseAgeRecord(bytes: Uint8Array): AgeRecord {
  return strictly('age record', () => {
    const { outer, children } = template(bytes, AGE_RECORD.tag);
    const [date, key, signature] = expectTags(children, [
      AGE_RECORD.birthDateTag,
      AGE_RECORD.keyTag,
      AGE_RECORD.signatureTag,
    ]);
    if (!date || !key || !signature) throw new TlvError('missing object');
    return {
      birthDate: dateOf(date),
      publicKey: parseCardPublicKey(key.value),
      signedData: objectsBefore(outer.value, children, 2),
      signature: signatureOf(signature),
    };
  });
}

/**
 * Surface AP EF 0002 (see `CARD_FACE`): the nine objects after the DF21 offsets table, in order, each where
 * the table says it starts (offsets count from the start of the file).
 * @throws {CardError} `card.parse` for anything else, including a photo that is not a JP2 file.
 */
export function parseCardFace(bytes: Uint8Array): CardFaceRecord {
  return strictly('card face', () => {
    const { outer, children } = template(bytes, CARD_FACE.tag);
    const [offsets, ...objects] = expectTags(children, [CARD_FACE.offsetsTag, ...CARD_FACE.order]);
    if (!offsets || offsets.value.length !== 2 * CARD_FACE.order.length) throw new TlvError('bad offsets table');
    const valueStart = bytes.length - outer.value.length;
    const starts = [offsets, ...objects].map((_, i) => valueStart + (i === 0 ? 0 : (children[i - 1]?.end ?? 0)));
    objects.forEach((_, i) => {
      const declared = ((offsets.value[2 * i] ?? 0) << 8) | (offsets.value[2 * i + 1] ?? 0);
      if (declared !== starts[i + 1]) throw new TlvError(`offset ${i} does not point at its object`);
    });
    const byTag = new Map(objects.map((tlv, i) => [tlv.tag, { tlv, start: children[i]?.end ?? 0 }]));
    const get = (tag: number) => {
      const found = byTag.get(tag);
      if (!found) throw new TlvError(`missing ${tag.toString(16)}`);
      return found;
    };
    const group = (tags: readonly number[]) => {
      const first = get(tags[0] ?? 0);
      const last = get(tags[tags.length - 1] ?? 0);
      return outer.value.subarray(first.start, last.tlv.end);
    };
    const [first, second, third] = CARD_FACE.signedGroups;
    const photo = get(CARD_FACE.photoTag).tlv.value;
    if (!bytesEqual(photo.subarray(0, JP2_SIGNATURE.length), JP2_SIGNATURE)) throw new TlvError('photo is not JP2');
    return {
      birthDate: dateOf(get(CARD_FACE.birthDateTag).tlv),
      publicKey: parseCardPublicKey(get(CARD_FACE.keyTag).tlv.value),
      photo,
      signature: signatureOf(get(CARD_FACE.signatureTag).tlv),
      signedGroups: [group(first ?? []), group(second ?? []), group(third ?? [])],
    };
  });
}
