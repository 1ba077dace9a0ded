import { describe, expect, it } from 'vitest';
import type { FaceFields } from './face-fields';
import { afterFrame, FRAMES_FOR_EXPIRY, NO_FRAMES, type FrameAgreement } from './frame-agreement';

const birth = { iso: '1991-08-04', era: '平成' as const };
const other = { iso: '1991-08-01', era: '平成' as const };
const both: FaceFields = { birth, expiry: '2034-08-04', securityCode: null };
const birthOnly: FaceFields = { birth, expiry: null, securityCode: null };
const nothing: FaceFields = { birth: null, expiry: null, securityCode: null };

/** Feeds the frames one by one; the 1-based frame that settled, and what it settled. */
function run(frames: readonly FaceFields[], needsExpiry: boolean) {
  let state: FrameAgreement = NO_FRAMES;
  for (const [index, fields] of frames.entries()) {
    const next = afterFrame(state, fields, needsExpiry);
    if (next.settled) return { frame: index + 1, settled: next.settled };
    state = next.state;
  }
  return { frame: null, settled: null, state };
}

describe('afterFrame', () => {
  it('settles on two consecutive frames agreeing on both dates, whatever is needed', () => {
    for (const needsExpiry of [true, false]) {
      expect(run([both, both], needsExpiry)).toEqual({ frame: 2, settled: both });
    }
  });

  it('a verdict on the face waits for the expiry: the birth date alone never settles, nor is held', () => {
    // The camera gives a held birth date when it runs out of frames: with the expiry needed, there is none.
    expect(run(Array<FaceFields>(8).fill(birthOnly), true)).toMatchObject({ frame: null, state: { birthOnly: null } });
  });

  it(`the chip's hand-over: the birth date alone settles ${FRAMES_FOR_EXPIRY} frames after it agreed`, () => {
    const result = run(Array<FaceFields>(8).fill(birthOnly), false);
    expect(result).toEqual({ frame: 2 + FRAMES_FOR_EXPIRY, settled: birthOnly });
  });

  it('…and takes both dates when a later pair agrees on them (number B, the chip photo)', () => {
    expect(run([birthOnly, birthOnly, both, both], false)).toEqual({ frame: 4, settled: both });
  });

  it('a frame reading another birth date puts the agreed one in doubt: the frames must agree again', () => {
    const changed = { ...birthOnly, birth: other };
    expect(run([birthOnly, birthOnly, changed, nothing], false)).toMatchObject({ frame: null });
    const again = run([birthOnly, birthOnly, changed, birthOnly, birthOnly, birthOnly, birthOnly], false);
    expect(again).toEqual({ frame: 5 + FRAMES_FOR_EXPIRY, settled: birthOnly });
  });

  it('frames that read nothing do not disturb a birth date agreed on', () => {
    expect(run([birthOnly, birthOnly, nothing, nothing], false)).toEqual({ frame: 4, settled: birthOnly });
  });

  it('frames that never agree settle nothing', () => {
    const changed = { ...birthOnly, birth: other };
    expect(run([birthOnly, changed, birthOnly, changed, birthOnly], false)).toMatchObject({ frame: null });
  });
});
