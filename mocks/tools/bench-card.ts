/**
 * `npm run bench:card`: time per APDU of the virtual card, for the age-check conversations (JPKI and
 * number B), signing measured apart. Prints figures; asserts nothing (these machines are noisy).
 */
import { fromHex, toHex } from '../../app/card/bytes';
import { AID, JPKI_EF, SUPPORT_EF } from '../../app/card/mynumber/ids';
import { SHA256_DIGEST_INFO_PREFIX } from '../../app/card/mynumber/jpki-oids';
import { createPersonaCard } from '../card/persona-card';

const ROUNDS = 200;
const hex = (n: number) => n.toString(16).padStart(4, '0');
const { card, persona } = await createPersonaCard('adult-35', '2026-11-26');
const ascii = (text: string) => toHex(new TextEncoder().encode(text));
const verify = (secret: string) => `00200080${secret.length.toString(16).padStart(2, '0')}${ascii(secret)}`;

/** One JPKI read and one number-B read: the APDUs a check sends, without SIGN. */
const conversation = [
  `00A4040C0A${toHex(AID.jpki)}`,
  `00A4020C02${hex(JPKI_EF.signPin)}`,
  '00200080',
  verify(persona.secrets.signPassword),
  `00A4020C02${hex(JPKI_EF.signCertificate)}`,
  '00B0000007',
  ...[0, 256, 512, 768].map((offset) => `00B0${hex(offset)}00`),
  `00A4040C0A${toHex(AID.support)}`,
  `00A4020C02${hex(SUPPORT_EF.numberB)}`,
  '00200080',
  verify(persona.numberB),
  `00A4020C02${hex(SUPPORT_EF.basicFour)}`,
  '00B0000000',
].map(fromHex);

// Warm up the JIT and the key caches.
for (const command of conversation) await card.transmit(command);

let apdus = 0;
const started = performance.now();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const command of conversation) {
    await card.transmit(command);
    apdus += 1;
  }
}
const perApdu = (performance.now() - started) / apdus;

const signPrep = [
  `00A4040C0A${toHex(AID.jpki)}`,
  `00A4020C02${hex(JPKI_EF.signPin)}`,
  verify(persona.secrets.signPassword),
  `00A4020C02${hex(JPKI_EF.signKey)}`,
];
for (const command of signPrep) await card.transmit(fromHex(command));
const sign = fromHex(`802A008033${toHex(SHA256_DIGEST_INFO_PREFIX)}${'00'.repeat(32)}00`);
const SIGNS = 20;
const signStarted = performance.now();
for (let i = 0; i < SIGNS; i += 1) await card.transmit(sign);
const perSign = (performance.now() - signStarted) / SIGNS;

console.log(`virtual card: ${apdus} APDUs (JPKI + number-B conversations, no SIGN)`);
console.log(`  per APDU: ${(perApdu * 1000).toFixed(1)} µs`);
console.log(`  SIGN (RSA-2048, CRT, BigInt): ${perSign.toFixed(1)} ms each over ${SIGNS}`);
console.log(`  privacy violations during the run: ${card.privacyViolations.length}`);
