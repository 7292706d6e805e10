import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Wallet } from 'ethers';
import { createCredentialDocument } from '@stackledger/domain';
import { NewEvent, SqliteEventStore, StreamAppend } from '@stackledger/event-store';
import { credentialKey, initMerkle } from '@stackledger/merkle';
import { anchorInterface } from '@stackledger/chain';
import { TX_GAS_CAP } from '../apps/api/src/anchoring/anchor-chain.port';
import { AnchoringJob } from '../apps/api/src/anchoring/anchoring.job';
import { EthersAnchorChain } from '../apps/api/src/anchoring/ethers-anchor-chain.adapter';
import { deployAnchor } from '../deploy/001_deploy_anchor';
import { devAccount, freePort, startLocalChain } from '../scripts/local-chain';

/**
 * A mass revocation in one anchoring window, end to end on real parts: N credentials issued and
 * all N revoked, appended straight to a real SQLite file (appendMany, 1,000 learners a call), then
 * ONE run of the real anchoring job against the real contract on a private Hardhat node. Prints
 * the figures and checks every key is revoked on chain.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/mass-revocation.ts [N=100000]
 */
const N = Number(process.argv[2] ?? 100_000);
const PER_CALL = 1_000;
const at = '2026-11-25T10:00:00.000Z';
const event = (type: string, data: Record<string, unknown>, actor: string): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor },
  recordedAt: at,
});

async function fill(store: SqliteEventStore): Promise<string[]> {
  const issuerId = randomUUID();
  const keys: string[] = [];
  const credentials = Array.from({ length: N }, (_, i) => {
    const credential = createCredentialDocument({
      id: randomUUID(),
      issuerId,
      salt: `0x${randomBytes(32).toString('hex')}`,
      issuedAt: at,
      input: {
        learnerId: `L-${i}`,
        title: `Module ${i % 50}`,
        skills: ['sql'],
        credits: 400,
        hours: 120,
        level: 5,
        assessment: 'exam',
      } as never,
    }) as unknown as Record<string, unknown> & { id: string; learnerId: string };
    keys.push(credentialKey(credential));
    return credential;
  });
  for (const type of ['CredentialIssued', 'CredentialRevoked'] as const) {
    for (let i = 0; i < N; i += PER_CALL) {
      const appends: StreamAppend[] = credentials.slice(i, i + PER_CALL).map((c) => ({
        stream: `learner-${c.learnerId}`,
        expected: type === 'CredentialIssued' ? 'no-stream' : 0,
        events: [
          type === 'CredentialIssued'
            ? event(type, { credential: c }, `issuer:${issuerId}`)
            : event(
                type,
                { credentialId: c.id, learnerId: c.learnerId, issuerId, reason: 'cohort withdrawn', revokedAt: at },
                `issuer:${issuerId}`,
              ),
        ],
      }));
      await store.appendMany(appends);
    }
  }
  return keys;
}

async function main(): Promise<void> {
  await initMerkle();
  const dir = mkdtempSync(join(tmpdir(), 'mass-revocation-'));
  const node = await startLocalChain({ port: await freePort() });
  const provider = new JsonRpcProvider(node.url, node.chainId, { staticNetwork: true, batchMaxCount: 1 });
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  let chain: EthersAnchorChain | undefined;
  try {
    const admin = devAccount(0);
    const anchorer = devAccount(1);
    const record = await deployAnchor({ signer: new Wallet(admin.privateKey, provider), admin: admin.address, anchorer: anchorer.address });
    let t = Date.now();
    const keys = await fill(store);
    console.log(`appended ${2 * N} events (${N} issued, ${N} revoked) in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    chain = await EthersAnchorChain.connect({
      rpcUrl: node.url,
      contract: record.address,
      privateKey: anchorer.privateKey,
      deploymentBlock: record.blockNumber,
    });
    const job = new AnchoringJob(store, chain, { instanceId: 'bench', claimTtlMs: 60_000, now: () => new Date() });
    const fromBlock = (await provider.getBlockNumber()) + 1;
    t = Date.now();
    const result = await job.run();
    const seconds = (Date.now() - t) / 1000;
    if (result.outcome !== 'anchored' || result.revocationError)
      throw new Error(`the run did not finish: ${JSON.stringify(result, (_k, v) => (v instanceof Error ? v.message : v))}`);
    console.log(
      `one anchoring run: ${seconds.toFixed(1)} s, batch seq ${result.batch.fromSeq}-${result.batch.toSeq}, ${result.revoked} keys in ${result.revocationTransactions} revoke transactions; checking the chain...`,
    );

    const iface = anchorInterface;
    const revokeSelector = iface.getFunction('revoke')!.selector;
    const revokedTopic = iface.getEvent('CredentialRevoked')!.topicHash;
    let transactions = 0;
    let revokeGas = 0n;
    let maxGas = 0n;
    const onChain = new Set<string>();
    // Receipt by receipt: one eth_getLogs answer for 100,000 logs is tens of MB, which ethers' fetch concatenates quadratically.
    for (let block = fromBlock, last = await provider.getBlockNumber(); block <= last; block++) {
      for (const hash of (await provider.getBlock(block))!.transactions) {
        const [tx, receipt] = await Promise.all([provider.getTransaction(hash), provider.getTransactionReceipt(hash)]);
        if (!tx!.data.startsWith(revokeSelector)) continue;
        transactions++;
        revokeGas += receipt!.gasUsed;
        if (receipt!.gasUsed > maxGas) maxGas = receipt!.gasUsed;
        for (const log of receipt!.logs) if (log.topics[0] === revokedTopic) onChain.add(log.topics[1]);
      }
    }
    const missing = keys.filter((key) => !onChain.has(key)).length;
    console.log(
      JSON.stringify({
        revocations: N,
        seconds,
        batch: { index: result.batch.index, fromSeq: result.batch.fromSeq, toSeq: result.batch.toSeq },
        revokeTransactions: transactions,
        gasPerRevocation: Number(revokeGas / BigInt(N)),
        maxGasOfOneTransaction: Number(maxGas),
        halfTheCap: TX_GAS_CAP / 2,
        keysMissingOnChain: missing,
      }),
    );
    if (missing > 0 || maxGas > BigInt(TX_GAS_CAP / 2)) process.exitCode = 1;
  } finally {
    await chain?.close();
    provider.destroy();
    await store.close();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
