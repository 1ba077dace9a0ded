import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmWorker, WorkerStalled } from './warm-worker';

const fakeWorker = (id: number) => ({ id, terminate: vi.fn(() => Promise.resolve()) });
type FakeWorker = ReturnType<typeof fakeWorker>;

const DEADLINES = { startMs: 1_000, readMs: 500 };
const never = <T>() => new Promise<T>(() => undefined);

/** A pool whose every start gives the next numbered worker. */
function numbered() {
  let n = 0;
  const start = vi.fn(() => Promise.resolve(fakeWorker((n += 1))));
  return { ocr: warmWorker(start, DEADLINES), start };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('warmWorker', () => {
  it('starts one worker and keeps it for every read', async () => {
    const { ocr, start } = numbered();
    const ids = await Promise.all([ocr.run((w) => Promise.resolve(w.id)), ocr.run((w) => Promise.resolve(w.id))]);
    expect(ids).toEqual([1, 1]);
    expect((await ocr.get()).id).toBe(1);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('forgets a worker that failed to start, in a read or in the warm-up, so that the next read starts one again', async () => {
    /** A pool whose first start fails (offline) and whose second gives worker 2. */
    const offlineOnce = () =>
      warmWorker(
        vi
          .fn<() => Promise<FakeWorker>>()
          .mockRejectedValueOnce(new Error('offline'))
          .mockResolvedValueOnce(fakeWorker(2)),
        DEADLINES,
      );
    const read = offlineOnce();
    await expect(read.run((w) => Promise.resolve(w.id))).rejects.toThrow('offline');
    expect(await read.run((w) => Promise.resolve(w.id))).toBe(2);
    const warmUp = offlineOnce();
    await expect(warmUp.get()).rejects.toThrow('offline');
    expect(await warmUp.run((w) => Promise.resolve(w.id))).toBe(2);
  });

  it('drops and terminates a worker a read failed on: the next read gets a fresh one', async () => {
    const { ocr } = numbered();
    const first = await ocr.get();
    await expect(ocr.run(() => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    const next = await ocr.get();
    expect(next.id).toBe(2);
    await vi.waitFor(() => {
      expect(first.terminate).toHaveBeenCalledTimes(1);
    });
    expect(next.terminate).not.toHaveBeenCalled();
  });

  it('a read that never answers fails at its deadline, and the worker is terminated and replaced', async () => {
    vi.useFakeTimers();
    const { ocr } = numbered();
    const first = await ocr.get();
    const stalled = ocr.run(() => never<number>());
    const outcome = expect(stalled).rejects.toBeInstanceOf(WorkerStalled);
    await vi.advanceTimersByTimeAsync(DEADLINES.readMs - 1);
    expect(first.terminate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(first.terminate).toHaveBeenCalledTimes(1);
    // The reads after it are not stuck behind it.
    expect(await ocr.run((w) => Promise.resolve(w.id))).toBe(2);
  });

  it('a start past its deadline fails the read and is kept: later reads fail at once until it answers, then it serves them', async () => {
    vi.useFakeTimers();
    let finish: (w: FakeWorker) => void = () => undefined;
    const late = fakeWorker(1);
    const start = vi
      .fn<() => Promise<FakeWorker>>()
      .mockReturnValueOnce(new Promise((resolve) => (finish = resolve)))
      .mockResolvedValueOnce(fakeWorker(2));
    const ocr = warmWorker(start, DEADLINES);
    const read = vi.fn((w: FakeWorker) => Promise.resolve(w.id));
    const stalled = ocr.run(read);
    const outcome = expect(stalled).rejects.toBeInstanceOf(WorkerStalled);
    await vi.advanceTimersByTimeAsync(DEADLINES.startMs - 1);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    // Tries behind it do not each wait a whole deadline, and no second engine is started.
    await expect(ocr.run(read)).rejects.toBeInstanceOf(WorkerStalled);
    expect(read).not.toHaveBeenCalled();
    finish(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(await ocr.run(read)).toBe(1);
    expect(start).toHaveBeenCalledTimes(1);
    expect(late.terminate).not.toHaveBeenCalled();
  });

  it('a stalled start that then fails is forgotten: the next read starts again', async () => {
    vi.useFakeTimers();
    let fail: (e: Error) => void = () => undefined;
    const start = vi
      .fn<() => Promise<FakeWorker>>()
      .mockReturnValueOnce(new Promise((_, reject) => (fail = reject)))
      .mockResolvedValueOnce(fakeWorker(2));
    const ocr = warmWorker(start, DEADLINES);
    const stalled = expect(ocr.run((w) => Promise.resolve(w.id))).rejects.toBeInstanceOf(WorkerStalled);
    await vi.advanceTimersByTimeAsync(DEADLINES.startMs);
    await stalled;
    fail(new Error('core failed to load'));
    await vi.advanceTimersByTimeAsync(0);
    expect(await ocr.run((w) => Promise.resolve(w.id))).toBe(2);
  });

  it('a start that never answers fails every read, the later ones at once, and never adds a second engine', async () => {
    vi.useFakeTimers();
    const start = vi.fn(() => never<FakeWorker>());
    const ocr = warmWorker(start, DEADLINES);
    const first = expect(ocr.run(() => Promise.resolve(1))).rejects.toBeInstanceOf(WorkerStalled);
    await vi.advanceTimersByTimeAsync(DEADLINES.startMs);
    await first;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(ocr.run(() => Promise.resolve(1))).rejects.toBeInstanceOf(WorkerStalled);
    }
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('a cancelled read stops waiting for the start, which goes on and serves the next read', async () => {
    vi.useFakeTimers();
    let finish: (w: FakeWorker) => void = () => undefined;
    const start = vi.fn(() => new Promise<FakeWorker>((resolve) => (finish = resolve)));
    const ocr = warmWorker(start, DEADLINES);
    const controller = new AbortController();
    const read = vi.fn((w: FakeWorker) => Promise.resolve(w.id));
    const cancelled = ocr.run(read, controller.signal);
    const outcome = expect(cancelled).rejects.toThrow('cancelled');
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('cancelled'));
    await outcome;
    expect(read).not.toHaveBeenCalled();
    // An already-aborted signal does not wait at all.
    await expect(ocr.run(read, controller.signal)).rejects.toThrow('cancelled');
    finish(fakeWorker(1));
    expect(await ocr.run(read)).toBe(1);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('a start slower than a read may be but within its own deadline is waited for', async () => {
    vi.useFakeTimers();
    const start = vi.fn(
      () =>
        new Promise<FakeWorker>((resolve) => {
          setTimeout(() => {
            resolve(fakeWorker(1));
          }, DEADLINES.readMs + 100);
        }),
    );
    const ocr = warmWorker(start, DEADLINES);
    const read = ocr.run((w) => Promise.resolve(w.id));
    await vi.advanceTimersByTimeAsync(DEADLINES.readMs + 100);
    expect(await read).toBe(1);
  });

  it('a read slower than usual but within its deadline keeps the worker', async () => {
    vi.useFakeTimers();
    const { ocr } = numbered();
    const first = await ocr.get();
    const slow = ocr.run(
      (w) =>
        new Promise<number>((resolve) => {
          setTimeout(() => {
            resolve(w.id);
          }, DEADLINES.readMs - 10);
        }),
    );
    await vi.advanceTimersByTimeAsync(DEADLINES.readMs);
    expect(await slow).toBe(1);
    expect(first.terminate).not.toHaveBeenCalled();
    expect(await ocr.get()).toBe(first);
  });

  it('a read failing after another failure has replaced its worker does not drop the new one', async () => {
    const { ocr } = numbered();
    let failFirst: (e: Error) => void = () => undefined;
    const firstRead = ocr.run(() => new Promise<number>((_, reject) => (failFirst = reject)));
    await expect(ocr.run(() => Promise.reject(new Error('second')))).rejects.toThrow('second');
    const next = await ocr.get();
    expect(next.id).toBe(2);
    failFirst(new Error('first'));
    await expect(firstRead).rejects.toThrow('first');
    expect(await ocr.get()).toBe(next);
    expect(next.terminate).not.toHaveBeenCalled();
  });

  it('a worker that failed to start leaves no unhandled rejection when dropped', async () => {
    const ocr = warmWorker(() => Promise.reject(new Error('no core')), DEADLINES);
    await expect(ocr.run(() => Promise.resolve(1))).rejects.toThrow('no core');
  });
});
