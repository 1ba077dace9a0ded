/**
 * How each supported USB reader is recognised: vendor and product ids, and the smart-card interface class.
 * Kept apart from the drivers, so that recognising a reader (the chooser's filters, reconnecting a permitted
 * one) does not load any driver: each loads when its reader is opened.
 */

/** USB identities of the RC-S380. */
export const RCS380_DEVICES = [
  { vendorId: 0x054c, productId: 0x06c1, name: 'Sony RC-S380/S' },
  { vendorId: 0x054c, productId: 0x06c3, name: 'Sony RC-S380/P' },
] as const;

/** USB identities of the RC-S300. */
export const RCS300_DEVICES = [
  { vendorId: 0x054c, productId: 0x0dc8, name: 'Sony RC-S300/S' },
  { vendorId: 0x054c, productId: 0x0dc9, name: 'Sony RC-S300/P' },
] as const;

/** USB interface class of smart-card readers (CCID §4.2, bInterfaceClass). */
export const SMART_CARD_CLASS = 0x0b;

/** A WebUSB chooser filter that lists any CCID reader. */
export const CCID_USB_FILTER: USBDeviceFilter = Object.freeze({ classCode: SMART_CARD_CLASS });

/** Whether a WebUSB interface is a smart-card reader interface (any of its alternate settings). */
export function isCcidInterface(usbInterface: USBInterface): boolean {
  const settings = [usbInterface.alternate, ...usbInterface.alternates];
  return settings.some((setting) => setting.interfaceClass === SMART_CARD_CLASS);
}

/**
 * The CCID interface of a device, from the selected configuration or else the first one (before `open`
 * nothing is selected). Undefined when the device is no CCID reader.
 */
export function findCcidInterface(device: USBDevice): USBInterface | undefined {
  const configuration = device.configuration ?? device.configurations[0];
  return configuration?.interfaces.find(isCcidInterface);
}
