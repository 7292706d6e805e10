/**
 * The stand-in checked through the real client (what the adapter sees) and, for the wire fields
 * the client does not surface, through a raw gRPC client on the same generated definitions.
 */
import { randomUUID } from 'node:crypto';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { EventStoreStandIn } from './standin-server';

const event = (n: number, id = randomUUID()) => jsonEvent({ id, type: 'Tested', data: { n } });

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

async function appendRejection(client: EventStoreDBClient, stream: string, expectedRevision: AppendExpectedRevision) {
  const error = await client.appendToStream(stream, [event(9)], { expectedRevision }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const { expectedVersion, actualVersion } = error as WrongExpectedVersionError;
  return { expectedVersion, actualVersion };
}

/** One raw `Streams.Append` call: options, then a proposed message with the given metadata. */
function rawAppend(address: string, metadata: Record<string, string>): Promise<AppendResp> {
  const raw = new StreamsClient(address, credentials.createInsecure());
  return new Promise<AppendResp>((resolve, reject) => {
    const call = raw.append((error, response) => (error ? reject(error) : resolve(response!)));
    const options = new AppendReq.Options()
      .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from('raw-1')))
      .setRevision('5');
    call.write(new AppendReq().setOptions(options));
    const message = new AppendReq.ProposedMessage().setId(new UUID().setString(randomUUID())).setData(Buffer.from('{}'));
    for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
    call.write(new AppendReq().setProposedMessage(message));
    call.end();
  }).finally(() => raw.close());
}

describe('EventStoreDB gRPC stand-in, as the client sees it', () => {
  let standIn: EventStoreStandIn;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    standIn = await EventStoreStandIn.start({ systemEventEvery: 0 });
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await standIn.stop();
  });

  it('is asked for its features first, and then gets unary Appends (not BatchAppend)', async () => {
    await client.appendToStream('s-1', [event(0)], { expectedRevision: NO_STREAM });
    await collect(client.readStream('s-1'));
    expect(standIn.calls).toEqual([
      '/event_store.client.server_features.ServerFeatures/GetSupportedMethods',
      '/event_store.client.streams.Streams/Append',
      '/event_store.client.streams.Streams/Read',
    ]);
  });

  it('returns revision and position; a multi-event append shares the commit position', async () => {
    const result = await client.appendToStream('s-1', [event(0), event(1)], { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(1n);
    const read = await collect(client.readStream('s-1'));
    const [first, second] = read.map((resolved) => resolved.event!.position!);
    expect(result.position).toEqual(first);
    expect(second.commit).toBe(first.commit);
    expect(second.prepare).toBeGreaterThan(first.prepare);
  });

  it('encodes WrongExpectedVersion so the client reports expected and actual revisions', async () => {
    expect(await appendRejection(client, 's-1', 0n)).toEqual({ expectedVersion: 0n, actualVersion: 'no_stream' });
    expect(await appendRejection(client, 's-1', STREAM_EXISTS)).toEqual({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
    await client.appendToStream('s-1', [event(0), event(1)], { expectedRevision: NO_STREAM });
    expect(await appendRejection(client, 's-1', NO_STREAM)).toEqual({ expectedVersion: 'no_stream', actualVersion: 1n });
    expect(await appendRejection(client, 's-1', 0n)).toEqual({ expectedVersion: 0n, actualVersion: 1n });
  });

  it('sets both generations of the WrongExpectedVersion fields on the wire', async () => {
    const response = await rawAppend(standIn.address, { type: 'Tested', 'content-type': 'application/json' });
    const wrong = response.getWrongExpectedVersion()!;
    expect([wrong.hasCurrentNoStream(), wrong.hasNoStream2060()]).toEqual([true, true]);
    expect([wrong.getExpectedRevision(), wrong.getExpectedRevision2060()]).toEqual(['5', 5]);
  });

  it('rejects a proposed message without content-type as the server does', async () => {
    const error = (await rawAppend(standIn.address, { type: 'Tested' }).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(3); // INVALID_ARGUMENT
    expect(error.metadata.get('exception')).toEqual(['missing-required-metadata-property']);
  });

  it('answers a replay at the same revision as idempotent: success without a position, nothing written', async () => {
    const events = [event(0), event(1)];
    await client.appendToStream('s-1', events, { expectedRevision: NO_STREAM });
    const replay = await client.appendToStream('s-1', events, { expectedRevision: NO_STREAM });
    expect(replay).toMatchObject({ success: true, nextExpectedRevision: 1n, position: undefined });
    expect(standIn.log.length).toBe(2);
  });

  it('reports a missing stream with StreamNotFound, and honours fromRevision and maxCount', async () => {
    const missing = await collect(client.readStream('nope')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StreamNotFoundError);
    expect((missing as StreamNotFoundError).streamName).toBe('nope');
    await client.appendToStream(
      's-1',
      [0, 1, 2, 3].map((n) => event(n)),
    );
    const page = await collect(client.readStream('s-1', { fromRevision: 1n, maxCount: 2 }));
    expect(page.map((resolved) => resolved.event!.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('reads $all from a position inclusively, and subscribes after it', async () => {
    await client.appendToStream(
      's-1',
      [0, 1, 2].map((n) => event(n)),
    );
    const all = await collect(client.readAll({ fromPosition: START }));
    const second = all[1].event!.position!;
    expect((await collect(client.readAll({ fromPosition: second, maxCount: 5 }))).map((r) => r.event!.revision)).toEqual([1n, 2n]);
    const subscription = client.subscribeToAll({ fromPosition: second });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation')).on('caughtUp', () => signals.push('caughtUp'));
    const received: ResolvedEvent[] = [];
    for await (const resolved of subscription) {
      received.push(resolved);
      if (received.length === 1) {
        expect(signals).toEqual(['confirmation']);
        await client.appendToStream('s-2', [event(3)]);
      }
      if (received.length === 2) break;
    }
    expect(signals).toEqual(['confirmation', 'caughtUp']);
    expect(received.map((r) => [r.event!.streamId, r.event!.revision])).toEqual([
      ['s-1', 2n],
      ['s-2', 0n],
    ]);
  });

  it('answers what it does not implement with UNIMPLEMENTED', async () => {
    const backwards = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS })).catch((e: unknown) => e);
    expect(backwards).toMatchObject({ code: 12 });
    const deleted = await client.deleteStream('s-1').catch((e: unknown) => e);
    expect(deleted).toMatchObject({ code: 12 });
  });

  it('writes $metadata system records after every n-th append when asked', async () => {
    const chatty = await EventStoreStandIn.start({ systemEventEvery: 2 });
    const chattyClient = EventStoreDBClient.connectionString(chatty.connectionString);
    try {
      for (let n = 0; n < 4; n++) await chattyClient.appendToStream(`s-${n}`, [event(n)]);
      const all = await collect(chattyClient.readAll());
      expect(all.map((r) => [r.event!.streamId, r.event!.type])).toEqual([
        ['s-0', 'Tested'],
        ['s-1', 'Tested'],
        ['$$s-1', '$metadata'],
        ['s-2', 'Tested'],
        ['s-3', 'Tested'],
        ['$$s-3', '$metadata'],
      ]);
    } finally {
      await chattyClient.dispose();
      await chatty.stop();
    }
  });
});
