import { describe, expect, it, vi } from 'vitest';
import { warmWorker } from './warm-worker';

const fakeWorker = (id: number) => ({ id, terminate: vi.fn(() => Promise.resolve()) });

describe('warmWorker', () => {
  it('starts one worker and keeps it for every read', async () => {
    const start = vi.fn((): Promise<ReturnType<typeof fakeWorker>> =>
      Promise.resolve(fakeWorker(start.mock.calls.length)),
    );
    const ocr = warmWorker(start);
    const [a, b] = await Promise.all([ocr.get(), ocr.get()]);
    expect(await ocr.get()).toBe(a);
    expect(b).toBe(a);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('forgets a worker that failed to start, so that the next read starts one again', async () => {
    const start = vi
      .fn<() => Promise<ReturnType<typeof fakeWorker>>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce(fakeWorker(2));
    const ocr = warmWorker(start);
    await expect(ocr.get()).rejects.toThrow('offline');
    expect((await ocr.get()).id).toBe(2);
  });

  it('drops and terminates a worker a read failed on: the next read gets a fresh one', async () => {
    let n = 0;
    const ocr = warmWorker(() => Promise.resolve(fakeWorker((n += 1))));
    const failed = ocr.get();
    const first = await failed;
    ocr.discard(failed);
    const next = await ocr.get();
    expect(next.id).toBe(2);
    await vi.waitFor(() => {
      expect(first.terminate).toHaveBeenCalledTimes(1);
    });
    // A second failure report of the old worker does not drop the new one.
    ocr.discard(failed);
    expect(await ocr.get()).toBe(next);
    expect(next.terminate).not.toHaveBeenCalled();
  });

  it('drops a worker still starting when a read on it failed, and terminates it once started', async () => {
    let finish: (w: ReturnType<typeof fakeWorker>) => void = () => undefined;
    const first = fakeWorker(1);
    const start = vi
      .fn<() => Promise<ReturnType<typeof fakeWorker>>>()
      .mockReturnValueOnce(new Promise((resolve) => (finish = resolve)))
      .mockResolvedValueOnce(fakeWorker(2));
    const ocr = warmWorker(start);
    const pending = ocr.get();
    ocr.discard(pending);
    expect((await ocr.get()).id).toBe(2);
    finish(first);
    await vi.waitFor(() => {
      expect(first.terminate).toHaveBeenCalledTimes(1);
    });
  });

  it('discarding a worker that failed to start leaves no unhandled rejection', async () => {
    const ocr = warmWorker(() => Promise.reject(new Error('no core')));
    const failed = ocr.get();
    ocr.discard(failed);
    await expect(failed).rejects.toThrow('no core');
  });
});
