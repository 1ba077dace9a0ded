import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPersonaCard } from '../../../mocks/card/persona-card';
import { PERSONA_SIGN_PASSWORD, type PersonaId } from '../../../mocks/card/personas';
import { asciiHex, verifyCommand } from '../../../mocks/card/test-support';
import { VirtualMyNumberCard } from '../../../mocks/card/virtual-card';
import { fromHex, toHex } from '../bytes';
import { CardAccessGuard } from './card-access-guard';
import { CARD_POLICY, credentialFloor, isSelectable, POLICY_REFUSALS, type PolicyRefusal } from './card-policy';
import { FORBIDDEN_FILES, type ApplicationName } from './ids';

const TODAY = '2026-11-26';

/** Hex of the commands, as card-protocol.md (§1–§4) and OpenSC `card-jpki.c` write them. */
const SELECT = {
  jpki: '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01',
  support: '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08',
  surface: '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02',
} as const;
const ef = (fid: number) => `00 A4 02 0C 02 ${fid.toString(16).padStart(4, '0')}`;
const TRIES_QUERY = '00 20 00 80';
/** SHA-256 DigestInfo of 32 zero bytes (card-protocol.md §2: the 19-byte prefix, then the digest). */
const DIGEST_INFO = `30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${'00 '.repeat(32)}`;
const JPKI_SIGN = `80 2A 00 80 33 ${DIGEST_INFO} 00`;
const CHALLENGE = `80 2A 00 00 33 ${DIGEST_INFO} 00`;

/** The guard in front of a card: refused commands never reach it. */
function guarded(card: VirtualMyNumberCard, guard = new CardAccessGuard()) {
  const refusals: PolicyRefusal[] = [];
  return {
    guard,
    refusals,
    present: () => card.present,
    async send(command: string): Promise<string> {
      const decision = guard.admit(fromHex(command.replaceAll(' ', '')));
      if (!decision.ok) {
        refusals.push(decision.refusal);
        return decision.refusal;
      }
      const response = await card.transmit(fromHex(command.replaceAll(' ', '')));
      decision.settle(response);
      return toHex(response);
    },
  };
}

async function cardOf(id: PersonaId = 'adult-35') {
  return createPersonaCard(id, TODAY);
}

describe('the card policy table', () => {
  it('never lists a My Number file or credential', () => {
    for (const app of Object.keys(FORBIDDEN_FILES) as ApplicationName[]) {
      for (const fid of FORBIDDEN_FILES[app]) {
        expect(CARD_POLICY[app].files.has(fid)).toBe(false);
        expect(isSelectable(app, fid)).toBe(false);
      }
    }
  });

  it('lists the files the age checks read and no others', () => {
    const listed = (app: ApplicationName) => [...CARD_POLICY[app].files.keys()].sort((a, b) => a - b);
    // JPKI: 000A (reader check), 001B password, 0001 signature certificate, 001A signature key.
    expect(listed('jpki')).toEqual([0x0001, 0x000a, 0x001a, 0x001b]);
    // Support AP: 0002 basic four, 0004 CV certificate, 0007 AP key, 0015 number B — never 0001/0003/0014.
    expect(listed('support')).toEqual([0x0002, 0x0004, 0x0007, 0x0015]);
    // Surface AP: 0001 age record, 0002 card face, 0004 CV certificate, 0011 birth-date key, 0012 number B.
    expect(listed('surface')).toEqual([0x0001, 0x0002, 0x0004, 0x0011, 0x0012]);
  });

  it('gives the floors the card layer uses', () => {
    expect(credentialFloor('jpki', 0x001b)).toBe(2);
    expect(credentialFloor('support', 0x0015)).toBe(4);
    expect(credentialFloor('surface', 0x0011)).toBe(3); // maximum not public: two tries kept in reserve
    expect(credentialFloor('surface', 0x0012)).toBe(4);
    expect(() => credentialFloor('support', 0x0002)).toThrow();
  });
});

describe('CardAccessGuard: what the app sends goes through', () => {
  it('the genuine-chip sequences of issue 15 (card-protocol.md §4.2, §4.3)', async () => {
    // The simulator does not model these files yet (issue 15 adds them): a card that answers 63 CA to a tries
    // query and 90 00 to everything else stands in, since only the guard's decisions are under test here.
    const { persona } = await cardOf();
    const card = {
      present: true,
      transmit: (apdu: Uint8Array) =>
        Promise.resolve(apdu.length === 4 && apdu[1] === 0x20 ? fromHex('63CA') : fromHex('9000')),
    } as unknown as VirtualMyNumberCard;
    const g = guarded(card);
    const surfaceKey = persona.numberB.slice(0, 6);
    const steps = [
      // Support AP: number B, EF 0002, CV certificate, signed AP key, challenge.
      SELECT.support,
      ef(0x0015),
      TRIES_QUERY,
      verifyCommand(persona.numberB),
      ef(0x0002),
      '00 B0 00 00 05',
      ef(0x0004),
      '00 B0 00 00 08',
      ef(0x0007),
      '00 B0 00 00 08',
      CHALLENGE,
      // Surface AP: the age record behind the birth-date key, then the card face behind number B.
      SELECT.surface,
      ef(0x0004),
      '00 B0 00 00 08',
      ef(0x0011),
      TRIES_QUERY,
      verifyCommand(surfaceKey),
      ef(0x0001),
      '00 B0 00 00 10',
      CHALLENGE,
      ef(0x0012),
      TRIES_QUERY,
      verifyCommand(persona.numberB),
      ef(0x0002),
      '00 B0 00 00 10',
    ];
    for (const step of steps) await g.send(step);
    expect(g.refusals).toEqual([]);
  });
});

describe('CardAccessGuard: the attacks of issue 17 are refused before the card', () => {
  it.each([
    ['support', 0x0001],
    ['support', 0x0003],
    ['support', 0x0014],
    ['surface', 0x0005],
    ['surface', 0x0013],
  ] as const)('SELECT of %s EF %i (My Number) → my-number', async (app, fid) => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT[app]);
    expect(await g.send(ef(fid))).toBe('my-number');
    expect(card.privacyViolations).toEqual([]);
  });

  it('a read by short EF id (00 B0 81 00: support EF 0001) and a VERIFY by short EF id (00 20 00 94: 照合番号A)', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.support);
    expect(await g.send('00 B0 81 00 10')).toBe('read-not-allowed');
    expect(await g.send(`00 20 00 94 0C ${asciiHex('123456789012')}`)).toBe('verify-not-allowed');
    expect(card.privacyViolations).toEqual([]);
  });

  it('wrong passwords until the card locks: one per tries query, none below the floor, the card keeps a try', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.jpki);
    await g.send(ef(0x001b));
    const answers: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      answers.push(await g.send(TRIES_QUERY));
      answers.push(await g.send(verifyCommand('WRONG1')));
      // A second attempt on the same count is refused.
      answers.push(await g.send(verifyCommand('WRONG2')));
    }
    expect(answers.slice(0, 12)).toEqual([
      '63c5',
      '63c4',
      'verify-without-tries',
      '63c4',
      '63c3',
      'verify-without-tries',
      '63c3',
      '63c2',
      'verify-without-tries',
      '63c2',
      '63c1',
      'verify-without-tries',
    ]);
    expect(answers.slice(12)).toEqual(
      Array.from({ length: 4 }, () => ['63c1', 'verify-below-floor', 'verify-without-tries']).flat(),
    );
    expect(card.triesLeft('jpki', 0x001b)).toBe(1);
  });

  it('number B below its floor of 4 is refused (10 tries → 3 left at most)', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.support);
    await g.send(ef(0x0015));
    for (let i = 0; i < 12; i += 1) {
      await g.send(TRIES_QUERY);
      await g.send(verifyCommand('00000000000000'));
    }
    expect(card.triesLeft('support', 0x0015)).toBe(3);
  });

  it('a tries query does not carry over a DF selection, a failed select or another key', async () => {
    const { card, persona } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.support);
    await g.send(ef(0x0015));
    await g.send(TRIES_QUERY);
    await g.send(SELECT.support);
    await g.send(ef(0x0015));
    expect(await g.send(verifyCommand(persona.numberB))).toBe('verify-without-tries');
    await g.send(SELECT.surface);
    await g.send(ef(0x0011));
    await g.send(TRIES_QUERY);
    await g.send(ef(0x0012));
    expect(await g.send(verifyCommand(persona.numberB))).toBe('verify-without-tries');
  });

  it('protected reads, SIGN and the challenge only after their credential; SIGN once per verification', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.jpki);
    await g.send(ef(0x0001));
    expect(await g.send('00 B0 00 00 06')).toBe('read-not-allowed');
    await g.send(ef(0x001a));
    expect(await g.send(JPKI_SIGN)).toBe('sign-not-allowed');
    await g.send(ef(0x001b));
    await g.send(TRIES_QUERY);
    expect(await g.send(verifyCommand(PERSONA_SIGN_PASSWORD))).toBe('9000');
    await g.send(ef(0x001a));
    expect((await g.send(JPKI_SIGN)).slice(-4)).toBe('9000');
    expect(await g.send(JPKI_SIGN)).toBe('sign-not-allowed');
    // Signing anything but a SHA-256 DigestInfo, or with the authentication key, is never the app's.
    expect(await g.send(`80 2A 00 80 05 01 02 03 04 05 00`)).toBe('sign-not-allowed');
    expect(await g.send(ef(0x0017))).toBe('file-not-allowed');
    await g.send(SELECT.support);
    expect(await g.send(CHALLENGE)).toBe('sign-not-allowed');
  });

  it('commands the app never sends', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    expect(await g.send(ef(0x0015))).toBe('no-application');
    expect(await g.send('00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00')).toBe('application-not-allowed');
    expect(await g.send('00 A4 04 00 0A D3 92 10 00 31 00 01 01 04 08 00')).toBe('command-not-allowed');
    await g.send(SELECT.support);
    expect(await g.send('00 A4 02 0C 02 00 11')).toBe('file-not-allowed'); // the 4-digit PIN: not the app's
    expect(await g.send('00 84 00 00 08')).toBe('command-not-allowed'); // GET CHALLENGE
    expect(await g.send('00 88 00 00 05 01 02 03 04 05 00')).toBe('command-not-allowed'); // INTERNAL AUTHENTICATE
    expect(await g.send('01 A4 02 0C 02 00 02')).toBe('command-not-allowed'); // logical channel 1
    expect(await g.send('0C A4 02 0C 02 00 02')).toBe('command-not-allowed'); // secure messaging
    expect(await g.send('10 20 00 80 02 31 32')).toBe('command-not-allowed'); // command chaining
    expect(await g.send('00 C0 00 00 10')).toBe('get-response-not-allowed');
    expect(await g.send('00 A4 02 0C 00 02 00 02')).toBe('command-not-allowed'); // extended Lc
    expect(await g.send('00 D6 00 00 01 00')).toBe('command-not-allowed'); // UPDATE BINARY
  });

  it('a secret the credential cannot hold is refused (the app validates before sending)', async () => {
    const { card } = await cardOf();
    const g = guarded(card);
    await g.send(SELECT.support);
    await g.send(ef(0x0015));
    await g.send(TRIES_QUERY);
    expect(await g.send(verifyCommand('1234'))).toBe('verify-not-allowed');
    expect(card.triesLeft('support', 0x0015)).toBe(10);
  });
});

describe('CardAccessGuard: fuzzed command streams (fixed seed) against the virtual card', () => {
  /** Commands from the app's vocabulary and around it, so that the fuzz reaches the stateful rules. */
  const fid = fc.constantFrom(0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0007, 0x000a, 0x0011, 0x0012, 0x0013, 0x0014);
  const command = fc.oneof(
    fc.constantFrom(...Object.values(SELECT)),
    fc.constantFrom(0x0001, 0x0002, 0x001a, 0x001b, 0x0015).map(ef),
    fid.map(ef),
    fc.constant(TRIES_QUERY),
    fc.constantFrom('ABC123', 'WRONG1', '00000000000000', '123456', '123456789012').map(verifyCommand),
    fc.integer({ min: 0x81, max: 0x9f }).map((p2) => `00 20 00 ${p2.toString(16)} 06 ${asciiHex('123456')}`),
    fc.constantFrom('00 B0 00 00 10', '00 B0 81 00 10', '00 B0 85 00 10', '00 C0 00 00 10', JPKI_SIGN, CHALLENGE),
    fc.uint8Array({ minLength: 0, maxLength: 40 }).map((bytes) => toHex(bytes)),
  );
  /** A tries query followed by one or two guesses: the steps an attacker repeats to lock a credential. */
  const guess = fc
    .tuple(
      fc.constantFrom(
        [SELECT.jpki, ef(0x001b), 'WRONG1'],
        [SELECT.support, ef(0x0015), '00000000000000'],
        [SELECT.surface, ef(0x0011), '000000'],
        [SELECT.surface, ef(0x0012), '00000000000000'],
      ),
      fc.boolean(),
    )
    .map(([[app, key, secret], twice]) => [
      app,
      key,
      TRIES_QUERY,
      verifyCommand(secret),
      ...(twice ? [verifyCommand(secret)] : []),
    ]);
  const steps = fc
    .array(fc.oneof({ weight: 1, arbitrary: command.map((c) => [c]) }, { weight: 2, arbitrary: guess }), {
      maxLength: 40,
    })
    .map((groups) => groups.flat());

  it('never lets a My Number file be touched, and never costs a credential more than the app could', async () => {
    const { model } = (await cardOf()).card;
    await fc.assert(
      fc.asyncProperty(steps, async (commands) => {
        const card = new VirtualMyNumberCard(model);
        const g = guarded(card);
        for (const c of commands) await g.send(c);
        expect(card.privacyViolations).toEqual([]);
        // The app tries at or above the floor only, once per query: a credential ends at floor − 1 at worst.
        for (const [app, key] of [
          ['jpki', 0x001b],
          ['support', 0x0015],
          ['surface', 0x0011],
          ['surface', 0x0012],
        ] as const) {
          expect(card.triesLeft(app, key)).toBeGreaterThanOrEqual(credentialFloor(app, key) - 1);
        }
        for (const refusal of g.refusals) expect(POLICY_REFUSALS).toContain(refusal);
      }),
      { seed: 1717, numRuns: 400 },
    );
  });
});
