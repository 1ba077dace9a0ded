import { describe, expect, it } from 'vitest';
import { showsQrCode, type QrDetector } from './qr-back';

const image = {} as ImageBitmapSource;
const detecting = (codes: number): QrDetector => ({ detect: () => Promise.resolve(Array.from({ length: codes })) });

describe('QR code on the frame (the back of the card)', () => {
  it('is reported when the detector finds one', async () => {
    expect(await showsQrCode(image, () => Promise.resolve(detecting(1)))).toBe(true);
    expect(await showsQrCode(image, () => Promise.resolve(detecting(0)))).toBe(false);
  });

  it('leaves the decision to the text guard when there is no detector or it fails', async () => {
    expect(await showsQrCode(image, () => Promise.resolve(null))).toBe(false);
    const broken: QrDetector = { detect: () => Promise.reject(new Error('decode')) };
    expect(await showsQrCode(image, () => Promise.resolve(broken))).toBe(false);
    expect(await showsQrCode(image, () => Promise.reject(new Error('no API')))).toBe(false);
  });

  it('has no detector in a browser without the Shape Detection API', async () => {
    expect('BarcodeDetector' in globalThis).toBe(false);
    expect(await showsQrCode(image)).toBe(false);
  });
});
