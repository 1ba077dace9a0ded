/**
 * The live camera for the card face, without React: the rear camera opened with its failures named once, the
 * torch where the browser offers it, and the frame loop that accepts the fields only when two consecutive
 * frames read them identically. The back of the card stops the loop at once. Frames are drawn to a canvas
 * that is emptied after each recognition; nothing is kept.
 */
import { TransportError } from '../../card/transport';
import { CardFaceError } from './face-errors';
import type { FaceFields, FaceReading } from './face-fields';
import { afterFrame, NO_FRAMES } from './frame-agreement';

/** Pause between frames, milliseconds: recognition itself takes most of a second. */
const FRAME_GAP_MS = 150;
/** Give up after this many frames without agreement. */
export const MAX_FRAMES = 20;

/**
 * Opens the rear camera.
 * @throws {CardFaceError} `camera.denied` when the person or a policy refused it, else `camera.unavailable`.
 */
export async function openRearCamera(media: MediaDevices | undefined): Promise<MediaStream> {
  if (!media?.getUserMedia) throw new CardFaceError('camera.unavailable', 'no camera API in this browser');
  try {
    return await media.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    });
  } catch (error) {
    // Mapped by name, never by message text (the text differs between browsers and languages).
    const name = error instanceof DOMException ? error.name : '';
    throw new CardFaceError(name === 'NotAllowedError' ? 'camera.denied' : 'camera.unavailable', name || 'camera');
  }
}

/** Stops every track: the camera light goes out. */
export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Whether the camera has a torch (`torch` is not in TypeScript's DOM types yet: Image Capture extension). */
export function hasTorch(stream: MediaStream): boolean {
  const [track] = stream.getVideoTracks();
  const capabilities: object = track?.getCapabilities() ?? {};
  return 'torch' in capabilities && capabilities.torch === true;
}

/** Switches the torch; false when the camera refused. */
export async function setTorch(stream: MediaStream, on: boolean): Promise<boolean> {
  const [track] = stream.getVideoTracks();
  if (!track) return false;
  try {
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    return true;
  } catch {
    return false;
  }
}

export interface CameraReadOptions {
  readonly signal: AbortSignal;
  /** Reads one frame's fields (the OCR pipeline). */
  readonly read: (frame: HTMLCanvasElement) => Promise<FaceReading>;
  /** Whether the frames must agree on the expiry too (a verdict on the face), or the birth date is enough. */
  readonly needsExpiry: boolean;
  /** Told after each frame, with the number of frames read so far. */
  readonly onFrame?: (frames: number) => void;
}

const aborted = () => new TransportError('transport.aborted', 'cancelled');

/**
 * Reads the front from the live stream until the frames settle the fields (`afterFrame`): two consecutive
 * frames agreeing on both dates, or where the expiry is not needed, on the birth date.
 * @throws {CardFaceError} `card-face.back-shown` when the back is seen, `card-face.unreadable` after
 *   {@link MAX_FRAMES} frames without agreement; {@link TransportError} `transport.aborted` when cancelled.
 */
export async function readFromCamera(stream: MediaStream, options: CameraReadOptions): Promise<FaceFields> {
  // A function, not the property: the signal is aborted while the loop awaits.
  const cancelled = () => options.signal.aborted;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  const canvas = document.createElement('canvas');
  try {
    await video.play();
    let agreement = NO_FRAMES;
    for (let frame = 1; frame <= MAX_FRAMES; frame += 1) {
      if (cancelled()) throw aborted();
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')?.drawImage(video, 0, 0);
      const reading = await options.read(canvas);
      canvas.width = 0; // drop the frame's pixels
      if (cancelled()) throw aborted();
      if (reading.kind === 'back') throw new CardFaceError('card-face.back-shown', 'the back of the card');
      options.onFrame?.(frame);
      const { state, settled } = afterFrame(agreement, reading.fields, options.needsExpiry);
      if (settled) return settled;
      agreement = state;
      await new Promise((resolve) => setTimeout(resolve, FRAME_GAP_MS));
    }
    // Out of frames: a birth date two frames agreed on still serves a hand-over to the chip.
    if (agreement.birthOnly) return agreement.birthOnly.fields;
    throw new CardFaceError('card-face.unreadable', 'no two frames agreed');
  } finally {
    canvas.width = 0;
    video.srcObject = null;
  }
}
