/**
 * A loopback gRPC stand-in for EventStoreDB, for tests only: no server can run on this machine, so
 * the adapter is exercised through the real client against the client's own generated service
 * definitions. It serves `ServerFeatures.GetSupportedMethods`, `Streams.Append` and `Streams.Read`
 * (stream and `$all` reads forwards, `$all` subscriptions); every other method answers UNIMPLEMENTED.
 */
import { Server, ServerCredentials, type UntypedHandleCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler } from './append-handler';
import { readHandler } from './read-handler';
import { supportedMethodsHandler } from './server-features';
import { StandInLog } from './standin-log';

export interface StandInOptions {
  /**
   * After every n-th successful append, the stand-in writes a `$metadata` event into the stream's
   * `$$` metadata stream, so `$all` carries system events between ledger events as a real one does
   * (0 turns it off). Default 2.
   */
  systemEventEvery?: number;
}

export class EventStoreStandIn {
  /** Method paths in the order the client called them, to check which parts of the protocol it uses. */
  readonly calls: string[] = [];
  readonly log = new StandInLog();
  private writes = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: Required<StandInOptions>,
  ) {}

  /** Starts on 127.0.0.1, on a free port, without TLS. */
  static async start(options: StandInOptions = {}): Promise<EventStoreStandIn> {
    const server = new Server();
    const standIn = new EventStoreStandIn(server, { systemEventEvery: options.systemEventEvery ?? 2 });
    standIn.register();
    standIn.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return standIn;
  }

  private port = 0;

  /** `host:port`, for raw gRPC clients. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get connectionString(): string {
    return `esdb://${this.address}?tls=false`;
  }

  /** Cuts open subscriptions too: live reads never end on their own. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private register(): void {
    this.server.addService(StreamsService, {
      read: this.recorded(StreamsService.read.path, readHandler(this.log)),
      append: this.recorded(
        StreamsService.append.path,
        appendHandler(this.log, (stream) => this.afterWrite(stream)),
      ),
    });
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: this.recorded(ServerFeaturesService.getSupportedMethods.path, supportedMethodsHandler()),
    });
  }

  private afterWrite(stream: string): void {
    this.writes += 1;
    const every = this.options.systemEventEvery;
    if (every > 0 && this.writes % every === 0) {
      this.log.appendSystemEvent(`$$${stream}`, '$metadata', { $maxCount: 1000 });
    }
  }

  private recorded<H extends (...args: never[]) => void>(path: string, handler: H): UntypedHandleCall {
    return ((...args: Parameters<H>) => {
      this.calls.push(path);
      handler(...args);
    }) as unknown as UntypedHandleCall;
  }
}
