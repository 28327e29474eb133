/** Runs tasks with at most `limit` of them in flight. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `Concurrency must be a positive integer, got ${limit}`,
    );
  }
  let active = 0;
  // A queue with a moving head: Array#shift is linear, and a refresh queues
  // tens of thousands of reads at once.
  let waiting: Array<() => void> = [];
  let head = 0;
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < limit) {
      active += 1;
    } else {
      // The finishing task hands its slot over, so `active` never overshoots.
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      if (head < waiting.length) {
        const next = waiting[head];
        head += 1;
        if (head === waiting.length) {
          waiting = [];
          head = 0;
        }
        next();
      } else {
        active -= 1;
      }
    }
  };
}
