interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends that arrive in the same turn of the event loop (or within `windowMilliseconds`, when one is
 * set), and all that arrive while the previous batch is being synced, are committed together — one transaction, one
 * fsync — and each caller is told only once its item is durable. An fsync costs about as much for one record as
 * for a hundred, so a burst costs a few fsyncs, not one per request; and no request waits on a clock while the disk
 * is free.
 */
export class GroupCommit<T> {
  #waiting: Array<Waiting<T>> = [];
  #timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  #committing: Promise<void> | null = null;

  constructor(
    private readonly commit: (batch: T[]) => Promise<void>,
    private readonly windowMilliseconds: number,
    private readonly maxBatch: number,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      // While a batch is being committed, newcomers wait for it to finish and then go together in the next one.
      if (this.#committing === null && this.#timer === null) this.#schedule();
    });
  }

  #schedule(): void {
    this.#timer = this.windowMilliseconds > 0 ? setTimeout(() => this.#start(), this.windowMilliseconds) : setImmediate(() => this.#start());
  }

  #cancel(): void {
    if (this.#timer === null) return;
    if (this.windowMilliseconds > 0) clearTimeout(this.#timer as NodeJS.Timeout);
    else clearImmediate(this.#timer as NodeJS.Immediate);
  }

  #start(): void {
    this.#timer = null;
    if (this.#committing !== null) return;
    this.#committing = this.#run().finally(() => {
      this.#committing = null;
      // An item added between the last batch and this line found a commit under way and set no timer.
      if (this.#waiting.length > 0 && this.#timer === null) this.#schedule();
    });
  }

  async #run(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
  }

  /** Commits everything waiting, and whatever arrives meanwhile, and resolves when nothing is left. */
  async drain(): Promise<void> {
    for (;;) {
      this.#cancel();
      if (this.#timer !== null || (this.#committing === null && this.#waiting.length > 0)) this.#start();
      if (this.#committing === null) return;
      await this.#committing;
    }
  }
}
