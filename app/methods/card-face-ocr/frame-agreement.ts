/**
 * When the camera's frames have settled the face: two consecutive frames agreeing on the birth date and the
 * expiry; or, where the birth date is enough (a hand-over to the chip), on the birth date, after a few more
 * frames that might still agree on the expiry too — with it, a clerk's chip check can be number B, which brings
 * the chip's photo. Pure, so that the rule is tested without a camera.
 */
import { agreeingFields, sameBirth, type FaceFields } from './face-fields';

/** Frames read after the birth date agreed without the expiry, for the expiry. */
export const FRAMES_FOR_EXPIRY = 2;

export interface FrameAgreement {
  /** The last frame's fields. */
  readonly previous: FaceFields | null;
  /** Two frames agreed on the birth date alone: what they agreed on, and the frames read since. */
  readonly birthOnly: { readonly fields: FaceFields; readonly since: number } | null;
}

export const NO_FRAMES: FrameAgreement = { previous: null, birthOnly: null };

/**
 * The state after one more frame, and the fields when they are settled.
 * @param needsExpiry whether the expiry must agree too (a verdict on the face)
 */
export function afterFrame(
  state: FrameAgreement,
  fields: FaceFields,
  needsExpiry: boolean,
): { readonly state: FrameAgreement; readonly settled: FaceFields | null } {
  const agreed = state.previous ? agreeingFields(state.previous, fields) : null;
  if (agreed?.birth && agreed.expiry) return { state: NO_FRAMES, settled: agreed };
  if (needsExpiry) return { state: { previous: fields, birthOnly: null }, settled: null };
  let birthOnly = state.birthOnly && { ...state.birthOnly, since: state.birthOnly.since + 1 };
  // A frame that reads another birth date puts the one agreed on in doubt: the frames must agree again.
  const held = birthOnly?.fields.birth;
  if (held && fields.birth && !sameBirth(held, fields.birth)) birthOnly = null;
  if (!birthOnly && agreed?.birth) birthOnly = { fields: agreed, since: 0 };
  if (birthOnly && birthOnly.since >= FRAMES_FOR_EXPIRY) return { state: NO_FRAMES, settled: birthOnly.fields };
  return { state: { previous: fields, birthOnly }, settled: null };
}
