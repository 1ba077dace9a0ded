/**
 * The one table of USB readers this app drives, keyed by vendor and product id; it also feeds the WebUSB
 * chooser's filters. Standard CCID readers are recognised by interface class instead. Each driver loads when
 * its reader is opened, so recognising readers costs the start-up nothing.
 */
import type { CardTransport } from '../card/transport';
import { CCID_USB_FILTER, findCcidInterface, RCS300_DEVICES, RCS380_DEVICES } from './usb-ids';

export interface UsbDriver {
  readonly vendorId: number;
  readonly productId: number;
  readonly name: string;
  open(device: USBDevice): Promise<CardTransport>;
}

export const USB_DRIVERS: readonly UsbDriver[] = [
  ...RCS380_DEVICES.map((d) => ({
    ...d,
    open: async (device: USBDevice) => (await import('./rcs380/driver')).Rcs380Transport.open(device),
  })),
  ...RCS300_DEVICES.map((d) => ({
    ...d,
    open: async (device: USBDevice) => (await import('./rcs300/driver')).Rcs300Transport.open(device),
  })),
];

/** Any standard CCID reader; it works only where the page may claim the protected smart-card class. */
const CCID_DRIVER = {
  name: 'CCID',
  open: async (device: USBDevice) => (await import('./ccid/driver')).CcidTransport.open(device),
};

/** `requestDevice` filters: every known reader, and any CCID reader. */
export const USB_FILTERS: USBDeviceFilter[] = [
  ...USB_DRIVERS.map(({ vendorId, productId }) => ({ vendorId, productId })),
  CCID_USB_FILTER,
];

/**
 * The driver for a device: by vendor and product id first (the RC-S300 also has a CCID interface, which
 * WebUSB refuses), else the standard CCID driver for a device with a smart-card interface.
 */
export function driverFor(device: USBDevice): Pick<UsbDriver, 'name' | 'open'> | undefined {
  const known = USB_DRIVERS.find((d) => d.vendorId === device.vendorId && d.productId === device.productId);
  if (known) return known;
  if (findCcidInterface(device)) return { ...CCID_DRIVER, name: device.productName ?? CCID_DRIVER.name };
  return undefined;
}
