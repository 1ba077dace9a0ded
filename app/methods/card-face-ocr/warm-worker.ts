/**
 * The page's one OCR worker: started on first use and kept warm between reads. One that failed to start is
 * forgotten, so that the next read tries again (e.g. back online); one a read failed on is dropped and
 * terminated, since the read may have left its settings (whitelist, segmentation, threshold) other than the
 * defaults every read starts from, or the worker itself broken.
 *
 * A worker can also stop answering without failing: tesseract.js leaves a job pending for good when its worker
 * dies (out of memory, the browser killing it) or its engine never finishes loading. So a read, and a start, has
 * a deadline; past a read's, the read fails, the worker is dropped, and the next read starts another — otherwise
 * this read and every later one in the page would wait for ever. Past a start's, the read fails too, but the
 * start is kept (see `run`): not replaced, which would add a thread, and not waited on again — later tries fail
 * at once until it answers (then it serves them) or fails (then it is forgotten, and the next try starts again).
 */
export interface WarmWorker<W> {
  /** The worker, started if there is none. */
  get(): Promise<W>;
  /**
   * Runs `read` on the worker. If the start fails, or the read fails or outlives its deadline, the worker is
   * dropped (and terminated) and the read rejects: a late one with {@link WorkerStalled}. A start that outlives
   * its deadline rejects the read the same way and is kept, but not waited on again: while it is still pending,
   * later reads reject at once ({@link WorkerStalled}); once it answers, it serves them. `signal` ends the wait
   * for the start (the start itself goes on), rejecting with the signal's reason; a read once begun runs on.
   */
  run<T>(read: (worker: W) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface Deadlines {
  /** How long a read waits for the worker to start (the engine and the language model fetched and loaded). */
  readonly startMs: number;
  /** One read on a started worker. */
  readonly readMs: number;
}

/** The OCR worker did not answer within its deadline. */
export class WorkerStalled extends Error {
  override readonly name = 'WorkerStalled';
}

function within<T>(work: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new WorkerStalled(`${what}: no answer in ${ms} ms`));
    }, ms);
    onAbort = () => {
      const reason: unknown = signal?.reason;
      reject(reason instanceof Error ? reason : new Error('aborted'));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, late]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

export function warmWorker<W extends { terminate(): Promise<unknown> }>(
  start: () => Promise<W>,
  deadlines: Deadlines,
): WarmWorker<W> {
  let current: Promise<W> | null = null;
  /** The start that missed its deadline and has not answered since: not waited on again. */
  let stalled: Promise<W> | null = null;
  const get = (): Promise<W> => {
    const started = (current ??= start().catch((error: unknown) => {
      if (current === started) current = null;
      throw error;
    }));
    return started;
  };
  const discard = (worker: Promise<W>) => {
    if (current === worker) current = null;
    worker.then((w) => w.terminate()).catch(() => undefined);
  };
  return {
    get,
    async run(read, signal) {
      const started = get();
      // A start past its deadline fails this read but is kept rather than replaced: a second engine would run
      // beside one that cannot be stopped (tesseract.js gives no handle on its worker before the start
      // resolves). Nor is it waited on again, so that tries queued behind it do not each wait a whole deadline.
      // A start that fails is forgotten by `get`.
      if (started === stalled) throw new WorkerStalled('OCR worker start: still no answer');
      let worker: W;
      try {
        worker = await within(started, deadlines.startMs, 'OCR worker start', signal);
      } catch (error) {
        if (error instanceof WorkerStalled && current === started) {
          stalled = started;
          const answered = () => {
            if (stalled === started) stalled = null;
          };
          started.then(answered, answered);
        }
        throw error;
      }
      try {
        return await within(read(worker), deadlines.readMs, 'OCR read');
      } catch (error) {
        discard(started);
        throw error;
      }
    },
  };
}
