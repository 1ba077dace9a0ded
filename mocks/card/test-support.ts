/**
 * Helpers for tests that talk to the virtual card in hex.
 */
import { readTlv } from '../../app/card/ber-tlv';
import { fromHex, toHex } from '../../app/card/bytes';
import { SUPPORT_EF, SURFACE_EF } from '../../app/card/mynumber/ids';
import { buildCardModel } from './persona-card';
import { persona, type PersonaId } from './personas';
import type { VirtualMyNumberCard } from './virtual-card';

/** Sends a hex command, returns the hex response (lower case, no spaces). */
export async function send(card: VirtualMyNumberCard, command: string): Promise<string> {
  return toHex(await card.transmit(fromHex(command)));
}

/** The status word of a hex response. */
export const swOf = (response: string): string => response.slice(-4);

/** Hex of ASCII text, for PIN and 照合番号B commands. */
export const asciiHex = (text: string): string => toHex(new TextEncoder().encode(text));

/** `00 20 00 80 Lc <secret>`: VERIFY of the selected credential. */
export const verifyCommand = (secret: string): string =>
  `00 20 00 80 ${secret.length.toString(16).padStart(2, '0')} ${asciiHex(secret)}`;

/** The genuine-chip files of a persona's card, cut to their templates (as the reader reads them). */
export async function chipFiles(id: PersonaId = 'adult-35', today = '2026-11-26') {
  const model = await buildCardModel(persona(id, today));
  const file = (app: 'support' | 'surface', fid: number) => {
    const entry = model.applications.find((a) => a.name === app)?.files.get(fid);
    if (entry?.kind !== 'binary') throw new Error('no such file');
    return entry.content.slice(0, readTlv(entry.content).end);
  };
  return {
    supportCv: file('support', SUPPORT_EF.cvCertificate),
    signedKey: file('support', SUPPORT_EF.apPublicKey),
    surfaceCv: file('surface', SURFACE_EF.cvCertificate),
    ageRecord: file('surface', SURFACE_EF.birthDate),
    cardFace: file('surface', SURFACE_EF.cardFace),
  };
}
