/**
 * The one table of USB readers this app drives, keyed by vendor and product id; it also feeds the WebUSB
 * chooser's filters. Standard CCID readers are recognised by interface class instead.
 */
import type { CardTransport } from '../card/transport';
import { RCS380_DEVICES, Rcs380Transport } from './rcs380/driver';

export interface UsbDriver {
  readonly vendorId: number;
  readonly productId: number;
  readonly name: string;
  open(device: USBDevice): Promise<CardTransport>;
}

export const USB_DRIVERS: readonly UsbDriver[] = [
  ...RCS380_DEVICES.map((d) => ({ ...d, open: (device: USBDevice) => Rcs380Transport.open(device) })),
];

/** `requestDevice` filters: every known reader. */
export const USB_FILTERS: USBDeviceFilter[] = USB_DRIVERS.map(({ vendorId, productId }) => ({ vendorId, productId }));

/** The driver for a device, by vendor and product id. */
export function driverFor(device: USBDevice): UsbDriver | undefined {
  return USB_DRIVERS.find((d) => d.vendorId === device.vendorId && d.productId === device.productId);
}
