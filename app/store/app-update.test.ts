import { describe, expect, it, vi } from 'vitest';
import { createAppUpdateStore, mayOfferUpdate, runWhenPhase } from './app-update';
import { createSessionStore } from './session-store';
import { testPorts } from './test-support';

const session = () => createSessionStore({ ports: testPorts({ now: () => new Date('2026-11-26T03:00:00Z') }) });

describe('app update', () => {
  it('is offered only between customers', () => {
    expect(mayOfferUpdate('idle')).toBe(true);
    expect(mayOfferUpdate('verdict')).toBe(false); // the verdict covers the screen until the next customer
    expect(mayOfferUpdate('checking')).toBe(false);
  });

  it('waits until offered, then applies through the registration', async () => {
    const updates = createAppUpdateStore();
    expect(updates.getState().waiting).toBe(false);
    await updates.getState().apply(); // nothing to apply yet: no effect
    const apply = vi.fn(() => Promise.resolve());
    updates.getState().offer(apply);
    expect(updates.getState().waiting).toBe(true);
    expect(apply).not.toHaveBeenCalled();
    await updates.getState().apply();
    expect(apply).toHaveBeenCalledOnce();
  });

  it('runs at once when the phase allows it', () => {
    const store = session();
    const action = vi.fn();
    runWhenPhase(store, mayOfferUpdate, action);
    expect(action).toHaveBeenCalledOnce();
  });

  it('never runs during a check or its verdict: waits for the next customer, then runs once', () => {
    const store = session();
    store.getState().beginCheck('card-face-ocr');
    const action = vi.fn();
    runWhenPhase(store, mayOfferUpdate, action);
    store.getState().updateSettings({ idleResetSeconds: 30 }); // resets: idle is allowed
    expect(action).toHaveBeenCalledOnce();
    store.getState().beginCheck('number-b');
    store.getState().completeCheck('number-b', { kind: 'failed', errorCode: 'policy.unrecognised-date' });
    expect(action).toHaveBeenCalledOnce();
  });

  it('can wait for idle past a verdict on screen', () => {
    const store = session();
    store.getState().beginCheck('number-b');
    const action = vi.fn();
    runWhenPhase(store, (phase) => phase === 'idle', action);
    store.getState().completeCheck('number-b', { kind: 'failed', errorCode: 'policy.unrecognised-date' });
    expect(store.getState().phase).toBe('verdict');
    expect(action).not.toHaveBeenCalled();
    store.getState().reset();
    expect(action).toHaveBeenCalledOnce();
  });
});
