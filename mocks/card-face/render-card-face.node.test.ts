import { describe, expect, it } from 'vitest';
import { persona } from '../card/personas';
import { randomDegradation } from './face-sets';
import { randomFace } from './face-sample';
import { renderCardImage, seededRandom } from './render-card-face';

// Drawing and photographing a card takes a second or two, several on a loaded machine.
describe('synthetic card faces', { timeout: 60_000 }, () => {
  it('renders a front as PNG and a degraded one as JPEG, reproducibly', async () => {
    const p = persona('adult-35', '2026-11-26');
    const clean = await renderCardImage({ kind: 'front', persona: p });
    expect(clean.mime).toBe('image/png');
    expect([...clean.data.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const again = await renderCardImage({ kind: 'front', persona: p });
    expect(again.data.equals(clean.data)).toBe(true);
    const degraded = await renderCardImage(
      { kind: 'front', persona: p },
      { blur: 1, noise: 20, rotateDeg: 8, glare: 0.4, light: 0.6, jpegQuality: 60 },
      7,
    );
    expect(degraded.mime).toBe('image/jpeg');
    expect(degraded.data[0]).toBe(0xff);
    expect(degraded.data[1]).toBe(0xd8);
  });

  it('renders a random face photographed badly, and a back with the name and birth date', async () => {
    const face = randomFace(seededRandom(3));
    const shot = await renderCardImage({ kind: 'front', face }, randomDegradation(seededRandom(4)), 4);
    expect(shot.mime).toBe('image/jpeg');
    const back = await renderCardImage({ kind: 'back', fictionalNumber: '123456789012', face });
    expect(back.mime).toBe('image/png');
  });

  it('renders a back with a fictional number', async () => {
    const back = await renderCardImage({ kind: 'back', fictionalNumber: '123456789012' });
    expect(back.width).toBeGreaterThan(1000);
  });

  it('seeds its randomness', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
