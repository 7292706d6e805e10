/// <reference lib="dom" />
// Browser code: the DOM types are declared here because the repo tsconfig targets Node (lib ES2022).
import { JsonRpcAnchorReader } from '@stackledger/chain';
import { dohTxtResolver } from '@stackledger/data-integrity';
import type { ChainReadReport } from '@stackledger/verifier';
import { readCredentialDocument, verifyCredentialDocument, type DocumentVerification } from '@stackledger/verifier/open-badge';
import {
  displayRpc,
  MAX_DOCUMENT_CHARS,
  parseChainId,
  parseContract,
  parseDohEndpoint,
  parseRpcUrls,
  readConfig,
  readDocumentText,
} from './verify-page.form';
import { CONFIG_ELEMENT_ID } from './verify-page.template';
import { renderResult, showFieldError } from './verify-page.view';

/**
 * Browser entry of the verify page (bundled by esbuild into one inline script): reads the
 * document, the RPC URLs, the trusted contract, the optional chain id and DNS-over-HTTPS endpoint,
 * verifies IN THE BROWSER with the verifier library over JSON-RPC fetch (every fact from every RPC
 * at one block, as `ledger verify` does; signatures with the audited noble code) and shows the
 * verdict. Never calls the StackLedger API.
 */
const RPC_TIMEOUT_MS = 8000;
const DNS_TIMEOUT_MS = 5000;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function prefill(): void {
  const config = readConfig($(CONFIG_ELEMENT_ID).textContent);
  if (config.dohEndpoint) $<HTMLInputElement>('doh').value = config.dohEndpoint;
  if (!config.rpcUrls?.length && !config.contract) return;
  $<HTMLTextAreaElement>('rpc').value = (config.rpcUrls ?? []).join('\n');
  $<HTMLInputElement>('contract').value = config.contract ?? '';
  $<HTMLInputElement>('chain-id').value = config.chainId === undefined ? '' : String(config.chainId);
  $('chain-hint').textContent =
    'Prefilled with where this ledger service says it anchors (GET /v1/chain). You may change them; to be independent ' +
    'of the service, compare the contract address with the one the ledger operator publishes.';
}

function malformed(reason: string): DocumentVerification {
  const detail = reason;
  return {
    form: 'proof-bundle',
    verdict: 'tampered',
    code: 'MALFORMED',
    reason: `malformed bundle: ${reason}`,
    checks: [{ step: 0, name: 'bundle shape', ok: false, detail }],
    checkedAt: new Date().toISOString(),
  };
}

function issuerNameOf(value: unknown): string | undefined {
  const doc = readCredentialDocument(value);
  if (doc.form !== 'open-badge') return undefined;
  const issuer = doc.badge.issuer as { name?: unknown } | undefined;
  return typeof issuer?.name === 'string' ? issuer.name : undefined;
}

/** Which block was read through which RPCs, and why any was not used. */
function rpcNote(rpc: ChainReadReport | undefined): string | undefined {
  if (!rpc) return undefined;
  const answered = rpc.endpoints.filter((e) => e.status === 'answered');
  const read = rpc.block === undefined ? [] : [`Read at block ${rpc.block} through ${answered.map((e) => e.endpoint).join(' and ')}.`];
  const others = rpc.endpoints
    .filter((e) => e.status !== 'answered')
    .map((e) => `${e.endpoint} ${e.status === 'lagging' ? 'set aside' : 'failed'} (${e.error}).`);
  return [...read, ...others].join(' ') || undefined;
}

async function verify(): Promise<void> {
  const text = readDocumentText($<HTMLTextAreaElement>('bundle').value);
  const urls = parseRpcUrls($<HTMLTextAreaElement>('rpc').value);
  const contract = parseContract($<HTMLInputElement>('contract').value);
  const chainId = parseChainId($<HTMLInputElement>('chain-id').value);
  const doh = parseDohEndpoint($<HTMLInputElement>('doh').value);
  showFieldError('bundle', text.ok ? undefined : text.error);
  showFieldError('rpc', urls.ok ? undefined : urls.error);
  showFieldError('contract', contract.ok ? undefined : contract.error);
  showFieldError('chain-id', chainId.ok ? undefined : chainId.error);
  showFieldError('doh', doh.ok ? undefined : doh.error);
  if (!text.ok || !urls.ok || !contract.ok || !chainId.ok || !doh.ok) {
    $('result').hidden = true;
    (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
    return;
  }
  const endpoints = urls.value.map((url, i) => ({
    name: displayRpc(url, i),
    reader: new JsonRpcAnchorReader(url, contract.value, { timeoutMs: RPC_TIMEOUT_MS }),
  }));
  const doc = text.value;
  const dns = doh.value === undefined ? undefined : dohTxtResolver({ endpoint: doh.value, timeoutMs: DNS_TIMEOUT_MS });
  const result = doc.json
    ? await verifyCredentialDocument(doc.value, {
        endpoints,
        trustedContract: contract.value,
        now: new Date(),
        chainId: chainId.value,
        dns,
      })
    : malformed(doc.reason);
  renderResult({ result, issuerName: doc.json ? issuerNameOf(doc.value) : undefined, rpcNote: rpcNote(result.rpc) });
}

async function loadFile(file: File | undefined): Promise<void> {
  if (!file) return;
  if (file.size > MAX_DOCUMENT_CHARS) {
    showFieldError('bundle', `${file.name} is ${file.size} bytes, too large to be a credential.`);
    return;
  }
  $<HTMLTextAreaElement>('bundle').value = await file.text();
  showFieldError('bundle');
  $('verify-button').focus();
}

function wireDropZone(): void {
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void loadFile(e.dataTransfer?.files[0]);
  });
  $<HTMLInputElement>('bundle-file').addEventListener('change', (e) => void loadFile((e.target as HTMLInputElement).files?.[0]));
}

function wireForm(): void {
  const button = $<HTMLButtonElement>('verify-button');
  const onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    button.disabled = true;
    button.textContent = 'Verifying…';
    try {
      await verify();
    } catch (error) {
      // verifyCredentialDocument never throws; this is a bug, shown as one sentence, no stack.
      showFieldError('bundle', `Unexpected error while verifying: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      button.disabled = false;
      button.textContent = 'Verify';
    }
  };
  $('verify-form').addEventListener('submit', (e) => void onSubmit(e));
}

prefill();
wireDropZone();
wireForm();
document.documentElement.dataset.ready = 'true';
