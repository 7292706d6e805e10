import { toQuantity } from 'ethers';
import { anchorInterface as abi } from '@stackledger/chain';
import type { RpcCall, RpcProxy, RpcReply, RpcRewrite } from '../../reliability/support/rpc-proxy';

/**
 * Answer rewrites for {@link RpcProxy.onAnswer}: RPC endpoints that lie about one chain fact, or
 * lag behind the chain, in front of the real test chain. Everything else is the chain's own answer.
 */
const callsFunction = (call: RpcCall, name: string) =>
  call.method === 'eth_call' &&
  String((call.params?.[0] as { data?: string } | undefined)?.data).startsWith(abi.getFunction(name)!.selector);

/** Every `revokedAt(key)` answered 0: a revoked credential looks current. */
export const saysNeverRevoked: RpcRewrite = (call, reply) =>
  callsFunction(call, 'revokedAt') && typeof reply.result === 'string'
    ? { ...reply, result: abi.encodeFunctionResult('revokedAt', [0]) }
    : reply;

/** Every `batch(index)` answered with `root` instead of the anchored one (range and time kept). */
export function saysRoot(root: string): RpcRewrite {
  return (call, reply) => {
    if (!callsFunction(call, 'batch') || typeof reply.result !== 'string') return reply;
    const [, fromSeq, toSeq, anchoredAt] = abi.decodeFunctionResult('batch', reply.result);
    return { ...reply, result: abi.encodeFunctionResult('batch', [root, fromSeq, toSeq, anchoredAt]) };
  };
}

/** `eth_chainId` answered as `chainId`. */
export function saysChain(chainId: number): RpcRewrite {
  return (call, reply) => (call.method === 'eth_chainId' ? { ...reply, result: toQuantity(chainId) } : reply);
}

/** The block a read names: a number, `latest` as Infinity, undefined for calls that name none. */
function blockOf(call: RpcCall): number | undefined {
  const tag = call.method === 'eth_call' || call.method === 'eth_getCode' ? call.params?.[1] : undefined;
  if (tag === 'latest') return Infinity;
  return typeof tag === 'string' && /^0x[0-9a-f]+$/i.test(tag) ? Number(BigInt(tag)) : undefined;
}

/**
 * Makes `proxy` a node stuck at block `head`, as a lagging node is: it reports `head` as its newest
 * block, answers `latest` with the state at `head`, and refuses reads at any later block
 * ("header not found").
 */
export function stickAt(proxy: RpcProxy, head: number): void {
  proxy.onCall((call) => {
    if (blockOf(call) !== Infinity) return call;
    const params = [...(call.params ?? [])];
    params[1] = toQuantity(head);
    return { ...call, params };
  });
  proxy.onAnswer((call, reply): RpcReply => {
    if (call.method === 'eth_blockNumber') return { ...reply, result: toQuantity(head) };
    const asked = blockOf(call);
    if (asked !== undefined && asked > head) return { jsonrpc: '2.0', id: reply.id, error: { code: -32000, message: 'header not found' } };
    return reply;
  });
}
