/**
 * The clerk's way round a camera that cannot be used: a photo of the card's front from a file. Not offered at
 * a kiosk. The chosen file is handed to the store and the field is emptied at once.
 *
 * One file field serves the whole face check, kept on the page from the camera to the end (`PhotoSource`);
 * the buttons on each step only open its chooser. The browser's file dialog can stay open while the step
 * changes under it (the camera fails or gives up): a field that belonged to the step would be gone by then,
 * and the photo chosen in the dialog silently lost.
 */
import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import type { FaceFlow } from '../../store/flow-state';
import { useSession, useSessionStore, useTranslate } from '../session-context';

const ChoosePhoto = createContext<(() => void) | null>(null);

const isFaceFlow = (flow: string | null): flow is FaceFlow => flow === 'face-chip' || flow === 'face-only';

/** The face check's one file field (hidden), around the steps that offer it. */
export function PhotoSource({ flow, children }: { flow: string | null; children: ReactNode }) {
  const store = useSessionStore();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  const input = useRef<HTMLInputElement>(null);
  const choose = useCallback(() => {
    input.current?.click();
  }, []);
  const offered = !kiosk && isFaceFlow(flow);
  // Always the same tree around `children`, with or without the field: the step on screen is not remounted
  // when the flow passes from a face step to another one.
  return (
    <ChoosePhoto.Provider value={offered ? choose : null}>
      {offered && (
        <input
          ref={input}
          type="file"
          accept="image/*"
          hidden
          data-testid="face.file"
          onChange={(event) => {
            const image = event.target.files?.[0];
            if (input.current) input.current.value = ''; // the picture is not kept in the page
            // The flow as it is now: the store takes the photo only where the face check can go on with it.
            const { step, readCardFace } = store.getState();
            if (image && 'flow' in step && isFaceFlow(step.flow)) readCardFace(step.flow, image);
          }}
        />
      )}
      {children}
    </ChoosePhoto.Provider>
  );
}

/** The button that opens the face check's file chooser. */
export function FilePicker() {
  const t = useTranslate();
  const choose = useContext(ChoosePhoto);
  if (!choose) return null;
  return (
    <button type="button" className="button-secondary" data-testid="face.choosePhoto" onClick={choose}>
      {t('face.file')}
    </button>
  );
}
