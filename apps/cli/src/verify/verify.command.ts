import { readFile, stat } from 'node:fs/promises';
import { JsonRpcAnchorReader } from '@stackledger/chain';
import { nodeTxtResolver } from '@stackledger/data-integrity/node';
import { DEFAULT_MAX_LAG_BLOCKS, verifySignatureOnly } from '@stackledger/verifier';
import { verifyCredentialDocument, type DocumentVerification } from '@stackledger/verifier/open-badge';
import type { CliIo, Command } from '../cli-io';
import { EXIT_CODE_HELP, EXIT_NO_INPUT, VERDICT_EXIT_CODES } from '../exit-codes';
import { DEFAULT_TIMEOUT_MS, displayRpc, parseVerifyOptions, type VerifyOptions } from './verify.options';
import { humanReport, jsonReport, signatureOnlyReport } from './verify.report';

/** Far above any real bundle (a path is at most 64 hashes); refuses to slurp a wrong, huge file. */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;

const HELP = `Usage: ledger verify BUNDLE.json --rpc URL [--rpc URL2 ...] --contract ADDRESS [--chain-id N]
                     [--max-lag BLOCKS] [--json] [--at ISO-TIME] [--timeout MS]
                     [--require-signature] [--check-dns] [--dns-server HOST:PORT] [--require-dns]
       ledger verify --signature-only FILE.json [--json]

Verifies a StackLedger proof bundle against the chain alone: the credential matches the ledger
event, the event's Merkle path folds to the batch root, the trusted contract holds that root and
range, the credential is not revoked and not expired. Never calls the StackLedger API.

A stackledger-proof/2 bundle of a credential its issuer signed also proves who issued it: the
credential's eddsa-jcs-2022 signature verifies under its did:key, that key's registration for
the same issuer (with the key holder's proof of possession) is itself anchored no later than
the credential, and the key was not revoked on chain at or before the credential's anchoring
(chain time decides: a key revoked later leaves the credential valid). The report says
signature: verified or none (a stackledger-proof/1 bundle, or an unsigned credential), and the
issuer's name and domain as signed.

BUNDLE.json may also be the credential as an Open Badges 3.0 OpenBadgeCredential (from
GET /v1/credentials/{id}/openbadge): the bundle in its StackLedgerAnchorProof2026 proof is
verified, and the badge's visible fields (title, credits, issuer, learner, level, validity)
must equal the anchored credential, else the verdict is tampered.

With two or more --rpc URLs, every chain fact is read at ONE block from EVERY endpoint that
answers, and compared: any difference is the verdict inconsistent (exit 9), never valid; a
valid verdict needs at least two endpoints that answered and agree. The block is the lowest
newest block among the endpoints, once those more than --max-lag blocks behind are set aside.

Options:
  --rpc URL          JSON-RPC endpoint of the chain; repeat with endpoints of other providers, so
                     that no single endpoint decides (a dead one is skipped, a lying one shows)
  --contract ADDR    the anchor contract you trust (from the ledger operator, NOT from the bundle)
  --chain-id N       the chain you trust (e.g. 1 for Ethereum): the bundle must name it and every
                     RPC must serve it, else wrong-chain
  --max-lag BLOCKS   an RPC whose newest block is more than BLOCKS behind the newest reported is
                     set aside as lagging (default ${DEFAULT_MAX_LAG_BLOCKS}); it also bounds how far back a lagging
                     or lying RPC can move the block read, so how old a revocation may be missed
  --json             print the result as JSON (verdict, code, reason, facts, checks, exitCode)
  --at ISO-TIME      judge expiry at this time instead of now (e.g. 2030-01-31T12:00:00Z);
                     revocation is always the chain's state at the block read
  --timeout MS       per RPC request and per DNS lookup (default ${DEFAULT_TIMEOUT_MS})
  --require-signature  anything but signature: verified fails: an unsigned credential that is
                     otherwise valid gets the verdict unsigned (exit 10)
  --check-dns        look up TXT records at _stackledger.<issuer domain>: dns: confirmed when one
                     reads stackledger-key=<the signing key>, else not-confirmed with the reason
                     (without it: dns: unchecked)
  --dns-server HOST:PORT  ask this DNS server (an IP address; [::1]:53 for IPv6) instead of the
                     system's resolvers; implies --check-dns
  --require-dns      anything but dns: confirmed fails (verdict dns-not-confirmed, exit 11);
                     implies --check-dns
  --signature-only   check only the eddsa-jcs-2022 Data Integrity proof of FILE.json (any VC: an
                     Open Badges 3.0 credential, a StackLedger credential or bundle, any JSON
                     with such a proof under a did:key), without a chain: it shows who signed,
                     not that the key is the issuer's, registered, unrevoked or anchored
  -h, --help         this help

Exit codes:
${EXIT_CODE_HELP}`;

type Loaded = { ok: true; value: unknown } | { ok: false; unreadable: string } | { ok: false; notJson: string };

async function loadBundle(file: string): Promise<Loaded> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, unreadable: `${file} is not a file` };
    if (info.size > MAX_BUNDLE_BYTES) return { ok: false, notJson: `${file} is ${info.size} bytes, too large to be a proof bundle` };
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, unreadable: `cannot read ${file}: ${why}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, notJson: `${file} is not JSON (${(e as Error).message})` };
  }
}

function malformed(reason: string, now: Date): DocumentVerification {
  return {
    form: 'proof-bundle',
    verdict: 'tampered',
    code: 'MALFORMED',
    reason: `malformed bundle: ${reason}`,
    checks: [{ step: 0, name: 'bundle shape', ok: false, detail: reason }],
    checkedAt: now.toISOString(),
  };
}

async function verify(options: VerifyOptions, io: CliIo): Promise<number> {
  const now = options.at ?? new Date();
  const loaded = await loadBundle(options.file);
  if ('unreadable' in loaded) {
    if (options.json)
      io.out(JSON.stringify({ error: { code: 'INPUT_UNREADABLE', message: loaded.unreadable }, exitCode: EXIT_NO_INPUT }, null, 2));
    else io.err(`ledger verify: ${loaded.unreadable}`);
    return EXIT_NO_INPUT;
  }
  if (options.signatureOnly) {
    const result =
      'notJson' in loaded
        ? { verdict: 'tampered' as const, code: 'MALFORMED' as const, reason: loaded.notJson }
        : verifySignatureOnly(loaded.value);
    const exitCode = VERDICT_EXIT_CODES[result.verdict];
    io.out(options.json ? jsonReport(result, exitCode) : signatureOnlyReport(result));
    return exitCode;
  }
  const endpoints = options.rpcUrls.map((url, i) => ({
    name: displayRpc(url, i),
    reader: new JsonRpcAnchorReader(url, options.contract, { timeoutMs: options.timeoutMs }),
  }));
  const { chainId, maxLagBlocks, requireSignature, requireDns } = options;
  // Node's resolver (c-ares), not the OS's: --dns-server is asked alone, each lookup bounded by --timeout.
  const dns = options.checkDns ? nodeTxtResolver({ server: options.dnsServer, timeoutMs: options.timeoutMs }) : undefined;
  const result =
    'notJson' in loaded
      ? malformed(loaded.notJson, now)
      : await verifyCredentialDocument(loaded.value, {
          endpoints,
          trustedContract: options.contract,
          now,
          chainId,
          maxLagBlocks,
          dns,
          requireSignature,
          requireDns,
        });
  const exitCode = VERDICT_EXIT_CODES[result.verdict];
  io.out(options.json ? jsonReport(result, exitCode) : humanReport(result));
  return exitCode;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: "verify a proof bundle against the chain alone (and its issuer's signature)",
  help: HELP,
  async run(argv, io) {
    const options = parseVerifyOptions(argv);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    return verify(options, io);
  },
};
