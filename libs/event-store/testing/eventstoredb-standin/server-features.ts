/**
 * `ServerFeatures.GetSupportedMethods`: the first call the client makes on a new channel. It picks
 * `Streams.BatchAppend` over `Streams.Append` only when the server lists it, so the stand-in lists
 * exactly what it serves and the client stays on the paths implemented here.
 */
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';

export const STAND_IN_SERVER_VERSION = '23.10.0-standin';

const SERVED = [
  { service: 'event_store.client.streams.streams', method: 'read' },
  { service: 'event_store.client.streams.streams', method: 'append' },
];

export function supportedMethodsHandler() {
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    const answer = new SupportedMethods().setEventStoreServerVersion(STAND_IN_SERVER_VERSION);
    for (const { service, method } of SERVED) {
      answer.addMethods(new SupportedMethod().setServiceName(service).setMethodName(method));
    }
    callback(null, answer);
  };
}
