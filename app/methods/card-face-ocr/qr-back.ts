/**
 * The card's back carries a QR code and its front none, so a QR code in the frame stops the read before any
 * recognition — a second guard beside the text patterns of `face-fields.ts`, for a back whose number the OCR
 * would not make out. Uses the browser's Shape Detection API where it has one (Chrome on Android, ChromeOS and
 * macOS); elsewhere, and on any error, only the text guard applies.
 */

/** The part of the Shape Detection API's `BarcodeDetector` this uses. */
export interface QrDetector {
  detect(image: ImageBitmapSource): Promise<readonly unknown[]>;
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

let detector: Promise<QrDetector | null> | null = null;

/** The browser's QR detector, or null when it has none. */
function browserQrDetector(): Promise<QrDetector | null> {
  detector ??= (async () => {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Detector) return null;
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  })().catch(() => null);
  return detector;
}

/** Whether the image shows a QR code. False when no detector is available or it fails. */
export async function showsQrCode(
  image: ImageBitmapSource,
  qr: () => Promise<QrDetector | null> = browserQrDetector,
): Promise<boolean> {
  try {
    const found = await (await qr())?.detect(image);
    return (found?.length ?? 0) > 0;
  } catch {
    return false;
  }
}
