import { describe, expect, it } from 'vitest';
import { createPersonaCard } from '../../mocks/card/persona-card';
import { FakeUsb, FakeUsbDevice } from '../../mocks/usb/fake-usb';
import { Rcs380Model } from '../../mocks/usb/rcs380-model';
import { createReaderStore } from './reader-store';
import { stopTraceAtVerdict } from './reader-trace-link';
import { createSessionStore } from './session-store';
import { testPorts } from './test-support';

async function setUp({ virtual = false } = {}) {
  const { card } = await createPersonaCard('adult-35', '2026-11-26');
  const usb = new FakeUsb();
  usb.add(new FakeUsbDevice(new Rcs380Model(card)), { permitted: true });
  const readers = createReaderStore({
    usb: virtual ? null : (usb as unknown as USB),
    webNfc: false,
    virtualCard: virtual ? card : null,
  });
  await readers.getState().reconnect();
  if (virtual) await readers.getState().select('virtual');
  const session = createSessionStore({ ports: testPorts({ now: () => new Date('2026-11-26T03:00:00Z') }) });
  stopTraceAtVerdict(session, readers);
  return { readers, session };
}

describe('reader diagnostics in the stores', () => {
  it('records the selected WebUSB reader until the next verdict, then keeps the trace as text', async () => {
    const { readers, session } = await setUp();
    await readers.getState().startTrace();
    expect(readers.getState().trace.state).toBe('recording');
    await readers.getState().poll();
    expect(session.getState().beginCheck('number-b')).not.toBeNull();
    await readers.getState().poll();
    session.getState().completeCheck('number-b', { kind: 'failed', errorCode: 'transport.no-card' });
    expect(session.getState().phase).toBe('verdict');
    const trace = readers.getState().trace;
    expect(trace.state).toBe('stopped');
    expect(trace.lines).toBeGreaterThan(0);
    // Polls after the verdict are not recorded.
    await readers.getState().poll();
    const text = readers.getState().traceText('2026-11-26T12:00:00+09:00', 'test') ?? '';
    expect(text.split('\n').filter((line) => !line.startsWith('#') && line !== '')).toHaveLength(trace.lines);
    expect(text).toContain('# reader: Sony RC-S380/P (rcs380)');
    readers.getState().clearTrace();
    expect(readers.getState().trace.state).toBe('off');
    expect(readers.getState().traceText('x', 'y')).toBeNull();
  });

  it('records nothing when cleared while the trace code was still loading', async () => {
    const { readers } = await setUp();
    const starting = readers.getState().startTrace();
    expect(readers.getState().trace.state).toBe('recording');
    readers.getState().clearTrace();
    await starting;
    await readers.getState().poll();
    expect(readers.getState().trace.state).toBe('off');
    expect(readers.getState().traceText('x', 'y')).toBeNull();
  });

  it('says when the reader cannot be traced (the simulator)', async () => {
    const { readers } = await setUp({ virtual: true });
    await readers.getState().startTrace();
    expect(readers.getState().trace.state).toBe('unsupported');
    expect(readers.getState().traceText('x', 'y')).toBeNull();
  });
});
