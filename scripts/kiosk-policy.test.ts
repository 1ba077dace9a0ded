import { describe, expect, it } from 'vitest';
import { USB_DRIVERS } from '../app/readers/registry';
import { kioskOrigin, kioskPolicy } from './kiosk-policy';

describe('kiosk policy', () => {
  const policy = kioskPolicy('https://age-check.example.jp/');

  it('allows exactly the registry readers, for the one origin', () => {
    expect(policy['WebUsbAllowDevicesForUrls']).toEqual([
      {
        devices: USB_DRIVERS.map((d) => ({ vendor_id: d.vendorId, product_id: d.productId })),
        urls: ['https://age-check.example.jp'],
      },
    ]);
    // Sony RC-S380/S, /P and RC-S300/S, /P.
    expect(USB_DRIVERS.map((d) => `${d.vendorId.toString(16)}:${d.productId.toString(16)}`)).toEqual([
      '54c:6c1',
      '54c:6c3',
      '54c:dc8',
      '54c:dc9',
    ]);
  });

  it('allows the camera for the origin, never the microphone, and blocks everything else', () => {
    expect(policy).toMatchObject({
      VideoCaptureAllowedUrls: ['https://age-check.example.jp'],
      AudioCaptureAllowed: false,
      DefaultNotificationsSetting: 2,
      DefaultWebUsbGuardSetting: 2,
      URLBlocklist: ['*'],
      URLAllowlist: ['https://age-check.example.jp'],
    });
  });

  it('refuses an insecure origin, except the loopback', () => {
    expect(() => kioskOrigin('http://shop.example.jp')).toThrow(/secure origin/);
    expect(kioskOrigin('http://127.0.0.1:4173/?mode=kiosk')).toBe('http://127.0.0.1:4173');
  });
});
