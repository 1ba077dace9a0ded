/**
 * Awaitable hooks on a fake reader's steps (RF frames, CCID messages): a test says "take the card away just
 * before the third frame reaches it" and awaits that moment, instead of sleeping and hoping.
 */
interface Waiter {
  readonly at: number;
  readonly action: (() => void) | undefined;
  readonly resolve: () => void;
}

export class StepHooks {
  /** Steps taken so far. */
  count = 0;
  #waiters: Waiter[] = [];

  /** Resolves when the `n`-th step from now (1 = the next) is about to happen, after running `action` then. */
  before(n: number, action?: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ at: this.count + n, action, resolve });
    });
  }

  /** Called by the fake firmware at each step, before it acts on it. */
  step(): void {
    this.count += 1;
    const due = this.#waiters.filter((w) => w.at === this.count);
    this.#waiters = this.#waiters.filter((w) => w.at !== this.count);
    for (const waiter of due) {
      waiter.action?.();
      waiter.resolve();
    }
  }
}
