/**
 * `Streams.Read` (server streaming) for the subset the adapter uses: forwards reads of a stream or
 * of `$all` with a count, and `$all` subscriptions (confirmation, catch-up, `CaughtUp`, live).
 */
import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { grpcError } from './append-handler';
import { caughtUpResponse, confirmationResponse, eventResponse, streamName, streamNotFoundResponse } from './encoding';
import type { LoggedEvent, StandInLog } from './standin-log';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

export function readHandler(log: StandInLog) {
  return (call: ReadCall): void => {
    serve(log, call).catch((error: unknown) => {
      // grpc-js turns an 'error' event on a server stream into the call's status.
      if (!call.cancelled) call.emit('error', error);
    });
  };
}

async function serve(log: StandInLog, call: ReadCall): Promise<void> {
  const options = call.request.getOptions();
  if (!options) throw grpcError(status.INVALID_ARGUMENT, 'read without options');
  if (options.getReadDirection() !== ReadReq.Options.ReadDirection.FORWARDS) throw unsupported('backwards reads');
  if (options.hasFilter()) throw unsupported('server-side filters');
  if (options.hasSubscription()) {
    if (!options.hasAll()) throw unsupported('stream subscriptions');
    return subscribeToAll(log, call, options.getAll()!);
  }
  const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
  if (options.hasStream()) return readStream(log, call, options.getStream()!, count);
  if (options.hasAll()) return readAll(log, call, options.getAll()!, count);
  throw grpcError(status.INVALID_ARGUMENT, 'read without stream or $all options');
}

/** A stream the server does not know is answered with a `stream_not_found` message, not a status. */
async function readStream(log: StandInLog, call: ReadCall, options: ReadReq.Options.StreamOptions, count: number): Promise<void> {
  const name = streamName(options.getStreamIdentifier());
  const events = log.readStream(name);
  if (!events) {
    await send(call, streamNotFoundResponse(name));
    call.end();
    return;
  }
  let from = 0;
  if (options.hasRevision()) from = Number(options.getRevision());
  else if (options.hasEnd()) from = events.length;
  for (const event of events.slice(from, from + count)) {
    if (!(await send(call, eventResponse(event)))) return;
  }
  call.end();
}

/** Reading `$all` from a position includes the event at that position. */
async function readAll(log: StandInLog, call: ReadCall, options: ReadReq.Options.AllOptions, count: number): Promise<void> {
  let index = startIndex(log, options, true);
  for (let sent = 0; sent < count && index < log.length; sent++, index++) {
    if (!(await send(call, eventResponse(log.at(index)!)))) return;
  }
  call.end();
}

/**
 * Subscribing from a position delivers the events after it. Catch-up runs until the log's end is
 * reached synchronously with registering the live listener, so no event falls in between.
 */
async function subscribeToAll(log: StandInLog, call: ReadCall, options: ReadReq.Options.AllOptions): Promise<void> {
  if (!(await send(call, confirmationResponse(randomUUID())))) return;
  let index = startIndex(log, options, false);
  while (index < log.length) {
    if (!(await send(call, eventResponse(log.at(index++)!)))) return;
  }
  const live: LoggedEvent[] = [];
  let wake: (() => void) | undefined;
  const stop = log.listen((event) => {
    live.push(event);
    wake?.();
  });
  call.on('cancelled', () => wake?.());
  try {
    if (!(await send(call, caughtUpResponse()))) return;
    while (!call.cancelled) {
      const event = live.shift();
      if (event) {
        if (!(await send(call, eventResponse(event)))) return;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stop();
  }
}

function startIndex(log: StandInLog, options: ReadReq.Options.AllOptions, inclusive: boolean): number {
  if (options.hasStart()) return 0;
  if (options.hasEnd()) return log.length;
  const position = options.getPosition()!;
  const at = { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
  const index = log.indexAtOrAfter(at);
  const exact = log.at(index);
  const isAt = exact !== undefined && exact.position.commit === at.commit && exact.position.prepare === at.prepare;
  return isAt && !inclusive ? index + 1 : index;
}

/** Writes with backpressure; false once the client has gone. */
async function send(call: ReadCall, message: ReadResp): Promise<boolean> {
  if (call.cancelled) return false;
  if (!call.write(message)) await drainedOrCancelled(call);
  return !call.cancelled;
}

function drainedOrCancelled(call: ReadCall): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

function unsupported(what: string) {
  return grpcError(status.UNIMPLEMENTED, `the stand-in does not implement ${what}`);
}
