import { describe, expect, it } from 'vitest';
import { USB_DRIVERS } from '../app/readers/registry';
import { udevRules, UDEV_RULE_FILE } from './udev-rule';

describe('udev rule', () => {
  const rules = udevRules();
  const matches = rules.split('\n').filter((line) => line.startsWith('SUBSYSTEM'));

  it('has one line per registry reader, with the ids udev compares as 4 lower-case hex digits', () => {
    expect(matches).toHaveLength(USB_DRIVERS.length);
    expect(matches).toContain(
      'SUBSYSTEM=="usb", ATTRS{idVendor}=="054c", ATTRS{idProduct}=="06c3", MODE="0660", GROUP="plugdev", TAG+="uaccess"',
    );
    for (const { vendorId, productId } of USB_DRIVERS) {
      expect(rules).toContain(`ATTRS{idProduct}=="${productId.toString(16).padStart(4, '0')}"`);
      expect(vendorId).toBe(0x054c);
    }
  });

  it('goes before 73-seat-late.rules, which applies uaccess', () => {
    expect(UDEV_RULE_FILE).toMatch(/\/7[0-2]-[\w-]+\.rules$/);
    expect(rules.startsWith(`# ${UDEV_RULE_FILE}`)).toBe(true);
  });
});
