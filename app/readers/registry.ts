/**
 * The one table of USB readers this app drives, keyed by vendor and product id; it also feeds the WebUSB
 * chooser's filters. Standard CCID readers are recognised by interface class instead.
 */
import type { CardTransport } from '../card/transport';
import { CCID_USB_FILTER, CcidTransport, findCcidInterface } from './ccid/driver';
import { RCS300_DEVICES, Rcs300Transport } from './rcs300/driver';
import { RCS380_DEVICES, Rcs380Transport } from './rcs380/driver';

export interface UsbDriver {
  readonly vendorId: number;
  readonly productId: number;
  readonly name: string;
  open(device: USBDevice): Promise<CardTransport>;
}

export const USB_DRIVERS: readonly UsbDriver[] = [
  ...RCS380_DEVICES.map((d) => ({ ...d, open: (device: USBDevice) => Rcs380Transport.open(device) })),
  ...RCS300_DEVICES.map((d) => ({ ...d, open: (device: USBDevice) => Rcs300Transport.open(device) })),
];

/** Any standard CCID reader; it works only where the page may claim the protected smart-card class. */
const CCID_DRIVER = { name: 'CCID', open: (device: USBDevice) => CcidTransport.open(device) };

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
