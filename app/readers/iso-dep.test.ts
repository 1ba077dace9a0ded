import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromHex, hex, toHex } from '../card/bytes';
import { AID, JPKI_EF } from '../card/mynumber/ids';
import { TransportError } from '../card/transport';
import { createPersonaCard } from '../../mocks/card/persona-card';
import type { VirtualMyNumberCard } from '../../mocks/card/virtual-card';
import { FAKE_PUPI, IsoDepTarget } from '../../mocks/usb/iso-dep-target';
import { IsoDep, RfError, type RfTransceive } from './iso-dep';

type Fault = 'ok' | 'drop-request' | 'drop-reply' | 'damage-reply';

let card: VirtualMyNumberCard;
beforeAll(async () => {
  card = (await createPersonaCard('adult-35', '2026-11-26')).card;
});

/** An activated target and a channel to it that applies scripted faults, one per RF exchange. */
async function setUp(options: { fsdi?: number; faults?: Fault[] } = {}) {
  card.insert();
  const target = new IsoDepTarget(card);
  await target.receive(hex`05 00 10`);
  await target.receive(concatBytes(hex`1D`, FAKE_PUPI, Uint8Array.of(0x00, options.fsdi ?? 8, 0x01, 0x00)));
  const faults = [...(options.faults ?? [])];
  const sent: string[] = [];
  const transceive: RfTransceive = async (frame) => {
    sent.push(toHex(frame));
    const fault = faults.shift() ?? 'ok';
    if (fault === 'drop-request') throw new RfError('timeout');
    const reply = await target.receive(frame);
    if (reply === null || fault === 'drop-reply') throw new RfError('timeout');
    if (fault === 'damage-reply') throw new RfError('transmission');
    return reply;
  };
  return { target, transceive, sent };
}

const SELECT_JPKI = fromHex(`00A4040C0A${toHex(AID.jpki)}`);
const SELECT_TOKEN = fromHex(`00A4020C02${JPKI_EF.tokenInfo.toString(16).padStart(4, '0')}`);
const options = { fsc: 256, fwtMs: 77 };

describe('IsoDep', () => {
  it('exchanges APDUs with toggling block numbers', async () => {
    const { transceive, sent } = await setUp();
    const isoDep = new IsoDep(transceive, options);
    expect(toHex(await isoDep.exchange(SELECT_JPKI))).toBe('9000');
    expect(toHex(await isoDep.exchange(SELECT_TOKEN))).toBe('9000');
    expect(sent.map((f) => f.slice(0, 2))).toEqual(['02', '03']);
  });

  it('receives chained responses with R(ACK)', async () => {
    const { transceive, sent } = await setUp();
    const isoDep = new IsoDep(transceive, options);
    await isoDep.exchange(SELECT_JPKI);
    await isoDep.exchange(fromHex(`00A4020C02${JPKI_EF.authCertificate.toString(16).padStart(4, '0')}`));
    const response = await isoDep.exchange(hex`00 B0 00 00 00`);
    expect(response.length).toBe(258);
    expect(toHex(response.subarray(256))).toBe('9000');
    expect(sent.at(-1)).toBe('a3'); // I(0) chained in, so R(ACK) with the toggled block number 1
  });

  it('chains commands and responses with small frames both ways', async () => {
    const { transceive } = await setUp({ fsdi: 0 }); // the reader accepts 16-byte frames
    const isoDep = new IsoDep(transceive, { fsc: 16, fwtMs: 77 });
    expect(toHex(await isoDep.exchange(SELECT_JPKI))).toBe('9000'); // 15 bytes → 2 chained I-blocks
    await isoDep.exchange(SELECT_TOKEN);
    const response = await isoDep.exchange(hex`00 B0 00 00 20`);
    expect(new TextDecoder().decode(response.subarray(0, 15))).toBe('JPKIAPICCTOKEN2');
  });

  it('answers S(WTX) and waits longer', async () => {
    const { target, transceive, sent } = await setUp();
    target.wtxBeforeNextResponse = 2;
    const isoDep = new IsoDep(transceive, options);
    expect(toHex(await isoDep.exchange(SELECT_JPKI))).toBe('9000');
    expect(sent.slice(1)).toEqual(['f201', 'f201']);
  });

  it.each<[string, Fault[]]>([
    ['a lost response', ['drop-reply']],
    ['a lost command (rule 6: the card acknowledges the previous block)', ['drop-request']],
    ['a damaged response', ['damage-reply']],
    ['two failures in a row', ['drop-reply', 'damage-reply']],
  ])('recovers from %s', async (_, faults) => {
    const { transceive } = await setUp({ faults: ['ok', ...faults] });
    const isoDep = new IsoDep(transceive, options);
    await isoDep.exchange(SELECT_JPKI);
    expect(toHex(await isoDep.exchange(SELECT_TOKEN))).toBe('9000');
    expect(toHex(await isoDep.exchange(SELECT_TOKEN))).toBe('9000');
  });

  it('recovers a lost R(ACK) while the card chains its response', async () => {
    const { transceive } = await setUp({ faults: ['ok', 'ok', 'ok', 'drop-request'] });
    const isoDep = new IsoDep(transceive, options);
    await isoDep.exchange(SELECT_JPKI);
    await isoDep.exchange(fromHex(`00A4020C02${JPKI_EF.authCertificate.toString(16).padStart(4, '0')}`));
    expect((await isoDep.exchange(hex`00 B0 00 00 00`)).length).toBe(258);
  });

  it('reports a removed card as card-removed after bounded retries', async () => {
    const { transceive, sent } = await setUp();
    const isoDep = new IsoDep(transceive, options);
    await isoDep.exchange(SELECT_JPKI);
    card.remove();
    const before = sent.length;
    await expect(isoDep.exchange(SELECT_TOKEN)).rejects.toMatchObject({ code: 'transport.card-removed' });
    expect(sent.length - before).toBe(3); // the I-block and two R(NAK)
  });

  it('gives up on repeated damage with a protocol error', async () => {
    const { transceive } = await setUp({ faults: ['damage-reply', 'damage-reply', 'damage-reply'] });
    await expect(new IsoDep(transceive, options).exchange(SELECT_JPKI)).rejects.toMatchObject({
      code: 'transport.protocol',
    });
  });

  it('checks presence with R(NAK) without disturbing the block numbers', async () => {
    const { transceive } = await setUp();
    const isoDep = new IsoDep(transceive, options);
    await isoDep.exchange(SELECT_JPKI);
    expect(await isoDep.present()).toBe(true);
    expect(toHex(await isoDep.exchange(SELECT_TOKEN))).toBe('9000');
    card.remove();
    expect(await isoDep.present()).toBe(false);
  });

  it('never hangs and throws only TransportError when the card answers garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 12 }), async (replies) => {
        let calls = 0;
        const transceive: RfTransceive = () => {
          calls += 1;
          const reply = replies[(calls - 1) % replies.length]!;
          return reply.length === 0 ? Promise.reject(new RfError('timeout')) : Promise.resolve(reply);
        };
        try {
          await new IsoDep(transceive, { ...options, maxWtx: 5 }).exchange(SELECT_JPKI);
        } catch (error) {
          expect(error).toBeInstanceOf(TransportError);
        }
        expect(calls).toBeLessThan(100);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
