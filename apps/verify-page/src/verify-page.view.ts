/// <reference lib="dom" />
// Browser code: the DOM types are declared here because the repo tsconfig targets Node (lib ES2022).
import type { CheckRecord, DnsReport, SignatureReport, Verdict } from '@stackledger/verifier';
import type { DocumentVerification } from '@stackledger/verifier/open-badge';

/** Each verdict as people read it: an icon and a title, shown with its colour (never colour alone). */
export const VERDICT_TEXT: Readonly<Record<Verdict, { icon: string; title: string }>> = {
  valid: { icon: '✓', title: 'Valid: the credential is genuine, anchored and current' },
  revoked: { icon: '✗', title: 'Revoked: the issuer withdrew this credential' },
  expired: { icon: '!', title: 'Expired: the credential is genuine but no longer valid' },
  tampered: { icon: '✗', title: 'Tampered: do not trust this credential' },
  'not-anchored': { icon: '!', title: 'Not anchored: the chain does not confirm this credential' },
  'wrong-chain': { icon: '?', title: 'Wrong chain or contract: check the RPC URL and contract address' },
  unreachable: { icon: '?', title: 'Unreachable: the chain could not be read, nothing was checked on it' },
  inconsistent: { icon: '≠', title: 'Inconsistent: the RPC servers disagree about the chain, do not trust this credential yet' },
  'bad-signature': { icon: '✗', title: 'Bad signature: the named issuer did not sign this credential, do not trust it' },
  'key-revoked': { icon: '✗', title: "Key revoked: the issuer's signing key was withdrawn before this credential was anchored" },
  unsigned: { icon: '!', title: 'Unsigned: the credential carries no signature of its issuer' },
  'dns-not-confirmed': { icon: '!', title: "DNS not confirmed: the issuer's domain does not list the signing key" },
};

/** Verdicts for which the facts are backed by the chain; otherwise they are only claims. */
const FACTS_VERIFIED = new Set<Verdict>(['valid', 'revoked', 'expired', 'unsigned', 'dns-not-confirmed']);

export interface ResultView {
  readonly result: DocumentVerification;
  /** The issuer name an Open Badge states (not anchored). */
  readonly issuerName?: string;
  /** Which RPC answered, and which failed. */
  readonly rpcNote?: string;
}

/** The facts as label/value rows, in reading order; absent values are left out. */
export function factRows({ result, issuerName }: ResultView): Array<[string, string]> {
  const f = result.facts;
  if (!f) return [];
  const rows: Array<[string, string | undefined]> = [
    ['Learner', f.learnerId],
    ['Title', f.title],
    ['Credits', f.credits],
    ['NCrF level', String(f.level)],
    ['Issuer', f.issuerId],
    [
      'Issuer name',
      f.issuerName !== undefined
        ? `${f.issuerName} (${signedBy(result.signature)})`
        : issuerName && `${issuerName} (as the Open Badge states it; names are not anchored)`,
    ],
    ['Issuer domain', f.issuerDomain],
    ['Signature', result.signature && signatureText(result.signature)],
    ['Signing key', result.signature?.key && keyText(result.signature)],
    ['DNS', result.dns && dnsText(result.dns)],
    ['Issued', f.issuedAt],
    ['Valid until', f.validUntil],
    ['Revoked at', f.revokedAt],
    ['Anchored at', f.anchoredAt],
    ['Block', `${f.blockNumber} (transaction ${f.txHash})`],
    ['Batch', `${f.batchIndex}, ledger event ${f.eventSeq}`],
    ['Chain', `${f.chainId}, contract ${f.contract}`],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined);
}

const signedBy = (s: SignatureReport | undefined) =>
  s?.status === 'verified' ? "signed by the issuer's key" : 'as the credential states it; not proven by a signature';

function signatureText(s: SignatureReport): string {
  switch (s.status) {
    case 'verified':
      return `Verified: signed by ${s.keyId}${s.created ? ` on ${s.created}` : ''}`;
    case 'none':
      return 'None: the credential carries no signature of its issuer';
    case 'failed':
      return `Failed${s.keyId ? ` (key ${s.keyId})` : ''}: see the reason above`;
    case 'unconfirmed':
      return `Not confirmed: the chain could not confirm the signing key${s.keyId ? ` ${s.keyId}` : ''}`;
  }
}

function keyText(s: SignatureReport): string {
  const k = s.key!;
  const anchored = k.anchoredAt ? `, anchored at ${k.anchoredAt}` : '';
  const revoked =
    k.revokedAt === undefined
      ? k.anchoredAt
        ? '; not revoked'
        : ''
      : `; revoked on chain at ${k.revokedAt}${s.status === 'verified' ? ', after this credential was anchored (it stays valid)' : ''}`;
  return `Registered ${k.registeredAt} (ledger event ${k.eventSeq}${anchored})${revoked}`;
}

function dnsText(d: DnsReport): string {
  if (d.status === 'confirmed') return `Confirmed: ${d.name} lists the signing key`;
  if (d.status === 'not-confirmed') return `Not confirmed (${d.reason}): ${d.message}`;
  return d.reason === 'UNSIGNED' ? 'Not checked: the credential is not signed' : 'Not checked (give a DNS-over-HTTPS endpoint to check it)';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  if (className) e.className = className;
  return e;
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;

/** Shows a result: banner (class, data-verdict, icon, title), reason, facts, checks. Text only, never HTML. */
export function renderResult(view: ResultView): void {
  const { result } = view;
  const banner = byId('verdict');
  banner.className = `banner verdict-${result.verdict}`;
  banner.dataset.verdict = result.verdict;
  byId('verdict-icon').textContent = VERDICT_TEXT[result.verdict].icon;
  byId('verdict-title').textContent = VERDICT_TEXT[result.verdict].title;
  const d = result.disagreement;
  // The answers go in a list under the reason, so the reason need not repeat them.
  const reason = d
    ? `the RPC endpoints disagree on ${d.call}${d.block === undefined ? '' : ` at block ${d.block}`}; each said`
    : result.reason;
  byId('verdict-reason').textContent = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${d ? ':' : '.'}`;
  const answers = d?.answers ?? [];
  const list = byId('disagreement');
  list.replaceChildren(...answers.map((a) => element('li', `${a.endpoint} says ${a.answer}`)));
  list.hidden = answers.length === 0;
  const note = byId('facts-note');
  note.textContent = !result.facts
    ? 'The document is too damaged to name a credential.'
    : FACTS_VERIFIED.has(result.verdict)
      ? `Checked against the chain at ${result.checkedAt}.${view.rpcNote ? ` ${view.rpcNote}` : ''}`
      : `As the document CLAIMS it: not verified.${view.rpcNote ? ` ${view.rpcNote}` : ''}`;
  note.className = result.facts && FACTS_VERIFIED.has(result.verdict) ? 'hint' : 'hint claims';
  const facts = byId('facts');
  facts.replaceChildren(...factRows(view).flatMap(([label, value]) => [element('dt', label), element('dd', value)]));
  facts.hidden = facts.childElementCount === 0;
  byId('checks').replaceChildren(...result.checks.map(checkItem));
  const section = byId('result');
  section.hidden = false;
  section.scrollIntoView({ block: 'nearest' });
}

function checkItem(c: CheckRecord): HTMLLIElement {
  return element(
    'li',
    `${c.ok ? 'passed' : 'FAILED'} (step ${c.step}) ${c.name}${c.detail ? `: ${c.detail}` : ''}`,
    c.ok ? 'pass' : 'fail',
  );
}

/** A field's message under it (or none), and the field marked invalid for assistive tech. */
export function showFieldError(fieldId: string, message?: string): void {
  const error = byId(`${fieldId}-error`);
  error.textContent = message ?? '';
  error.hidden = !message;
  const field = byId(fieldId);
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}
