/**
 * The reader latency model of the benchmarks: one USB full-speed bulk transfer ≈ 1 ms (1 ms frames); ISO 14443
 * Type B at 106 kbit/s with 10 bits a byte (start, 8 data, stop). Card processing is not modelled.
 */
export const USB_TRANSFER_MS = 1;
export const RF_BYTE_MS = (10 / 106_000) * 1000;

/** Modelled time of `transfers` USB transfers and `rfBytes` bytes over the air, milliseconds. */
export function modelledMs(transfers: number, rfBytes: number): number {
  return transfers * USB_TRANSFER_MS + rfBytes * RF_BYTE_MS;
}

export const MODEL_TEXT = `${USB_TRANSFER_MS} ms per USB transfer + ${RF_BYTE_MS.toFixed(4)} ms per RF byte (106 kbit/s); card processing not modelled`;
