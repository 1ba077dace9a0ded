/**
 * The bar along the top: the title, the terminal's threshold as a badge (clerk), the reader's state with a
 * connect button when none is ready (clerk), the language and the staff screen. Settings live behind the staff
 * PIN, not here.
 */
import { minimumAgeOf } from '../store/session-store';
import { useReader } from './reader-context';
import { useSession, useSetLanguage, useTranslate } from './session-context';
import { StaffEntry } from './staff/StaffEntry';

/** 「酒類・たばこ 20歳」: what the terminal checks for, always in view. */
function ThresholdBadge() {
  const t = useTranslate();
  const preset = useSession((s) => s.settings.thresholdPreset);
  const age = useSession((s) => minimumAgeOf(s.settings));
  return (
    <p className="threshold-badge" data-testid="threshold.badge">
      <span className="visually-hidden">{t('badge.label')}</span>
      {t(`badge.${preset}`, { age: Number.isFinite(age) ? age : '?' })}
    </p>
  );
}

/** The reader at a glance, and the one action a clerk may need: connecting a USB reader. */
function ReaderPill() {
  const t = useTranslate();
  const status = useReader((s) => s.status);
  const webUsb = useReader((s) => s.webUsb);
  const requestReader = useReader((s) => s.requestReader);
  const symbol = status === 'card-present' ? '●' : status === 'error' || status === 'none' ? '×' : '○';
  return (
    <div className="reader-pill" data-testid="reader" data-status={status}>
      <p className="reader-status" role="status" data-testid="reader.status">
        <span aria-hidden="true">{symbol} </span>
        {t(`reader.pill.${status}`)}
      </p>
      {webUsb && (status === 'none' || status === 'error') && (
        <button type="button" data-testid="reader.connect" onClick={() => void requestReader()}>
          {t('reader.connect')}
        </button>
      )}
    </div>
  );
}

/** The other language, named in itself, so anyone can find theirs. */
export function LanguageToggle() {
  const t = useTranslate();
  const language = useSession((s) => s.settings.language);
  const setLanguage = useSetLanguage();
  const other = language === 'ja' ? 'en' : 'ja';
  return (
    <button
      type="button"
      className="language-toggle"
      data-testid="language.toggle"
      lang={other}
      onClick={() => {
        setLanguage(other);
      }}
    >
      {t('language.other')}
    </button>
  );
}

export function TopBar() {
  const t = useTranslate();
  const kiosk = useSession((s) => s.settings.mode === 'kiosk');
  return (
    <header className="top-bar">
      <h1>{t('app.title')}</h1>
      {!kiosk && <ThresholdBadge />}
      {!kiosk && <ReaderPill />}
      <div className="top-bar-end">
        <LanguageToggle />
        <StaffEntry />
      </div>
    </header>
  );
}
