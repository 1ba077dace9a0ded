/**
 * When the browser lists the reader but the system will not let it open or claim it, the clerk is told what
 * to do (the error message), and the administrator what to change on this system (this note, per operating
 * system; details in the README's reader section).
 */
import { useMemo } from 'react';
import { clientPlatform } from './client-platform';
import { useTranslate } from './session-context';

export function ReaderAccessHelp({ errorCode }: { readonly errorCode: string | null }) {
  const t = useTranslate();
  const platform = useMemo(() => clientPlatform(), []);
  if (errorCode !== 'transport.reader-access-denied' && errorCode !== 'transport.reader-in-use') return null;
  return (
    <p className="notice reader-help" data-testid="reader.help" data-platform={platform}>
      {t(`reader.help.${platform}`)}
    </p>
  );
}
