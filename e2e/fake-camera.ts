/**
 * Where the fake-camera clips live (written by global setup, played by the camera projects).
 */
import { join } from 'node:path';

export const FAKE_CAMERA_DIR = join(import.meta.dirname, '../dist-e2e/fake-camera');
export const FAKE_CAMERA_FILES = {
  adultFront: join(FAKE_CAMERA_DIR, 'adult-front.y4m'),
  back: join(FAKE_CAMERA_DIR, 'back.y4m'),
} as const;
