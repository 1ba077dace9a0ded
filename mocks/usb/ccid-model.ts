/**
 * A generic USB CCID reader's firmware, faked: CCID messages in on bulk OUT, answers out on bulk IN in
 * 64-byte packets (with the zero-length packet that ends a message of whole packets), one slot at APDU level
 * in front of the virtual card. Counts what the host asks for, so tests can prove the driver powers the card
 * on once per presence.
 */
import {
  decodeMessage,
  encodeDataBlock,
  encodeSlotStatus,
  MESSAGE_TYPE,
  SLOT_ERROR,
  type CcidMessage,
  type IccStatus,
  type SlotState,
} from '../../app/readers/ccid/ccid-message';
import { CardNotPresentError, type VirtualMyNumberCard } from '../card/virtual-card';
import { PROTECTED_SMART_CARD_CLASS, type FakeUsbDevice, type ReaderModel } from './fake-usb';
import { StepHooks } from './step-hooks';

/** wMaxPacketSize of the bulk endpoints (full-speed), bytes. */
export const CCID_PACKET_SIZE = 64;
/** bError of a message addressed to a slot that does not exist: the offset of bSlot in the header. */
const NO_SUCH_SLOT = 5;
/** The host's commands this reader knows. */
const SUPPORTED: readonly number[] = [
  MESSAGE_TYPE.iccPowerOn,
  MESSAGE_TYPE.iccPowerOff,
  MESSAGE_TYPE.getSlotStatus,
  MESSAGE_TYPE.xfrBlock,
];

/** Interface 0, class 0x0B: bulk OUT 1, bulk IN 2, interrupt IN 3 (the usual CCID layout). */
export const CCID_READER_INTERFACES = [
  {
    interfaceNumber: 0,
    interfaceClass: PROTECTED_SMART_CARD_CLASS,
    endpoints: [
      { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: CCID_PACKET_SIZE },
      { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: CCID_PACKET_SIZE },
      // NotifySlotChange; the fake never sends on it.
      { endpointNumber: 3, direction: 'in', type: 'interrupt', packetSize: 8 },
    ],
  },
] as const;

/** A generic one-slot CCID reader (04E6:5116) at short APDU level, holding `card`. */
export class CcidModel implements ReaderModel {
  readonly vendorId = 0x04e6;
  readonly productId = 0x5116;
  readonly productName = 'Generic CCID Reader (fake)';
  readonly interfaces = CCID_READER_INTERFACES;
  readonly counts = { powerOn: 0, powerOff: 0, slotStatus: 0, xfrBlock: 0, timeExtensions: 0 };
  /** Time extension requests (bStatus 0x80) to send before the next XfrBlock answer (fault injection). */
  timeExtensionsBeforeNext = 0;
  /** BWT multiplier sent in bError with each time extension. */
  timeExtensionMultiplier = 1;
  /** IN packets handed to the device, zero-length ones included (for leftover checks). */
  packetsSent = 0;
  /** XfrBlock messages reaching the card, with hooks on them (take the card away before the n-th). */
  readonly xfr = new StepHooks();
  #device: FakeUsbDevice | null = null;
  #powered = false;

  constructor(readonly card: VirtualMyNumberCard) {}

  attach(device: FakeUsbDevice): void {
    this.#device = device;
  }

  /** A USB reset restarts the reader, which deactivates the card. */
  onReset(): void {
    this.#powered = false;
    this.card.reset();
  }

  /** Takes the card out of the slot (or the field). */
  removeCard(): void {
    this.card.remove();
    this.#powered = false;
  }

  /** An answer to a message of an earlier session, left in the IN pipe: call before the driver opens the reader. */
  queueStaleAnswer(): void {
    this.#send(encodeSlotStatus(0, 0xa5, this.#ok()));
  }

  /** Puts the card back: present, not yet powered. */
  insertCard(): void {
    this.card.insert();
    this.#powered = false;
  }

  get #icc(): IccStatus {
    if (!this.card.present) return 'absent';
    return this.#powered ? 'active' : 'inactive';
  }

  #ok(): SlotState {
    return { icc: this.#icc, command: 'ok', error: 0 };
  }

  #failed(error: number): SlotState {
    return { icc: this.#icc, command: 'failed', error };
  }

  /** Sends one message the way a full-speed reader does: 64-byte packets, then a ZLP after a full last one. */
  #send(message: Uint8Array): void {
    for (let at = 0; at < message.length; at += CCID_PACKET_SIZE) {
      this.#emit(message.slice(at, at + CCID_PACKET_SIZE));
    }
    if (message.length % CCID_PACKET_SIZE === 0) this.#emit(new Uint8Array(0));
  }

  #emit(packet: Uint8Array): void {
    this.packetsSent += 1;
    this.#device?.emit(packet);
  }

  async onOut(_endpoint: number, data: Uint8Array): Promise<void> {
    let message: CcidMessage;
    try {
      message = decodeMessage(data);
    } catch {
      return; // a garbled message gets no answer, as from a real reader
    }
    for (const answer of await this.#answer(message)) this.#send(answer);
  }

  /** The answers to one command, in order (time extensions first). */
  async #answer(message: CcidMessage): Promise<Uint8Array[]> {
    const { messageType, slot, sequence } = message;
    const slotStatus = (state: SlotState) => [encodeSlotStatus(slot, sequence, state)];
    const dataBlock = (state: SlotState, payload?: Uint8Array) => [encodeDataBlock(slot, sequence, state, payload)];
    if (!SUPPORTED.includes(messageType)) {
      // A command the reader does not support gets a SlotStatus with bError 00 (CCID §6.2.6).
      return slotStatus(this.#failed(SLOT_ERROR.commandNotSupported));
    }
    if (slot !== 0) {
      const state: SlotState = { icc: 'absent', command: 'failed', error: NO_SUCH_SLOT };
      return messageType === MESSAGE_TYPE.iccPowerOn || messageType === MESSAGE_TYPE.xfrBlock
        ? dataBlock(state)
        : slotStatus(state);
    }
    switch (messageType) {
      case MESSAGE_TYPE.iccPowerOn:
        if (!this.card.present) return dataBlock(this.#failed(SLOT_ERROR.iccMute));
        this.counts.powerOn += 1;
        this.card.reset();
        this.#powered = true;
        return dataBlock(this.#ok(), this.card.atr);
      case MESSAGE_TYPE.iccPowerOff:
        this.counts.powerOff += 1;
        this.#powered = false;
        this.card.reset();
        return slotStatus(this.#ok());
      case MESSAGE_TYPE.getSlotStatus:
        this.counts.slotStatus += 1;
        return slotStatus(this.#ok());
      default:
        this.counts.xfrBlock += 1;
        return this.#xfrBlock(message.data, dataBlock);
    }
  }

  async #xfrBlock(
    apdu: Uint8Array,
    dataBlock: (state: SlotState, payload?: Uint8Array) => Uint8Array[],
  ): Promise<Uint8Array[]> {
    this.xfr.step();
    if (!this.#powered) return dataBlock(this.#failed(SLOT_ERROR.iccMute));
    let response: Uint8Array;
    try {
      response = await this.card.transmit(apdu);
    } catch (error) {
      if (error instanceof CardNotPresentError) return dataBlock(this.#failed(SLOT_ERROR.iccMute));
      throw error;
    }
    const answers: Uint8Array[] = [];
    for (; this.timeExtensionsBeforeNext > 0; this.timeExtensionsBeforeNext -= 1) {
      this.counts.timeExtensions += 1;
      answers.push(...dataBlock({ icc: 'active', command: 'time-extension', error: this.timeExtensionMultiplier }));
    }
    return [...answers, ...dataBlock(this.#ok(), response)];
  }
}
