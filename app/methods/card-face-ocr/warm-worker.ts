/**
 * The page's one OCR worker: started on first use and kept warm between reads. One that failed to start is
 * forgotten, so that the next read tries again (e.g. back online); one a read failed on is dropped and
 * terminated, since the read may have left its settings (whitelist, segmentation, threshold) other than the
 * defaults every read starts from, or the worker itself broken.
 */
export interface WarmWorker<W> {
  /** The worker, started if there is none. */
  get(): Promise<W>;
  /** Drops `worker` (what `get` gave) after a failed read; the next `get` starts another. */
  discard(worker: Promise<W>): void;
}

export function warmWorker<W extends { terminate(): Promise<unknown> }>(start: () => Promise<W>): WarmWorker<W> {
  let current: Promise<W> | null = null;
  return {
    get() {
      const started = (current ??= start().catch((error: unknown) => {
        if (current === started) current = null;
        throw error;
      }));
      return started;
    },
    discard(worker) {
      if (current === worker) current = null;
      worker.then((w) => w.terminate()).catch(() => undefined);
    },
  };
}
