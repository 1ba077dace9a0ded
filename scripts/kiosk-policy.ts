// Prints the Chrome enterprise policy for a kiosk serving the app from one origin:
// `npm run kiosk:policy -- https://age-check.example.jp`. The WebUSB ids come from the reader registry, so the
// policy cannot drift from the readers the app drives. On Linux the output can be saved as
// /etc/chromium/policies/managed/age-check.json (Chrome: /etc/opt/chrome/policies/managed/); on Windows and
// ChromeOS set the same keys through Group Policy or the Admin console (README, "Kiosk deployment").
import { pathToFileURL } from 'node:url';
import { USB_DRIVERS } from '../app/readers/registry';

/** The origin a kiosk policy is for: https, or http on the loopback for a local test. */
export function kioskOrigin(text: string): string {
  const url = new URL(text);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`WebUSB and the camera need a secure origin: ${text}`);
  }
  return url.origin;
}

/** The managed policy (Chrome policy names and values). */
export function kioskPolicy(origin: string): Record<string, unknown> {
  const allowed = kioskOrigin(origin);
  return {
    // The supported readers, without the chooser, for this origin only; every other page and device is refused.
    WebUsbAllowDevicesForUrls: [
      {
        devices: USB_DRIVERS.map(({ vendorId, productId }) => ({ vendor_id: vendorId, product_id: productId })),
        urls: [allowed],
      },
    ],
    DefaultWebUsbGuardSetting: 2,
    DefaultWebHidGuardSetting: 2,
    DefaultSerialGuardSetting: 2,
    // The card-face camera without a prompt, on this origin only; never the microphone.
    VideoCaptureAllowedUrls: [allowed],
    AudioCaptureAllowed: false,
    // Full screen and a screen that stays on during a check.
    FullscreenAllowed: true,
    AllowScreenWakeLocks: true,
    // Nothing that could keep or send what a customer types or shows.
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
    DefaultClipboardSetting: 2,
    DefaultPopupsSetting: 2,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    TranslateEnabled: false,
    SpellCheckServiceEnabled: false,
    SearchSuggestEnabled: false,
    MetricsReportingEnabled: false,
    SyncDisabled: true,
    BrowserSignin: 0,
    PrintingEnabled: false,
    DeveloperToolsAvailability: 2,
    // The kiosk opens the app and nothing else.
    URLBlocklist: ['*'],
    URLAllowlist: [allowed],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const origin = process.argv[2];
  if (!origin) {
    console.error('usage: npm run kiosk:policy -- https://age-check.example.jp');
    process.exit(2);
  }
  try {
    console.log(JSON.stringify(kioskPolicy(origin), null, 2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
