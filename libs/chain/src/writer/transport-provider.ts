import { JsonRpcApiProvider, Network, type JsonRpcError, type JsonRpcPayload, type JsonRpcResult } from 'ethers';
import type { RpcTransport } from '../rpc-transport.port';

/**
 * An ethers provider whose every request goes through an {@link RpcTransport}: the signer, the
 * nonce manager and the waits of the writer use the reader's endpoint, timeout and failure
 * mapping (a transport failure reaches the caller as the transport's `ChainUnavailableError`,
 * untouched by ethers). The network is static, as network detection retries a dead endpoint
 * for ever, and ethers' 250 ms request cache is off: a writer must see the node's nonce as it is.
 */
export class TransportProvider extends JsonRpcApiProvider {
  constructor(
    readonly transport: RpcTransport,
    readonly chainId: number,
    /** Block polling while ethers waits for a transaction (default 1 s). */
    pollingIntervalMs = 1_000,
  ) {
    const network = Network.from(chainId);
    super(network, { staticNetwork: network, batchMaxCount: 1, cacheTimeout: -1, pollingInterval: pollingIntervalMs });
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<Array<JsonRpcResult | JsonRpcError>> {
    const calls = Array.isArray(payload) ? payload : [payload];
    return Promise.all(
      calls.map(async ({ id, method, params }): Promise<JsonRpcResult | JsonRpcError> => {
        const reply = await this.transport.send(method, Array.isArray(params) ? params : [params]);
        if (!('error' in reply)) return { id, result: reply.result };
        return { id, error: { code: reply.error.code ?? -32603, message: reply.error.message, data: reply.error.data } };
      }),
    );
  }
}
