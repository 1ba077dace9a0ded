import { beforeAll, describe, expect, it } from 'vitest';
import { readTlv, readTlvList } from '../../app/card/ber-tlv';
import { concatBytes, fromHex, toHex, utf8 } from '../../app/card/bytes';
import { AID, JPKI_EF, SUPPORT_EF, SURFACE_EF } from '../../app/card/mynumber/ids';
import { SHA256_DIGEST_INFO_PREFIX } from '../../app/card/mynumber/jpki-oids';
import { createPersonaCard, type PersonaCard } from './persona-card';
import { send, swOf, verifyCommand } from './test-support';
import { CardNotPresentError } from './virtual-card';
import * as x509 from './pki/x509-lib';

const TODAY = '2026-11-26';
const h = (bytes: Uint8Array) => toHex(bytes);
const fid = (n: number) => n.toString(16).padStart(4, '0');
const SELECT_JPKI = `00 A4 04 0C 0A ${h(AID.jpki)}`;
const SELECT_SUPPORT = `00 A4 04 0C 0A ${h(AID.support)}`;
const SELECT_SURFACE = `00 A4 04 0C 0A ${h(AID.surface)}`;
const selectEf = (n: number) => `00 A4 02 0C 02 ${fid(n)}`;

/** Reads a DER object from the selected EF: header first, then exactly its length, in 256-byte reads. */
async function readDer(pc: PersonaCard): Promise<Uint8Array> {
  const head = fromHex((await send(pc.card, '00 B0 00 00 04')).slice(0, -4));
  expect(head[0]).toBe(0x30);
  expect(head[1]).toBe(0x82);
  const total = ((head[2]! << 8) | head[3]!) + 4;
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < total; offset += 256) {
    const le = Math.min(256, total - offset) & 0xff;
    const response = await send(pc.card, `00 B0 ${fid(offset)} ${le.toString(16).padStart(2, '0')}`);
    expect(swOf(response)).toBe('9000');
    parts.push(fromHex(response.slice(0, -4)));
  }
  return concatBytes(...parts);
}

/** Reads the selected EF to its end in 256-byte reads (until a short answer or 6B 00). */
async function readWhole(pc: PersonaCard): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let offset = 0; ; offset += 256) {
    const response = await send(pc.card, `00 B0 ${fid(offset)} 00`);
    if (swOf(response) === '6b00') break;
    expect(swOf(response)).toBe('9000');
    parts.push(fromHex(response.slice(0, -4)));
    if (response.length - 4 < 512) break;
  }
  return concatBytes(...parts);
}

let adult: PersonaCard;
beforeAll(async () => {
  adult = await createPersonaCard('adult-35', TODAY);
});
const fresh = (id: Parameters<typeof createPersonaCard>[0] = 'adult-35') => createPersonaCard(id, TODAY);

describe('SELECT', () => {
  it.each([
    ['JPKI-AP', SELECT_JPKI, '9000'],
    ['support AP', SELECT_SUPPORT, '9000'],
    ['surface AP', SELECT_SURFACE, '9000'],
    ['an unknown AID', '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02', '6a82'],
    ['a wrong P2', `00 A4 04 04 0A ${h(AID.jpki)}`, '6a86'],
    ['the MF by P1 00', '00 A4 00 00', '6a86'],
  ])('%s → %s', async (_, command, expected) => {
    const { card } = await fresh();
    expect(await send(card, command)).toBe(expected);
  });

  it('answers 04 00 with an FCI naming the DF', async () => {
    const { card } = await fresh();
    expect(await send(card, `00 A4 04 00 0A ${h(AID.jpki)} 00`)).toBe(`6f0c840a${h(AID.jpki)}9000`);
  });

  it('selects an EF only under a DF and only if it exists', async () => {
    const { card } = await fresh();
    expect(await send(card, selectEf(JPKI_EF.tokenInfo))).toBe('6a82');
    await send(card, SELECT_JPKI);
    expect(await send(card, selectEf(JPKI_EF.tokenInfo))).toBe('9000');
    expect(await send(card, selectEf(0x3f00))).toBe('6a82');
    expect(await send(card, selectEf(0x0003))).toBe('6a82');
    expect(await send(card, '00 A4 02 0C 01 06')).toBe('6700');
  });
});

describe('READ BINARY', () => {
  it('reads the token label from EF 0006', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.tokenInfo));
    const response = await send(card, '00 B0 00 00 20');
    expect(new TextDecoder().decode(fromHex(response.slice(0, -4)))).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
    expect(swOf(response)).toBe('9000');
  });

  it('returns min(Le, rest), refuses offsets past the end, needs Le and a current EF', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    expect(await send(card, '00 B0 00 00 10')).toBe('6986');
    await send(card, selectEf(JPKI_EF.tokenInfo));
    expect(await send(card, '00 B0 00 1E 00')).toBe(`${h(utf8('  '))}9000`); // Le 256, 2 bytes left
    expect(await send(card, '00 B0 00 20 01')).toBe('6b00');
    expect(await send(card, '00 B0 00 00')).toBe('6700');
    expect(await send(card, '00 B0 81 00 01')).toBe('6a86'); // short-EF form not supported
  });

  it('reads the free authentication certificate, DER, padded after the object', async () => {
    const pc = await fresh();
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.authCertificate));
    const der = await readDer(pc);
    const certificate = new x509.X509Certificate(der.slice());
    expect(certificate.subject).toContain('SIMULATOR AUTHENTICATION');
    const after = await send(pc.card, `00 B0 ${fid(der.length)} 04`);
    expect(after).toBe('ffffffff9000');
  });

  it('keeps the signature certificate behind the signature password', async () => {
    const pc = await fresh();
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signCertificate));
    expect(await send(pc.card, '00 B0 00 00 04')).toBe('6982');
    await send(pc.card, selectEf(JPKI_EF.signPin));
    expect(await send(pc.card, verifyCommand('ABC123'))).toBe('9000');
    await send(pc.card, selectEf(JPKI_EF.signCertificate));
    expect(swOf(await send(pc.card, '00 B0 00 00 04'))).toBe('9000');
  });

  it('never reads a private key or a credential', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    for (const file of [JPKI_EF.signKey, JPKI_EF.authKey, JPKI_EF.signPin, JPKI_EF.authPin]) {
      await send(card, selectEf(file));
      expect(await send(card, '00 B0 00 00 10')).toBe('6982');
    }
    await send(card, selectEf(JPKI_EF.authPin));
    await send(card, verifyCommand('1234'));
    await send(card, selectEf(JPKI_EF.authKey));
    expect(await send(card, '00 B0 00 00 10')).toBe('6982');
  });
});

describe('VERIFY and retry counters', () => {
  it('answers an empty VERIFY with the tries left without spending one', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.signPin));
    expect(await send(card, '00 20 00 80')).toBe('63c5');
    expect(await send(card, '00 20 00 80')).toBe('63c5');
    await send(card, selectEf(JPKI_EF.authPin));
    expect(await send(card, '00 20 00 80')).toBe('63c3');
  });

  it('counts down, answers 63 C0 on the exhausting try, then 69 84 even for the right password', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.signPin));
    for (const left of [4, 3, 2, 1]) expect(await send(card, verifyCommand('WRONG1'))).toBe(`63c${left}`);
    expect(await send(card, verifyCommand('WRONG1'))).toBe('63c0');
    expect(await send(card, verifyCommand('ABC123'))).toBe('6984');
    expect(await send(card, '00 20 00 80')).toBe('63c0');
    expect(card.triesLeft('jpki', JPKI_EF.signPin)).toBe(0);
  });

  it('restores the counter after a right password', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.signPin));
    await send(card, verifyCommand('abc123')); // lower case is wrong: the client must fold to upper case
    expect(await send(card, '00 20 00 80')).toBe('63c4');
    expect(await send(card, verifyCommand('ABC123'))).toBe('9000');
    expect(await send(card, '00 20 00 80')).toBe('63c5');
  });

  it('addresses the credential by P2 = 80|id as well', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    expect(await send(card, '00 20 00 9B')).toBe('63c5');
    expect(await send(card, '00 20 00 98')).toBe('63c3');
    expect(await send(card, '00 20 00 80')).toBe('6985'); // nothing selected
    expect(await send(card, '00 20 00 8A')).toBe('6985'); // EF 000A is no credential
  });

  it.each([
    ['one-password-try-left', '63c1'],
    ['password-locked', '63c0'],
  ] as const)('%s starts with %s', async (id, answer) => {
    const { card } = await createPersonaCard(id, TODAY);
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.signPin));
    expect(await send(card, '00 20 00 80')).toBe(answer);
  });

  it('allows 10 wrong 照合番号B in a row, and never resets them over time or power cycles', async () => {
    const pc = await fresh();
    const { card } = pc;
    await send(card, SELECT_SUPPORT);
    await send(card, selectEf(SUPPORT_EF.numberB));
    expect(await send(card, '00 20 00 80')).toBe('63ca');
    await send(card, verifyCommand('00000000000000'));
    card.remove();
    card.insert();
    await send(card, SELECT_SUPPORT);
    await send(card, selectEf(SUPPORT_EF.numberB));
    expect(await send(card, '00 20 00 80')).toBe('63c9');
  });
});

describe('security state', () => {
  it('is cleared by selecting a DF, even the same one', async () => {
    const pc = await fresh();
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signPin));
    await send(pc.card, verifyCommand('ABC123'));
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signCertificate));
    expect(await send(pc.card, '00 B0 00 00 04')).toBe('6982');
  });

  it('is cleared by reset and removal; the card refuses APDUs while removed', async () => {
    const pc = await fresh();
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signPin));
    await send(pc.card, verifyCommand('ABC123'));
    pc.card.reset();
    expect(await send(pc.card, selectEf(JPKI_EF.signCertificate))).toBe('6a82'); // no DF after reset
    pc.card.remove();
    expect(pc.card.present).toBe(false);
    await expect(pc.card.transmit(fromHex(SELECT_JPKI))).rejects.toBeInstanceOf(CardNotPresentError);
    pc.card.insert();
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signCertificate));
    expect(await send(pc.card, '00 B0 00 00 04')).toBe('6982');
  });
});

describe('SIGN', () => {
  const challenge = utf8('fresh challenge 2026-11-26');

  async function digestInfo(): Promise<Uint8Array> {
    return concatBytes(SHA256_DIGEST_INFO_PREFIX, new Uint8Array(await crypto.subtle.digest('SHA-256', challenge)));
  }

  it.each([
    ['signature', JPKI_EF.signPin, 'ABC123', JPKI_EF.signKey, JPKI_EF.signCertificate],
    ['authentication', JPKI_EF.authPin, '1234', JPKI_EF.authKey, JPKI_EF.authCertificate],
  ])(
    'signs a DigestInfo with the %s key after its PIN, verifiable with its certificate',
    async (_, pin, secret, key, certFile) => {
      const pc = await fresh();
      await send(pc.card, SELECT_JPKI);
      await send(pc.card, selectEf(pin));
      await send(pc.card, verifyCommand(secret));
      await send(pc.card, selectEf(certFile));
      const certificate = new x509.X509Certificate((await readDer(pc)).slice());
      await send(pc.card, selectEf(key));
      const response = await send(pc.card, `80 2A 00 80 33 ${h(await digestInfo())} 00`);
      expect(swOf(response)).toBe('9000');
      const signature = fromHex(response.slice(0, -4));
      expect(signature.length).toBe(256);
      const publicKey = await certificate.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['verify']);
      expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature.slice(), challenge)).toBe(true);
    },
  );

  it('refuses without the PIN, without a key selected, and with the other key’s PIN', async () => {
    const pc = await fresh();
    const command = `80 2A 00 80 33 ${h(await digestInfo())} 00`;
    await send(pc.card, SELECT_JPKI);
    await send(pc.card, selectEf(JPKI_EF.signKey));
    expect(await send(pc.card, command)).toBe('6982');
    await send(pc.card, selectEf(JPKI_EF.authPin));
    await send(pc.card, verifyCommand('1234'));
    await send(pc.card, selectEf(JPKI_EF.signKey));
    expect(await send(pc.card, command)).toBe('6982');
    await send(pc.card, selectEf(JPKI_EF.tokenInfo));
    expect(await send(pc.card, command)).toBe('6985');
    expect(await send(pc.card, `80 2A 00 81 33 ${h(await digestInfo())} 00`)).toBe('6a86');
  });
});

describe('support AP', () => {
  it('opens basic 4 information with 照合番号B and stores the date of birth as YYYYMMDD', async () => {
    const pc = await fresh();
    const { card, persona } = pc;
    await send(card, SELECT_SUPPORT);
    await send(card, selectEf(SUPPORT_EF.basicFour));
    expect(await send(card, '00 B0 00 00 00')).toBe('6982');
    await send(card, selectEf(SUPPORT_EF.numberB));
    expect(await send(card, verifyCommand(persona.numberB))).toBe('9000');
    await send(card, selectEf(SUPPORT_EF.basicFour));
    const response = await send(card, '00 B0 00 00 00');
    const template = readTlv(fromHex(response.slice(0, -4)));
    expect(template.tag).toBe(0xff20);
    const fields = new Map(readTlvList(template.value).map((t) => [t.tag, new TextDecoder().decode(t.value)]));
    expect(fields.get(0xdf24)).toBe(persona.dateOfBirth.replaceAll('-', ''));
    expect(fields.get(0xdf22)).toBe(persona.name);
    expect(card.privacyViolations).toEqual([]);
  });

  it('logs every access to the My Number files and 照合番号A as a privacy violation', async () => {
    const { card, persona } = await fresh();
    await send(card, SELECT_SUPPORT);
    await send(card, selectEf(SUPPORT_EF.myNumber));
    await send(card, selectEf(SUPPORT_EF.integrity));
    await send(card, '00 B0 00 00 10');
    await send(card, selectEf(SUPPORT_EF.numberA));
    await send(card, '00 20 00 80');
    await send(card, verifyCommand(persona.secrets.myNumber));
    await send(card, SELECT_SURFACE);
    await send(card, selectEf(SURFACE_EF.myNumberImage));
    expect(card.privacyViolations.map((v) => [v.application, v.fid, v.action])).toEqual([
      ['support', SUPPORT_EF.myNumber, 'select'],
      ['support', SUPPORT_EF.integrity, 'select'],
      ['support', SUPPORT_EF.integrity, 'read'],
      ['support', SUPPORT_EF.numberA, 'select'],
      ['support', SUPPORT_EF.numberA, 'verify'],
      ['support', SUPPORT_EF.numberA, 'verify'],
      ['surface', SURFACE_EF.myNumberImage, 'select'],
    ]);
  });
});

describe('surface AP', () => {
  it('opens the age record with the 6-digit era birth date and the card face with 照合番号B', async () => {
    const pc = await fresh();
    const { card, persona } = pc;
    await send(card, SELECT_SURFACE);
    await send(card, selectEf(SURFACE_EF.birthDate));
    expect(await send(card, '00 B0 00 00 00')).toBe('6982');
    await send(card, selectEf(SURFACE_EF.birthDateKey));
    expect(await send(card, verifyCommand(persona.numberB.slice(0, 6)))).toBe('9000');
    await send(card, selectEf(SURFACE_EF.birthDate));
    const record = readTlv(await readWhole(pc));
    expect(record.tag).toBe(0xff10);
    const dob = readTlvList(record.value).find((t) => t.tag === 0xdf11);
    expect(new TextDecoder().decode(dob?.value)).toBe(persona.dateOfBirth.replaceAll('-', ''));

    await send(card, selectEf(SURFACE_EF.numberB));
    expect(await send(card, verifyCommand(persona.numberB))).toBe('9000');
    await send(card, selectEf(SURFACE_EF.cardFace));
    const face = readTlv(await readWhole(pc));
    expect(face.tag).toBe(0xff20);
    const expiry = readTlvList(face.value).find((t) => t.tag === 0xdf29);
    expect(new TextDecoder().decode(expiry?.value)).toBe(persona.face.expiry.replaceAll('-', ''));
  });
});

describe('malformed commands', () => {
  it.each([
    ['Lc longer than the data', '00 A4 04 0C 0A D3 92', '6700'],
    ['a bare header fragment', '00 A4', '6700'],
    ['an unknown INS', '00 CA 00 00 00', '6d00'],
    ['a logical channel', `01 A4 04 0C 0A ${h(AID.jpki)}`, '6881'],
    ['a proprietary CLA other than SIGN', '80 B0 00 00 01', '6e00'],
  ])('%s → %s', async (_, command, expected) => {
    expect(await send(adult.card, command)).toBe(expected);
  });
});

describe('trace', () => {
  it('records each exchange with timing and masks secrets', async () => {
    const { card } = await fresh();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(JPKI_EF.signPin));
    await send(card, verifyCommand('ABC123'));
    expect(card.trace).toHaveLength(3);
    const verify = card.trace[2]!;
    expect(h(verify.command)).toBe('00200080062a2a2a2a2a2a');
    expect(h(verify.response)).toBe('9000');
    expect(verify.durationMs).toBeGreaterThanOrEqual(0);
    expect(card.trace[1]!.at).toBeGreaterThanOrEqual(card.trace[0]!.at);
  });
});

describe('the chip challenge 80 2A 00 00', () => {
  const challenge = `80 2A 00 00 33 ${toHex(SHA256_DIGEST_INFO_PREFIX)} ${'AB'.repeat(32)} 00`;

  it('support and surface AP answer with a 256-byte signature and no credential; the JPKI-AP does not', async () => {
    const pc = await fresh();
    for (const app of [AID.support, AID.surface]) {
      await send(pc.card, `00 A4 04 0C 0A ${toHex(app)}`);
      const answer = await send(pc.card, challenge);
      expect(swOf(answer)).toBe('9000');
      expect(answer.length / 2 - 2).toBe(256);
    }
    await send(pc.card, `00 A4 04 0C 0A ${toHex(AID.jpki)}`);
    expect(swOf(await send(pc.card, challenge))).toBe('6985');
  });

  it('the cloned chip answers with another key than the genuine one', async () => {
    const genuine = await fresh('adult-35');
    const clone = await fresh('cloned-chip');
    const answers: string[] = [];
    for (const pc of [genuine, clone]) {
      await send(pc.card, `00 A4 04 0C 0A ${toHex(AID.surface)}`);
      answers.push(await send(pc.card, challenge));
    }
    expect(answers[0]).not.toBe(answers[1]);
  });

  it('the surface AP: EF 0004 free, EF 0001 only after the birth-date key, EF 0002 only after 照合番号B', async () => {
    const pc = await fresh();
    await send(pc.card, `00 A4 04 0C 0A ${toHex(AID.surface)}`);
    await send(pc.card, '00 A4 02 0C 02 00 04');
    expect(swOf(await send(pc.card, '00 B0 00 00 05'))).toBe('9000');
    await send(pc.card, '00 A4 02 0C 02 00 01');
    expect(swOf(await send(pc.card, '00 B0 00 00 05'))).toBe('6982');
    await send(pc.card, '00 A4 02 0C 02 00 11');
    expect(swOf(await send(pc.card, verifyCommand(pc.persona.numberB.slice(0, 6))))).toBe('9000');
    await send(pc.card, '00 A4 02 0C 02 00 01');
    expect(swOf(await send(pc.card, '00 B0 00 00 05'))).toBe('9000');
    await send(pc.card, '00 A4 02 0C 02 00 02');
    expect(swOf(await send(pc.card, '00 B0 00 00 05'))).toBe('6982');
    expect(pc.card.privacyViolations).toEqual([]);
  });
});
