import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../bytes';
import { BaseTransport, TransportError, type TransportErrorCode, type TransportInfo } from '../transport';
import { readTriesLeft, verifyOnce } from './credential';

/**
 * A card that answers a VERIFY carrying data with an odd status word (6C xx, 61 xx): the kind of answer that
 * made the transport resend the command, presenting the secret a second time. It counts what it receives.
 */
class OddVerifyCard extends BaseTransport {
  readonly info: TransportInfo = { kind: 'virtual', name: 'odd card', simulated: true, extendedApdu: false };
  readonly received: string[] = [];
  tries = 5;

  constructor(private readonly oddSw: string) {
    super();
  }

  protected exchange(apdu: Uint8Array): Promise<Uint8Array> {
    this.received.push(toHex(apdu));
    if (apdu[1] !== 0x20) return Promise.resolve(hex`6D 00`);
    if (apdu.length === 4) return Promise.resolve(Uint8Array.of(0x63, 0xc0 | this.tries));
    this.tries -= 1; // the odd answer still cost a try, as a real card might count it
    return Promise.resolve(hex`${this.oddSw}`);
  }

  protected detectCard(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('verifyOnce against a card answering VERIFY oddly', () => {
  it.each(['6C 00', '6C 10', '61 04', '6A 82'])(
    'sends the secret exactly once on %s, re-reads the tries with an empty VERIFY and stops',
    async (sw) => {
      const card = new OddVerifyCard(sw);
      const tries = await readTriesLeft(card);
      const secret = hex`31 32 33 34 35 36`;
      await expect(verifyOnce(card, secret, tries, 3)).rejects.toMatchObject({
        code: 'card.verify-odd-status',
        details: { sw: Number.parseInt(sw.replace(' ', ''), 16), triesLeft: 4 },
      });
      const withSecret = card.received.filter((apdu) => apdu.length > 8);
      expect(withSecret).toEqual(['0020008006313233343536']);
      expect(card.received).toEqual(['00200080', '0020008006313233343536', '00200080']);
      expect(toHex(secret)).toBe('000000000000'); // wiped
    },
  );

  it('still reads 63 Cx and 69 84 as a wrong or blocked secret', async () => {
    const wrong = new OddVerifyCard('63 C4');
    await expect(verifyOnce(wrong, hex`31 32`, await readTriesLeft(wrong), 3)).rejects.toMatchObject({
      code: 'card.pin-rejected',
      details: { triesLeft: 4 },
    });
    const blocked = new OddVerifyCard('69 84');
    await expect(verifyOnce(blocked, hex`31 32`, await readTriesLeft(blocked), 3)).rejects.toMatchObject({
      code: 'card.pin-blocked',
    });
    const ok = new OddVerifyCard('90 00');
    await expect(verifyOnce(ok, hex`31 32`, await readTriesLeft(ok), 3)).resolves.toBeUndefined();
  });
});

/** A card whose answer to a VERIFY carrying data is lost: the command reached it, the transport then failed. */
class LostAnswerCard extends OddVerifyCard {
  constructor(private readonly failure: TransportErrorCode) {
    super('90 00');
  }

  protected override exchange(apdu: Uint8Array): Promise<Uint8Array> {
    if (apdu[1] === 0x20 && apdu.length > 4) {
      this.received.push(toHex(apdu));
      return Promise.reject(new TransportError(this.failure, 'lost'));
    }
    return super.exchange(apdu);
  }
}

describe('verifyOnce when the answer to the secret is lost', () => {
  it.each<TransportErrorCode>(['transport.card-removed', 'transport.timeout', 'transport.reader-unplugged'])(
    '%s ends the check (card.verify-unanswered), never a "try again" that would send the secret twice',
    async (failure) => {
      const card = new LostAnswerCard(failure);
      const secret = hex`31 32 33 34`;
      await expect(verifyOnce(card, secret, await readTriesLeft(card), 3)).rejects.toMatchObject({
        code: 'card.verify-unanswered',
      });
      expect(card.received.filter((apdu) => apdu.length > 8)).toHaveLength(1);
      expect(toHex(secret)).toBe('00000000');
    },
  );

  it('a cancel stays a cancel', async () => {
    const card = new LostAnswerCard('transport.aborted');
    await expect(verifyOnce(card, hex`31 32`, await readTriesLeft(card), 3)).rejects.toMatchObject({
      code: 'transport.aborted',
    });
  });
});
