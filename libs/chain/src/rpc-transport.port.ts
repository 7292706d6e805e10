/**
 * One JSON-RPC endpoint, as small as the reader and the writer need it: send one request, get
 * the node's reply. Behind a port so the same reader runs over `fetch` in the browser and in
 * Node, and tests can put a lying or failing endpoint in its place.
 */

/** A JSON-RPC error object as the node sent it (`data` may hold revert data, possibly nested). */
export interface RpcErrorObject {
  readonly code?: number;
  readonly message?: string;
  readonly data?: unknown;
}

/** The node's reply: a result, or a JSON-RPC error. */
export type RpcReply = { readonly result: unknown } | { readonly error: RpcErrorObject };

export interface RpcTransport {
  /** Display name of the endpoint: its URL without credentials, query or key-like path segments. */
  readonly endpoint: string;
  /**
   * Sends `method(params)` and resolves with the node's reply, a JSON-RPC error included.
   * Rejects with `ChainUnavailableError` only when no JSON-RPC reply came (network, timeout,
   * HTTP status other than 2xx, a body that is not a JSON-RPC object).
   */
  send(method: string, params: readonly unknown[]): Promise<RpcReply>;
}
