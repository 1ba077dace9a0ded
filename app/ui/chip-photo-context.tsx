/**
 * Gives the verdict view the chip-photo store (memory only; wiped when the verdict goes). Kept apart from the
 * session store, which never holds the photo.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ChipPhotoStore } from '../store/chip-photo';

const ChipPhotoContext = createContext<ChipPhotoStore | null>(null);

export function ChipPhotoProvider({ store, children }: { store: ChipPhotoStore; children: ReactNode }) {
  return <ChipPhotoContext.Provider value={store}>{children}</ChipPhotoContext.Provider>;
}

/** The JP2 bytes of the photo to show, or null. */
export function useChipPhoto(): Uint8Array | null {
  const store = useContext(ChipPhotoContext);
  if (!store) throw new Error('useChipPhoto outside ChipPhotoProvider');
  return useStore(store, (s) => s.jp2);
}
