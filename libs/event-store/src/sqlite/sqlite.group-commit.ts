export type Outcome<O> = { ok: O } | { error: unknown };

interface Waiting<I, O> {
  input: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: work submitted in the same turn of the event loop runs in ONE write transaction,
 * so concurrent appends share one fsync instead of paying one each. `runAll` gives every input
 * its own outcome (each runs in its own savepoint), so one refused append never sinks the others;
 * a failure of the whole transaction rejects them all. Nothing resolves before the commit.
 */
export class GroupCommit<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private scheduled = false;

  constructor(private readonly runAll: (inputs: I[]) => Outcome<O>[]) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    let outcomes: Outcome<O>[];
    try {
      outcomes = this.runAll(batch.map((w) => w.input));
    } catch (error) {
      batch.forEach((w) => w.reject(error));
      return;
    }
    outcomes.forEach((outcome, i) => ('ok' in outcome ? batch[i].resolve(outcome.ok) : batch[i].reject(outcome.error)));
  }
}
