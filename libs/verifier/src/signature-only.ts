import { CRYPTOSUITE, nobleBackend, PROOF_TYPE, verifyProof, type ProofFailureReason } from '@stackledger/data-integrity';

/**
 * The Data Integrity proof of any verifiable credential, without a chain (`ledger verify
 * --signature-only`): an Open Badges 3.0 `OpenBadgeCredential`, a StackLedger credential document
 * (or the credential inside a proof bundle), or any JSON object secured with eddsa-jcs-2022 under
 * a did:key. Proves only that the key named signed the document as it is: not that the key is
 * the issuer's, registered or unrevoked, nor that the ledger holds the credential (the full
 * verification does that).
 *
 * A `proof` that is an array is a proof set: every eddsa-jcs-2022 member is checked against the
 * document without any proof (the other members, such as StackLedger's anchor proof, are not
 * signatures and are skipped), and all must verify. The expected proof purpose is
 * `assertionMethod`, the one credentials are issued with.
 */
export interface CheckedProof {
  readonly verificationMethod: string;
  readonly keyId?: string;
  readonly created?: string;
}

export type SignatureOnlyResult = {
  /** What the document was taken for. */
  readonly form: 'open-badge' | 'verifiable-credential' | 'proof-bundle' | 'document';
  readonly reason: string;
} & (
  | { readonly verdict: 'valid'; readonly code: 'OK'; readonly proofs: readonly CheckedProof[] }
  | {
      readonly verdict: 'bad-signature';
      readonly code: 'BAD_SIGNATURE';
      readonly failure: ProofFailureReason;
      readonly verificationMethod?: string;
    }
  | { readonly verdict: 'unsigned'; readonly code: 'UNSIGNED' }
  | { readonly verdict: 'tampered'; readonly code: 'MALFORMED' }
);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const typesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function formOf(document: Record<string, unknown>): SignatureOnlyResult['form'] {
  const types = typesOf(document.type);
  if (types.includes('OpenBadgeCredential')) return 'open-badge';
  return types.includes('VerifiableCredential') ? 'verifiable-credential' : 'document';
}

const isEddsa = (p: unknown): p is Record<string, unknown> => isObject(p) && p.type === PROOF_TYPE && p.cryptosuite === CRYPTOSUITE;

/** Never throws. */
export function verifySignatureOnly(input: unknown): SignatureOnlyResult {
  if (!isObject(input)) return { form: 'document', verdict: 'tampered', code: 'MALFORMED', reason: 'the document is not a JSON object' };
  const inBundle = typeof input.format === 'string' && input.format.startsWith('stackledger-proof/') && isObject(input.credential);
  const document = inBundle ? (input.credential as Record<string, unknown>) : input;
  const form = inBundle ? 'proof-bundle' : formOf(document);
  const { proof, ...unsecured } = document;
  const members = proof === undefined ? [] : typesOf(proof);
  const signatures = members.filter(isEddsa);
  if (signatures.length === 0) {
    const found = members.map((p) => (isObject(p) ? String(p.cryptosuite ?? p.type) : typeof p));
    const what = found.length === 0 ? 'no proof' : `no ${CRYPTOSUITE} proof (found: ${found.join(', ')})`;
    return { form, verdict: 'unsigned', code: 'UNSIGNED', reason: `the document has ${what}` };
  }
  const proofs: CheckedProof[] = [];
  for (const signature of signatures) {
    const checked = verifyProof(nobleBackend, { ...unsecured, proof: signature }, { expectedProofPurpose: 'assertionMethod' });
    const verificationMethod = typeof signature.verificationMethod === 'string' ? signature.verificationMethod : undefined;
    if (!checked.ok) {
      const by = verificationMethod ? ` by ${verificationMethod}` : '';
      return {
        form,
        verdict: 'bad-signature',
        code: 'BAD_SIGNATURE',
        failure: checked.reason,
        reason: `the ${CRYPTOSUITE} proof${by} does not verify (${checked.reason}): ${checked.message}`,
        ...(verificationMethod && { verificationMethod }),
      };
    }
    const created = typeof checked.proof.created === 'string' ? checked.proof.created : undefined;
    proofs.push({
      verificationMethod: checked.verificationMethod,
      ...(checked.keyId !== undefined && { keyId: checked.keyId }),
      ...(created !== undefined && { created }),
    });
  }
  const keys = proofs.map((p) => p.keyId ?? p.verificationMethod).join(', ');
  return {
    form,
    verdict: 'valid',
    code: 'OK',
    proofs,
    reason:
      `the ${CRYPTOSUITE} ${proofs.length === 1 ? 'proof verifies' : `proofs (${proofs.length}) verify`}: signed by ${keys}. ` +
      "This shows only who signed it: not that the key is the issuer's, nor that it is registered, unrevoked or anchored",
  };
}
