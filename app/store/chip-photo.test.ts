import { describe, expect, it } from 'vitest';
import { createChipPhotoStore, clearPhotoWithVerdict } from './chip-photo';
import { createSessionStore } from './session-store';
import { testPorts } from './test-support';
import { CHIP_CHECKS } from '../policy';

describe('chip photo store', () => {
  it('overwrites the photo when the verdict goes (next customer), and the previous one when a new one comes', () => {
    const session = createSessionStore({ ports: testPorts({ now: () => new Date('2026-11-26T03:00:00Z') }) });
    const photos = createChipPhotoStore();
    clearPhotoWithVerdict(photos, session);
    session.getState().beginCheck('number-b');
    session.getState().completeCheck('number-b', {
      kind: 'date-of-birth',
      dateOfBirth: '1980-02-17',
      assurance: 'chip-read-with-number-b',
      chipChecks: CHIP_CHECKS,
      chipPhoto: true,
    });
    const first = Uint8Array.of(1, 2, 3);
    photos.getState().show(first);
    const second = Uint8Array.of(4, 5, 6);
    photos.getState().show(second);
    expect(Array.from(first)).toEqual([0, 0, 0]);
    expect(photos.getState().jp2).toBe(second);
    session.getState().reset();
    expect(photos.getState().jp2).toBeNull();
    expect(Array.from(second)).toEqual([0, 0, 0]);
  });
});
