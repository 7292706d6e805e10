/// <reference lib="dom" />
// Browser code: the DOM types are declared here because the repo tsconfig targets Node (lib ES2022).
import { FailoverAnchorReader, type VerificationResult } from '@stackledger/verifier';
import { JsonRpcAnchorReader } from '@stackledger/verifier/json-rpc-anchor-reader';
import { readCredentialDocument, verifyCredentialDocument, type DocumentVerification } from '@stackledger/verifier/open-badge';
import { displayRpc, MAX_DOCUMENT_CHARS, parseContract, parseRpcUrls, readConfig, readDocumentText } from './verify-page.form';
import { CONFIG_ELEMENT_ID } from './verify-page.template';
import { renderResult, showFieldError } from './verify-page.view';

/**
 * Browser entry of the verify page (bundled by esbuild into one inline script): reads the
 * document, the RPC URLs and the trusted contract, verifies IN THE BROWSER with the verifier
 * library over JSON-RPC fetch, and shows the verdict. Never calls the StackLedger API.
 */
const RPC_TIMEOUT_MS = 8000;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function prefill(): void {
  const config = readConfig($(CONFIG_ELEMENT_ID).textContent);
  if (!config.rpcUrls?.length && !config.contract) return;
  $<HTMLTextAreaElement>('rpc').value = (config.rpcUrls ?? []).join('\n');
  $<HTMLInputElement>('contract').value = config.contract ?? '';
  $('chain-hint').textContent =
    'Prefilled with where this ledger service says it anchors (GET /v1/chain). You may change them; to be independent ' +
    'of the service, compare the contract address with the one the ledger operator publishes.';
}

function malformed(reason: string): DocumentVerification {
  const detail = reason;
  return { form: 'proof-bundle', verdict: 'tampered', code: 'MALFORMED', reason: `malformed bundle: ${reason}`, checks: [{ step: 0, name: 'bundle shape', ok: false, detail }], checkedAt: new Date().toISOString() };
}

function issuerNameOf(value: unknown): string | undefined {
  const doc = readCredentialDocument(value);
  if (doc.form !== 'open-badge') return undefined;
  const issuer = doc.badge.issuer as { name?: unknown } | undefined;
  return typeof issuer?.name === 'string' ? issuer.name : undefined;
}

function rpcNote(reader: FailoverAnchorReader, result: VerificationResult): string | undefined {
  const failed = reader.failures.map((f) => `${f.endpoint} failed (${f.error}).`);
  const used = reader.endpoint && result.verdict !== 'unreachable' ? [`Read through ${reader.endpoint}.`] : [];
  return [...failed, ...used].join(' ') || undefined;
}

async function verify(): Promise<void> {
  const text = readDocumentText($<HTMLTextAreaElement>('bundle').value);
  const urls = parseRpcUrls($<HTMLTextAreaElement>('rpc').value);
  const contract = parseContract($<HTMLInputElement>('contract').value);
  showFieldError('bundle', text.ok ? undefined : text.error);
  showFieldError('rpc', urls.ok ? undefined : urls.error);
  showFieldError('contract', contract.ok ? undefined : contract.error);
  if (!text.ok || !urls.ok || !contract.ok) {
    $('result').hidden = true;
    (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
    return;
  }
  const reader = new FailoverAnchorReader(urls.value.map((url, i) => ({
    name: displayRpc(url, i),
    reader: new JsonRpcAnchorReader(url, contract.value, { timeoutMs: RPC_TIMEOUT_MS }),
  })));
  const doc = text.value;
  const result = doc.json
    ? await verifyCredentialDocument(doc.value, { reader, trustedContract: contract.value, now: new Date() })
    : malformed(doc.reason);
  renderResult({ result, issuerName: doc.json ? issuerNameOf(doc.value) : undefined, rpcNote: rpcNote(reader, result) });
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
  $('verify-form').addEventListener('submit', async (e) => {
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
  });
}

prefill();
wireDropZone();
wireForm();
document.documentElement.dataset.ready = 'true';
