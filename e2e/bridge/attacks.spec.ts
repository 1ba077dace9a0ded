/**
 * The attacks of issue 17, replayed against the running bridge on the real PC/SC stack (pcscd + vpcd + the
 * virtual card): a client that paired (what an XSS in the page, a compromised build or a local program with the
 * code would hold) sends raw APDUs. Before the card policy, every one of these reached the card: My-Number
 * files answered 90 00, and wrong VERIFYs locked the signature password (5 → 0, 69 84). Now each is refused
 * by the bridge before PC/SC, the card's own log shows it never arrived, and the card keeps its tries.
 */
import { expect, test } from '@playwright/test';
import { hex, toHex } from '../../app/card/bytes';
import { credentialFloor } from '../../app/card/mynumber/card-policy';
import type { BridgeConnection } from '../../app/readers/pcsc-bridge/connection';
import type { BridgeAnswer } from '../../app/readers/pcsc-bridge/protocol';
import { nodeBridgeClient } from '../../mocks/bridge/node-client';
import { persona } from '../../mocks/card/personas';
import { japanDate } from '../../app/policy';
import {
  BridgeProcess,
  bridgePort,
  cardLog,
  insertVirtualCard,
  pairingsFile,
  stop,
  VPCD_SLOT,
  type InsertedCard,
} from './stack';

test.describe.configure({ mode: 'serial' });

/** card-protocol.md §1–§4: the applications and the commands the attacks use. */
const SELECT = {
  jpki: hex`00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01`,
  support: hex`00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08`,
  surface: hex`00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02`,
};
const selectEf = (fid: number) => Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, fid >> 8, fid & 0xff);
const TRIES_QUERY = hex`00 20 00 80`;
const verify = (secret: string) => Uint8Array.of(0x00, 0x20, 0x00, 0x80, secret.length, ...Buffer.from(secret));

let bridge: BridgeProcess;
let card: InsertedCard;
let client: BridgeConnection;

const send = (apdu: Uint8Array): Promise<BridgeAnswer> => client.request({ type: 'transmit', apdu }, { binary: true });
const sw = (answer: BridgeAnswer) => (answer.type === 'response' ? toHex(answer.apdu.subarray(-2)) : answer.type);
const refusal = (answer: BridgeAnswer) =>
  answer.type === 'error' && answer.code === 'policy-refused' ? answer.message : `not refused: ${sw(answer)}`;

test.beforeAll(async () => {
  bridge = await BridgeProcess.start(pairingsFile());
});

test.afterAll(async () => {
  client.close();
  await bridge.stop();
});

test.beforeEach(async () => {
  card = await insertVirtualCard('adult-35');
  client = nodeBridgeClient(bridgePort(), process.env['E2E_BASE_URL'] ?? '');
  await client.pair(bridge.latestCode());
  await expect
    .poll(async () => (await client.readers()).find((r) => r.name === VPCD_SLOT.reader)?.cardPresent)
    .toBe(true);
  expect(await client.request({ type: 'connect', reader: VPCD_SLOT.reader })).toMatchObject({ type: 'connected' });
});

test.afterEach(async () => {
  client.close();
  await stop(card.child);
  // Whatever was tried, the card never saw a My Number file.
  expect(cardLog(card).privacyViolations).toEqual([]);
});

test('My-Number files and 照合番号A are refused before they reach PC/SC', async () => {
  expect(sw(await send(SELECT.support))).toBe('9000');
  for (const fid of [0x0001, 0x0003, 0x0014]) expect(refusal(await send(selectEf(fid)))).toBe('my-number');
  // By short EF id instead of SELECT: a read of EF 0001 (SFI 1), a VERIFY of 照合番号A (SFI 0x14).
  expect(refusal(await send(hex`00 B0 81 00 10`))).toBe('read-not-allowed');
  expect(refusal(await send(verify('123456789012').map((b, i) => (i === 3 ? 0x94 : b))))).toBe('verify-not-allowed');
  // With number B verified, the surface AP's rendered My Number is still out of reach.
  const { numberB } = persona('adult-35', japanDate(new Date()));
  expect(sw(await send(SELECT.surface))).toBe('9000');
  expect(sw(await send(selectEf(0x0012)))).toBe('9000');
  expect(sw(await send(TRIES_QUERY))).toBe('63ca');
  expect(sw(await send(verify(numberB)))).toBe('9000');
  for (const fid of [0x0005, 0x0013]) expect(refusal(await send(selectEf(fid)))).toBe('my-number');
  // The card saw the selects of the applications and the number-B exchange, and none of the refused commands.
  expect(cardLog(card).headers.filter((h) => h === '00a4020c')).toHaveLength(1);
  expect(
    bridge
      .events()
      .filter((e) => e['event'] === 'policy-refused')
      .map((e) => e['refusal']),
  ).toEqual(expect.arrayContaining(['my-number', 'read-not-allowed', 'verify-not-allowed']));
});

test('wrong passwords until the card locks: one VERIFY per tries query, none below the floor', async () => {
  expect(sw(await send(SELECT.jpki))).toBe('9000');
  expect(sw(await send(selectEf(0x001b)))).toBe('9000');
  // A VERIFY without a fresh tries query is refused.
  expect(refusal(await send(verify('WRONG1')))).toBe('verify-without-tries');
  const answers: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    answers.push(sw(await send(TRIES_QUERY)));
    const attempt = await send(verify('WRONG1'));
    answers.push(attempt.type === 'response' ? sw(attempt) : refusal(attempt));
    // Twice on one count: refused.
    const again = await send(verify('WRONG2'));
    answers.push(again.type === 'response' ? sw(again) : refusal(again));
  }
  const floor = credentialFloor('jpki', 0x001b);
  expect(floor).toBe(2);
  expect(answers).toEqual([
    ...['63c5', '63c4', 'verify-without-tries'],
    ...['63c4', '63c3', 'verify-without-tries'],
    ...['63c3', '63c2', 'verify-without-tries'],
    ...['63c2', '63c1', 'verify-without-tries'],
    ...['63c1', 'verify-below-floor', 'verify-without-tries'],
    ...['63c1', 'verify-below-floor', 'verify-without-tries'],
  ]);
  // The card still has its last try (the customer can still use it at the city office, not locked).
  expect(sw(await send(TRIES_QUERY))).toBe('63c1');
});

test('number B below its floor is refused: 10 tries never go under 3', async () => {
  expect(sw(await send(SELECT.support))).toBe('9000');
  expect(sw(await send(selectEf(0x0015)))).toBe('9000');
  for (let i = 0; i < 10; i += 1) {
    await send(TRIES_QUERY);
    await send(verify('00000000000000'));
  }
  expect(sw(await send(TRIES_QUERY))).toBe('63c3');
  expect(refusal(await send(verify('00000000000000')))).toBe('verify-below-floor');
  expect(refusal(await send(verify('00000000000000')))).toBe('verify-without-tries');
  expect(sw(await send(TRIES_QUERY))).toBe('63c3');
});

test('signing where the app never signs is refused: no password, no signature, and never twice', async () => {
  const digestInfo = `30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${'11 '.repeat(32)}`;
  const sign = hex`80 2A 00 80 33 ${digestInfo} 00`;
  expect(sw(await send(SELECT.jpki))).toBe('9000');
  expect(sw(await send(selectEf(0x001a)))).toBe('9000');
  expect(refusal(await send(sign))).toBe('sign-not-allowed');
  expect(refusal(await send(selectEf(0x0017)))).toBe('file-not-allowed'); // the authentication key
  expect(refusal(await send(hex`00 84 00 00 08`))).toBe('command-not-allowed'); // GET CHALLENGE
});
