import { describe, expect, it } from 'vitest';
import { keepOcrCoreOffline, ocrCorePath, ocrCoreVariant } from './ocr-core';
import { OCR_CORE_CACHE } from './ocr-core-files';

const features = (relaxedSimd: boolean, simd: boolean) => ({
  relaxedSimd: () => Promise.resolve(relaxedSimd),
  simd: () => Promise.resolve(simd),
});

describe('the OCR core a browser runs', () => {
  it('is chosen in tesseract.js order: relaxed SIMD, else SIMD, else plain', async () => {
    expect(await ocrCoreVariant(features(true, true))).toBe('relaxedSimd');
    expect(await ocrCoreVariant(features(false, true))).toBe('simd');
    expect(await ocrCoreVariant(features(false, false))).toBe('plain');
    expect(await ocrCorePath(features(false, true))).toMatch(
      /^ocr\/core\/\d+\.\d+\.\d+\/tesseract-core-simd-lstm\.wasm\.js$/,
    );
  });

  it('is kept in the offline cache alone, once', async () => {
    const entries = new Map<string, string>([
      ['https://shop.example/ocr/core/0.0.1/tesseract-core-lstm.wasm.js', 'old'],
    ]);
    const added: string[] = [];
    const cache = {
      keys: () => Promise.resolve([...entries.keys()].map((url) => ({ url }))),
      delete: (request: { url: string }) => Promise.resolve(entries.delete(request.url)),
      match: (url: string) => Promise.resolve(entries.get(url)),
      add: (url: string) => {
        added.push(url);
        entries.set(url, 'core');
        return Promise.resolve();
      },
    };
    const opened: string[] = [];
    const storage = {
      open: (name: string) => {
        opened.push(name);
        return Promise.resolve(cache);
      },
    } as unknown as CacheStorage;
    await keepOcrCoreOffline('https://shop.example/', storage);
    await keepOcrCoreOffline('https://shop.example/', storage);
    expect(opened).toEqual([OCR_CORE_CACHE, OCR_CORE_CACHE]);
    expect(added).toHaveLength(1);
    expect([...entries.keys()]).toEqual(added);
    expect(added[0]).toMatch(/^https:\/\/shop\.example\/ocr\/core\/.+\.wasm\.js$/);
  });
});
