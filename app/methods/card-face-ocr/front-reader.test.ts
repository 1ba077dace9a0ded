import { describe, expect, it } from 'vitest';
import { consistentFields, readFrontWith, type FaceRecogniser } from './front-reader';

describe('checking the fields against the card', () => {
  it('drops an era birth date whose month and day differ from the expiry, keeps it without an expiry, gives nothing without it', () => {
    const birth = { iso: '1965-04-06', era: '昭和' as const };
    expect(consistentFields({ birth, expiry: '2031-04-06', securityCode: null }).birth).toEqual(birth);
    const nothing = { birth: null, expiry: null, securityCode: null };
    expect(consistentFields({ birth, expiry: '2031-04-16', securityCode: '1234' })).toEqual(nothing);
    // Without a birth date, the expiry and the code serve nothing and are not given.
    expect(consistentFields({ birth: null, expiry: '2031-04-16', securityCode: '1234' })).toEqual(nothing);
    expect(consistentFields({ birth, expiry: null, securityCode: null }).birth).toEqual(birth);
    // A Western-printed card (foreign resident) ends with the residence period: no check.
    const western = { iso: '1965-04-06', era: null };
    expect(consistentFields({ birth: western, expiry: '2029-11-30', securityCode: null }).birth).toEqual(western);
  });
});

describe('readFrontWith', () => {
  /** A recogniser whose whole-card read returns `lines` and whose crop reads return `crops` in turn. */
  function recogniser(lines: string[], crops: string[]): FaceRecogniser<string> {
    const box = { x0: 10, y0: 10, x1: 200, y1: 40 };
    return {
      setParameters: () => Promise.resolve(),
      recognize: (image: string) =>
        Promise.resolve({
          data: {
            text: image === 'card' ? lines.join('\n') : (crops.shift() ?? ''),
            blocks:
              image === 'card'
                ? [{ paragraphs: [{ lines: lines.map((text) => ({ text, confidence: 90, bbox: box })) }] }]
                : null,
          },
        }),
    };
  }
  const card = { image: 'card', width: 960, height: 605, crop: () => Promise.resolve('crop') };

  it('gives the birth date on its two reads, without the expiry or the security code', async () => {
    const reading = await readFrontWith(
      recogniser(['昭和40年4月6日生 性別 女', '住所 東京都'], ['昭和40年4月6日生']),
      card,
    );
    expect(reading).toEqual({
      kind: 'front',
      fields: { birth: { iso: '1965-04-06', era: '昭和' }, expiry: null, securityCode: null },
    });
  });

  it('refuses a birth date the second read does not confirm (昭和40 read again as 昭和46)', async () => {
    const reading = await readFrontWith(
      recogniser(['昭和40年4月6日生 性別 女', '住所 東京都'], ['昭和46年4月6日生']),
      card,
    );
    expect(reading).toEqual({ kind: 'front', fields: { birth: null, expiry: null, securityCode: null } });
  });

  it('reports the back and reads nothing again', async () => {
    const worker = recogniser(['個人番号 1234 5678 9012', '生年月日 昭和40年4月6日生'], []);
    expect(await readFrontWith(worker, card)).toEqual({ kind: 'back' });
  });
});
