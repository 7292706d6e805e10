import { Logger } from '@nestjs/common';
import type { Worker } from 'node:worker_threads';
import { projectedEvents, startWorker } from '@stackledger/event-store';
import { BulkRebuild, DocumentProjection, InMemoryDocuments, InMemoryRebuild } from '@stackledger/projections';
import type { RebuildHalfJob, RebuildHalfMessage } from './read-model-rebuild.worker';
import type { SqliteDocuments } from './sqlite-documents';

/**
 * The collections folded on the second thread: the learner views are the costliest fold (about
 * half of it), the credential views the costliest to write, so each thread gets one of them.
 */
export const SECOND_THREAD_COLLECTIONS: readonly string[] = ['learner'];

export type TwoThreadOutcome = 'committed' | 'too-large' | 'cancelled' | 'failed';

/**
 * Rebuilds empty read models from a SQLite event store file on two threads: a worker folds the
 * learner views over its own read-only connection while this thread folds every other projection
 * over another, then this thread writes its documents and the worker's (serialised there) in the
 * one transaction that sets the checkpoint. Both read seq 1..`throughSeq`, fixed before they start.
 * Each half holds at most `maxDocuments` (and half the heap); past that it answers `too-large`, and
 * the caller rebuilds on one thread, which commits early and goes on batch by batch; so it does
 * when this rebuild fails (`failed`, logged).
 */
export class TwoThreadRebuild implements BulkRebuild {
  private readonly logger = new Logger(TwoThreadRebuild.name);
  private worker?: Worker;
  private cancelled = false;
  private running?: Promise<TwoThreadOutcome>;

  constructor(
    private readonly documents: SqliteDocuments,
    private readonly projections: readonly DocumentProjection<unknown>[],
    private readonly maxDocuments: number,
    /** The SQLite event store file. */
    private readonly file: string,
    readonly throughSeq: number,
  ) {}

  /** The collections of `projections` the second thread would fold: none means one thread is all there is. */
  static secondThreadShare(projections: readonly DocumentProjection<unknown>[]): string[] {
    return projections.map((p) => p.collection).filter((c) => SECOND_THREAD_COLLECTIONS.includes(c));
  }

  run(): Promise<TwoThreadOutcome> {
    this.running ??= this.runOnce().then(
      (outcome) => {
        if (outcome === 'too-large')
          this.logger.log('the read models are too large to rebuild in one go on two threads: rebuilding on one, batch by batch');
        return outcome;
      },
      (error: unknown) => {
        this.logger.warn(`the two-thread rebuild failed (${String(error)}); rebuilding on one thread`);
        return 'failed' as const;
      },
    );
    return this.running;
  }

  /** Stops the worker and waits until `run` has rolled back (it then answers `cancelled`). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.worker?.terminate();
    await this.running;
  }

  private async runOnce(): Promise<TwoThreadOutcome> {
    const { projections, maxDocuments } = this;
    const second = TwoThreadRebuild.secondThreadShare(projections);
    const job: RebuildHalfJob = { file: this.file, throughSeq: this.throughSeq, collections: second, maxDocuments };
    const worker = (this.worker = startWorker(__dirname, 'read-model-rebuild.worker', job));
    const messages = new MessageQueue(worker);
    try {
      const mine = this.foldHere(projections.filter((p) => !second.includes(p.collection)));
      if (mine === undefined || this.cancelled) return mine === undefined ? 'too-large' : 'cancelled';
      return await this.write(mine, messages);
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
  }

  /** This thread's half, or undefined when it holds too much. */
  private foldHere(projections: readonly DocumentProjection<unknown>[]): InMemoryRebuild | undefined {
    const rebuild = new InMemoryRebuild(new InMemoryDocuments(projections), this.maxDocuments);
    const withMetadata = [...new Set(projections.flatMap((p) => p.metadataOf ?? []))];
    for (const event of projectedEvents(this.file, this.throughSeq, withMetadata)) if (rebuild.fold(event)) return undefined;
    return rebuild;
  }

  private async write(mine: InMemoryRebuild, messages: MessageQueue): Promise<TwoThreadOutcome> {
    const write = this.documents.openRebuildWrite();
    try {
      // The worker serialises meanwhile; its chunks wait in the port until this returns.
      write.insertDocuments(mine.documents.documents());
      for (;;) {
        const message = await messages.next();
        if (this.cancelled) break;
        if (message.kind === 'documents') write.insertSerialized(message.rows);
        else if (message.kind === 'too-large') break;
        else {
          write.commit(this.throughSeq);
          return 'committed';
        }
      }
    } catch (error) {
      write.abort();
      if (this.cancelled) return 'cancelled';
      throw error;
    }
    write.abort();
    return this.cancelled ? 'cancelled' : 'too-large';
  }
}

/** A worker's messages in order, one at a time; its error or early exit rejects the next read. */
class MessageQueue {
  private readonly queued: RebuildHalfMessage[] = [];
  private failure?: Error;
  private wake?: () => void;

  constructor(worker: Worker) {
    worker.on('message', (message: RebuildHalfMessage) => this.push(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the rebuild's second thread stopped (exit code ${code}) before it finished`)));
  }

  async next(): Promise<RebuildHalfMessage> {
    while (this.queued.length === 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queued.shift()!;
  }

  private push(message: RebuildHalfMessage): void {
    this.queued.push(message);
    this.wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
