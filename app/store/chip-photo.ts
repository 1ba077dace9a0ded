/**
 * The chip's face photo for the clerk's eyes, in memory only: shown with the verdict, wiped (bytes overwritten)
 * when the verdict is cleared. Never in the session store, storage, logs or the audit record.
 */
import { createStore } from 'zustand/vanilla';

export interface ChipPhotoState {
  /** JPEG 2000 (JP2) bytes of the photo, or null. */
  readonly jp2: Uint8Array | null;
  /** Shows `jp2` (which the store now owns), wiping any previous photo. */
  readonly show: (jp2: Uint8Array) => void;
  /** Overwrites the photo's bytes and forgets it. */
  readonly clear: () => void;
}

export function createChipPhotoStore() {
  return createStore<ChipPhotoState>()((set, get) => ({
    jp2: null,
    show: (jp2) => {
      get().jp2?.fill(0);
      set({ jp2 });
    },
    clear: () => {
      get().jp2?.fill(0);
      set({ jp2: null });
    },
  }));
}

export type ChipPhotoStore = ReturnType<typeof createChipPhotoStore>;

/** Wipes the photo whenever the session leaves its verdict (next customer, idle reset, settings change). */
export function clearPhotoWithVerdict(
  photo: ChipPhotoStore,
  session: { subscribe: (listener: (state: { phase: string }) => void) => () => void },
): () => void {
  return session.subscribe((state) => {
    if (state.phase !== 'verdict') photo.getState().clear();
  });
}
