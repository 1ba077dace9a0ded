/**
 * `run` made to take one call at a time, in the order called. The OCR worker keeps the settings a read gives it
 * (whitelist, page mode, threshold) for the reads that follow, so two reads interleaved on the one worker would
 * read under each other's settings: a photo chosen while a camera frame is still being read, say.
 */
export function oneAtATime<A extends unknown[], R>(run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let last: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const next = last.then(() => run(...args));
    // A call that fails still lets the next one run.
    last = next.catch(() => undefined);
    return next;
  };
}
