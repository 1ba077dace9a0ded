import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../card/bytes';
import { TransportError } from '../../card/transport';
import { inCommRf, parseInCommRf, RF_SETUP, TYPE_B_SETUP } from './chipset';

describe('InCommRF answers', () => {
  // The status words and names of nfcpy `tests/test_clf_rcs380.py` TestCommunicationError (u32 LE).
  it.each([
    ['80000000', 'timeout'], // RECEIVE_TIMEOUT_ERROR: nothing in the field
    ['01000000', 'damaged'], // PROTOCOL_ERROR (nfcpy test_in_comm_rf: RSP('0501000000'))
    ['02000000', 'damaged'], // PARITY_ERROR
    ['04000000', 'damaged'], // CRC_ERROR
    ['08000000', 'damaged'], // COLLISION_ERROR
    ['10000000', 'damaged'], // OVERFLOW_ERROR
    ['00000080', 'damaged'], // RECEIVE_LENGTH_ERROR
    ['40000000', 'reader-fault'], // TEMPERATURE_ERROR (nfcpy test_sense_ttb_with_receive_errors)
    ['00020000', 'reader-fault'], // RFCA_ERROR
    ['00040000', 'reader-fault'], // RF_OFF_ERROR
    ['00080000', 'reader-fault'], // TRANSMIT_TIMEOUT_ERROR
    ['84000000', 'timeout'], // a timeout with a CRC error: the card did not answer in time
  ])('reads the 4-byte status %s alone as %s', (status, outcome) => {
    expect(parseInCommRf(hex`${status}`)).toMatchObject({ outcome });
  });

  it('takes the card frame from byte 5 on only when the status is 0', () => {
    // nfcpy test_in_comm_rf: RSP('0500000000083334') → b'34'; test_sense_ttb_with_tt4_target_found's SENSB_RES.
    const ok = parseInCommRf(hex`00000000 08 3334`);
    expect(ok.outcome === 'ok' && toHex(ok.frame)).toBe('3334');
    const atqb = parseInCommRf(hex`00000000 08 50E8253EEC00000011008185`);
    expect(atqb.outcome === 'ok' && toHex(atqb.frame)).toBe('50e8253eec00000011008185');
    // An error status followed by bytes still carries no card frame.
    expect(parseInCommRf(hex`80000000 00 9000`)).toEqual({ outcome: 'timeout' });
  });

  it('refuses an answer shorter than its status', () => {
    expect(() => parseInCommRf(hex`800000`)).toThrow(TransportError);
  });

  it('codes the RF timeout in 0.1 ms units, little endian, capped at FFFF (nfcpy test_in_comm_rf)', () => {
    expect(toHex(inCommRf(hex`31 32`, 0))).toBe('d604010031 32'.replace(' ', ''));
    expect(toHex(inCommRf(hex`05 00 10`, 30))).toBe('d6042c01050010');
    expect(toHex(inCommRf(hex`31 32`, 10_000))).toBe('d604ffff3132');
  });

  it('sets Type B up with the bytes nfcpy sends in sense_ttb', () => {
    // test_sense_ttb_with_no_target_found: CMD('00 03070f07'), CMD('02 0018…1306'), CMD('02 0b0109010c010a010014').
    expect(RF_SETUP.map(toHex)).toEqual([
      'd60003070f07',
      'd6020018010102010300040005000600070808000900' + '0a000b000c000e040f0010001100120013' + '06',
      'd6020b0109010c010a010014',
    ]);
    // Open: SetCommandType 1 and the field off, as nfcpy's Chipset.__init__ (CMD('2a 01'), CMD('06 00')).
    expect(TYPE_B_SETUP.slice(0, 2).map(toHex)).toEqual(['d62a01', 'd60600']);
  });
});
