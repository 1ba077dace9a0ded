import { describe, expect, it } from 'vitest';
import { hex, toHex } from './bytes';
import { BaseTransport, transmitWithCorrections, type TransportInfo } from './transport';

/** A scripted card: each command must match the next `=>` line and gets the `<=` answer. */
function script(lines: [string, string][]) {
  const queue = [...lines];
  const exchange = (apdu: Uint8Array) => {
    const next = queue.shift();
    if (!next) throw new Error(`unexpected ${toHex(apdu)}`);
    expect(toHex(apdu)).toBe(next[0]);
    return Promise.resolve(hex`${next[1]}`);
  };
  return {
    exchange,
    ensureQueueEmpty: () => {
      expect(queue).toEqual([]);
    },
  };
}

describe('transmitWithCorrections', () => {
  it('resends once with the Le the card asks for (6C xx)', async () => {
    const card = script([
      ['00b0000010', '6c08'],
      ['00b0000008', '01020304050607089000'],
    ]);
    expect(toHex(await transmitWithCorrections(card.exchange, hex`00 B0 00 00 10`))).toBe('01020304050607089000');
    card.ensureQueueEmpty();
  });

  it('collects 61 xx data with GET RESPONSE', async () => {
    const card = script([
      ['802a008003aabbcc00', '01026102'],
      ['00c0000002', '03046100'],
      ['00c0000000', '059000'],
    ]);
    expect(toHex(await transmitWithCorrections(card.exchange, hex`80 2A 00 80 03 AA BB CC 00`))).toBe('01020304059000');
    card.ensureQueueEmpty();
  });

  // A command that carries a secret (VERIFY with data) is sent once and its answer returned as it came: a
  // resend after 6C xx would present the password again (OpenSC apdu.c resends; for VERIFY we must not).
  it.each([
    ['6C 00', '6c00'],
    ['6C 10', '6c10'],
    ['61 04', '6104'],
  ])('never resends a VERIFY answered %s, nor asks GET RESPONSE', async (_, sw) => {
    const card = script([['002000800431323334', sw]]);
    expect(toHex(await transmitWithCorrections(card.exchange, hex`00 20 00 80 04 31 32 33 34`))).toBe(sw);
    card.ensureQueueEmpty();
  });

  it.each([
    ['CHANGE REFERENCE DATA', '00240080083132333435363738'],
    ['RESET RETRY COUNTER', '002c0080083132333435363738'],
  ])('never resends %s either', async (_, command) => {
    const card = script([[command, '6c00']]);
    expect(toHex(await transmitWithCorrections(card.exchange, hex`${command}`))).toBe('6c00');
    card.ensureQueueEmpty();
  });

  it('still corrects an empty VERIFY, which carries nothing', async () => {
    const card = script([
      ['00200080', '6c00'],
      ['0020008000', '63c3'],
    ]);
    expect(toHex(await transmitWithCorrections(card.exchange, hex`00 20 00 80`))).toBe('63c3');
    card.ensureQueueEmpty();
  });

  it('refuses an endless GET RESPONSE and a response without status word', async () => {
    await expect(transmitWithCorrections(() => Promise.resolve(hex`61 01`), hex`00 B0 00 00 01`)).rejects.toMatchObject(
      {
        code: 'transport.protocol',
      },
    );
    await expect(transmitWithCorrections(() => Promise.resolve(hex`90`), hex`00 B0 00 00 01`)).rejects.toMatchObject({
      code: 'transport.protocol',
    });
  });
});

class SlowTransport extends BaseTransport {
  readonly info: TransportInfo = { kind: 'virtual', name: 'test', simulated: true, extendedApdu: false };
  release: () => void = () => undefined;
  protected exchange(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      this.release = () => {
        resolve(hex`90 00`);
      };
    });
  }
  protected detectCard(): Promise<boolean> {
    return Promise.resolve(false);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('BaseTransport', () => {
  it('runs one exchange at a time and reports presence as true while one runs', async () => {
    const transport = new SlowTransport();
    const first = transport.transmit(hex`00 A4 00 00`);
    await expect(transport.transmit(hex`00 A4 00 00`)).rejects.toMatchObject({ code: 'transport.busy' });
    expect(await transport.cardPresent()).toBe(true);
    transport.release();
    expect(toHex(await first)).toBe('9000');
    expect(await transport.cardPresent()).toBe(false);
  });
});

class SlowPresence extends BaseTransport {
  readonly info: TransportInfo = { kind: 'virtual', name: 'test', simulated: true, extendedApdu: false };
  release: () => void = () => undefined;
  protected exchange(): Promise<Uint8Array> {
    return Promise.resolve(hex`90 00`);
  }
  protected detectCard(): Promise<boolean> {
    return new Promise((resolve) => {
      this.release = () => {
        resolve(true);
      };
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('BaseTransport and presence polling', () => {
  it('lets an exchange wait for a presence check instead of failing as busy', async () => {
    const transport = new SlowPresence();
    const presence = transport.cardPresent();
    const exchange = transport.transmit(hex`00 A4 00 00`);
    transport.release();
    expect(await presence).toBe(true);
    expect(toHex(await exchange)).toBe('9000');
  });
});
