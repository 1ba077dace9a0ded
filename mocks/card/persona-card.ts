/**
 * Builds a virtual card for a persona: the three applications with their files, keys and credentials.
 */
import { utf8 } from '../../app/card/bytes';
import { AID, CREDENTIALS, JPKI_CONTACT_ATR, JPKI_EF, SUPPORT_EF, SURFACE_EF } from '../../app/card/mynumber/ids';
import { concatBytes } from '../../app/card/bytes';
import { after, FREE, type CardApplication, type CardFile, type CardModel } from './card-model';
import {
  ageRecord,
  basicFour,
  cardFace,
  certificateFile,
  cvCertificate,
  padded,
  PLACEHOLDER_FILES,
  signedKeyRecord,
  tokenInfo,
} from './card-files';
import { FACE_PHOTOS_JP2 } from './face-photos';
import { CV_CA, publicKeyOf, signer } from './pki/chip-pki';
import { CHIP_KEY_SLOTS } from './pki/test-keys';
import { persona as resolvePersona, type Persona, type PersonaId } from './personas';
import { issueCardCertificates } from './pki/simulator-pki';
import { testKey } from './pki/test-keys';
import { rawRsaKey } from './raw-rsa';
import { VirtualMyNumberCard, type VirtualCardOptions } from './virtual-card';

const der = (certificate: { rawData: ArrayBuffer }) => new Uint8Array(certificate.rawData);

function credential(secret: string, spec: { maxTries: number }, initialTries = spec.maxTries): CardFile {
  return { kind: 'credential', secret: utf8(secret), maxTries: spec.maxTries, initialTries };
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
}

/** An application's CV certificate (EF 0004); `wrong-ca` signs it with another key under the same key ID. */
async function cvCertificateFor(application: 'support' | 'surface', persona: Persona): Promise<Uint8Array> {
  const ca = CV_CA[application];
  return cvCertificate({
    issuerKeyId: ca.id,
    subjectKeyId: ca.apId,
    subjectKey: await publicKeyOf(ca.ap),
    issuer: await signer(persona.chip === 'wrong-ca' ? 'untrusted-cv-ca' : ca.key),
  });
}

/** The genuine-chip files of both APs and the keys that answer their challenges (card-protocol.md §4). */
async function chipFiles(persona: Persona, chipBirthDate: string) {
  const slot = persona.keySlot % CHIP_KEY_SLOTS;
  const supportChipKey = `chip-${slot}-support`;
  const surfaceChipKey = `chip-${slot}-surface`;
  const signedBirthDate = persona.birthDateUnknown ? chipBirthDate : persona.signedBirthDate.replaceAll('-', '');
  const surfaceApKey = await signer(CV_CA.surface.ap);
  const surfaceCardKey = await publicKeyOf(surfaceChipKey);
  // A clone holds the genuine files but not the genuine chip's private keys.
  const answering = async (name: string) => (await signer(persona.chip === 'cloned' ? 'chip-clone' : name)).raw;
  return {
    support: {
      cvCertificate: await cvCertificateFor('support', persona),
      signedKey: await signedKeyRecord(await publicKeyOf(supportChipKey), await signer(CV_CA.support.ap)),
      challengeKey: await answering(supportChipKey),
    },
    surface: {
      cvCertificate: await cvCertificateFor('surface', persona),
      ageRecord: await ageRecord({
        birthDate: chipBirthDate,
        signedBirthDate,
        cardKey: surfaceCardKey,
        apKey: surfaceApKey,
      }),
      cardFace: await cardFace({
        birthDate: chipBirthDate,
        signedBirthDate,
        sex: persona.sex,
        expiry: persona.face.expiry.replaceAll('-', ''),
        cardKey: surfaceCardKey,
        photo: Uint8Array.from(atob(FACE_PHOTOS_JP2[persona.id]), (c) => c.charCodeAt(0)),
        apKey: surfaceApKey,
      }),
      challengeKey: await answering(surfaceChipKey),
    },
  };
}

/** The card's files for `persona`. */
export async function buildCardModel(persona: Persona): Promise<CardModel> {
  const certificates = await issueCardCertificates(persona);
  const signKey = await testKey(`card-${persona.keySlot}-sign`);
  const authKey = await testKey(`card-${persona.keySlot}-auth`);
  const { secrets } = persona;
  // The chip records an unknown date of birth as zeros (fails every date parser: the verdict must fail closed).
  const chipBirthDate = persona.birthDateUnknown ? '00000000' : persona.dateOfBirth.replaceAll('-', '');
  const eraBirthDigits = persona.numberB.slice(0, 6);
  const chip = await chipFiles(persona, chipBirthDate);

  const jpki: CardApplication = {
    name: 'jpki',
    aid: AID.jpki,
    files: new Map<number, CardFile>([
      [
        JPKI_EF.signCertificate,
        { kind: 'binary', content: certificateFile(der(certificates.signCertificate)), read: after(JPKI_EF.signPin) },
      ],
      [JPKI_EF.signCaCertificate, { kind: 'binary', content: certificateFile(der(certificates.signCa)), read: FREE }],
      [JPKI_EF.tokenInfo, { kind: 'binary', content: tokenInfo(), read: FREE }],
      [
        JPKI_EF.authCertificate,
        { kind: 'binary', content: certificateFile(der(certificates.authCertificate)), read: FREE },
      ],
      [JPKI_EF.authCaCertificate, { kind: 'binary', content: certificateFile(der(certificates.authCa)), read: FREE }],
      [JPKI_EF.authKey, { kind: 'key', key: rawRsaKey(authKey.jwk), credential: JPKI_EF.authPin }],
      [JPKI_EF.signKey, { kind: 'key', key: rawRsaKey(signKey.jwk), credential: JPKI_EF.signPin }],
      [JPKI_EF.authPin, credential(secrets.pin, CREDENTIALS.jpki[JPKI_EF.authPin])],
      [
        JPKI_EF.signPin,
        credential(secrets.signPassword, CREDENTIALS.jpki[JPKI_EF.signPin], persona.signPasswordTriesLeft),
      ],
    ]),
  };

  const myNumberFile = utf8(secrets.myNumber);
  const basicFourFile = padded(
    basicFour({ name: persona.name, address: persona.address, birthDate: chipBirthDate, sex: persona.sex }),
  );
  const support: CardApplication = {
    name: 'support',
    aid: AID.support,
    files: new Map<number, CardFile>([
      [
        SUPPORT_EF.myNumber,
        { kind: 'binary', content: padded(myNumberFile, 16), read: after(SUPPORT_EF.pin, SUPPORT_EF.numberA) },
      ],
      [
        SUPPORT_EF.basicFour,
        { kind: 'binary', content: basicFourFile, read: after(SUPPORT_EF.pin, SUPPORT_EF.numberB) },
      ],
      [
        SUPPORT_EF.integrity,
        {
          kind: 'binary',
          // SHA-256 of EF 0001 and EF 0002 and the issuer's signature (a placeholder here).
          content: concatBytes(await sha256(myNumberFile), await sha256(basicFourFile), new Uint8Array(256)),
          read: after(SUPPORT_EF.pin, SUPPORT_EF.numberA, SUPPORT_EF.numberB),
        },
      ],
      [SUPPORT_EF.cvCertificate, { kind: 'binary', content: padded(chip.support.cvCertificate), read: FREE }],
      [SUPPORT_EF.apInfo, { kind: 'binary', content: PLACEHOLDER_FILES.apInfo(), read: FREE }],
      [
        SUPPORT_EF.apPublicKey,
        {
          kind: 'binary',
          content: padded(chip.support.signedKey),
          read: after(SUPPORT_EF.pin, SUPPORT_EF.numberA, SUPPORT_EF.numberB),
        },
      ],
      [SUPPORT_EF.pin, credential(secrets.pin, CREDENTIALS.support[SUPPORT_EF.pin])],
      [SUPPORT_EF.numberA, credential(secrets.myNumber, CREDENTIALS.support[SUPPORT_EF.numberA])],
      [
        SUPPORT_EF.numberB,
        credential(persona.numberB, CREDENTIALS.support[SUPPORT_EF.numberB], persona.numberBTriesLeft),
      ],
    ]),
    challengeKey: chip.support.challengeKey,
  };

  const surface: CardApplication = {
    name: 'surface',
    aid: AID.surface,
    files: new Map<number, CardFile>([
      [
        SURFACE_EF.birthDate,
        { kind: 'binary', content: padded(chip.surface.ageRecord), read: after(SURFACE_EF.birthDateKey) },
      ],
      [
        SURFACE_EF.cardFace,
        {
          kind: 'binary',
          content: padded(chip.surface.cardFace),
          read: after(SURFACE_EF.numberB, SURFACE_EF.numberA),
        },
      ],
      [
        SURFACE_EF.myNumberImage,
        {
          kind: 'binary',
          content: padded(utf8(`PLACEHOLDER MY NUMBER IMAGE ${secrets.myNumber}`)),
          read: after(SURFACE_EF.numberB, SURFACE_EF.numberA),
        },
      ],
      [SURFACE_EF.apInfo, { kind: 'binary', content: PLACEHOLDER_FILES.apInfo(), read: FREE }],
      [SURFACE_EF.cvCertificate, { kind: 'binary', content: padded(chip.surface.cvCertificate), read: FREE }],
      [
        SURFACE_EF.birthDateKey,
        credential(eraBirthDigits, CREDENTIALS.surface[SURFACE_EF.birthDateKey], persona.birthDateKeyTriesLeft),
      ],
      [
        SURFACE_EF.numberB,
        credential(persona.numberB, CREDENTIALS.surface[SURFACE_EF.numberB], persona.numberBTriesLeft),
      ],
      [SURFACE_EF.numberA, credential(secrets.myNumber, CREDENTIALS.surface[SURFACE_EF.numberA])],
    ]),
    challengeKey: chip.surface.challengeKey,
  };

  return { applications: [jpki, support, surface], atr: JPKI_CONTACT_ATR };
}

/** A persona's card together with the persona it was made from. */
export interface PersonaCard {
  readonly persona: Persona;
  readonly card: VirtualMyNumberCard;
}

/**
 * Makes a fresh virtual card for a persona, resolved for `today` (Japanese date, ISO).
 * @throws {Error} for an unknown persona id.
 */
export async function createPersonaCard(
  id: PersonaId,
  today: string,
  options?: VirtualCardOptions,
): Promise<PersonaCard> {
  const persona = resolvePersona(id, today);
  const card = new VirtualMyNumberCard(await buildCardModel(persona), options);
  return { persona, card };
}
