/**
 * `Streams.Append` (client streaming): one `options` message (stream + expected revision), then one
 * `proposed_message` per event; a single `AppendResp` answers once the client half-closes.
 */
import { Metadata, status, type sendUnaryData, type ServerErrorResponse, type ServerReadableStream } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { appendSuccess, streamName, uuidString, wrongExpectedVersion } from './encoding';
import type { ExpectedState, ProposedEvent, StandInLog } from './standin-log';

/** Called after each successful write, so the server can interleave its own system events. */
export type AfterWrite = (stream: string) => void;

export function appendHandler(log: StandInLog, afterWrite: AfterWrite) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    const messages: AppendReq[] = [];
    call.on('data', (message: AppendReq) => messages.push(message));
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        callback(null, answer(log, messages, afterWrite));
      } catch (error) {
        callback(error as ServerErrorResponse);
      }
    });
  };
}

function answer(log: StandInLog, messages: AppendReq[], afterWrite: AfterWrite): AppendResp {
  const [first, ...rest] = messages;
  const options = first?.getOptions();
  if (!options) throw grpcError(status.INTERNAL, 'the first append message must carry the options');
  const stream = streamName(options.getStreamIdentifier());
  const expected = expectedState(options);
  const proposed = rest.map(toProposedEvent);
  // The server accepts an empty append as a no-op check; the adapter never sends one.
  if (proposed.length === 0) throw grpcError(status.UNIMPLEMENTED, 'empty appends are not supported by the stand-in');
  const outcome = log.append(stream, proposed, expected);
  switch (outcome.kind) {
    case 'written':
      afterWrite(stream);
      return appendSuccess(outcome.lastRevision, outcome.position);
    case 'idempotent':
      return appendSuccess(outcome.lastRevision, undefined);
    case 'wrong-expected-version':
      return wrongExpectedVersion(outcome.current, expected);
  }
}

function expectedState(options: AppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no-stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      return { kind: 'any' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream-exists' };
    default:
      throw grpcError(status.INTERNAL, 'append options without an expected revision');
  }
}

/** The server requires the `type` and `content-type` metadata entries, and says which is missing. */
function toProposedEvent(message: AppendReq): ProposedEvent {
  const proposed = message.getProposedMessage();
  if (!proposed) throw grpcError(status.INTERNAL, 'expected a proposed message after the options');
  const metadata = proposed.getMetadataMap();
  for (const key of ['type', 'content-type']) {
    if (!metadata.has(key)) {
      throw grpcError(status.INVALID_ARGUMENT, `required metadata property ${key} is missing`, {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': key,
      });
    }
  }
  return {
    id: uuidString(proposed.getId()),
    type: metadata.get('type')!,
    contentType: metadata.get('content-type')!,
    data: proposed.getData_asU8(),
    customMetadata: proposed.getCustomMetadata_asU8(),
  };
}

/** Errors carry the server's `exception` trailer, which is what the client maps to its error classes. */
export function grpcError(code: status, details: string, trailers: Record<string, string> = {}): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}
