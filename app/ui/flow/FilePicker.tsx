/**
 * The clerk's way round a camera that cannot be used: a photo of the card's front from a file. Not offered at
 * a kiosk. The chosen file is handed to the store and the field is emptied at once.
 */
import { useRef } from 'react';
import type { FaceFlow } from '../../store/flow-state';
import { useSession, useTranslate } from '../session-context';

export function FilePicker({ flow }: { flow: FaceFlow }) {
  const t = useTranslate();
  const readCardFace = useSession((s) => s.readCardFace);
  const input = useRef<HTMLInputElement>(null);
  return (
    <label className="file-button button-secondary">
      {t('face.file')}
      <input
        ref={input}
        type="file"
        accept="image/*"
        data-testid="face.file"
        onChange={(event) => {
          const image = event.target.files?.[0];
          if (input.current) input.current.value = ''; // the picture is not kept in the page
          if (image) readCardFace(flow, image);
        }}
      />
    </label>
  );
}
