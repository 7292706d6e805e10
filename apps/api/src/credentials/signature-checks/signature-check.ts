import { nodeCryptoBackend, verifyProof } from '@stackledger/data-integrity/node';
import type { ProofBundle } from '@stackledger/verifier';
import { openBadgeRendition } from '@stackledger/verifier/open-badge';

/**
 * One signed body's cryptographic part, as sent to a checking thread: the credential document and,
 * when the body gives one as a JSON object, the issuer's proof over its Open Badges rendition.
 */
export interface SignatureJobItem {
  credential: Record<string, unknown>;
  openBadgeProof?: Record<string, unknown>;
}

/**
 * What the checks found, as the API words it to the caller: either the credential's proof holds
 * (made by `keyId`; `openBadgeProblem` says why the Open Badges proof, when given, does not), or
 * `problem` says why it does not. Plain data, so it crosses from a thread unchanged.
 */
export type SignatureCheck = { ok: true; keyId: string; openBadgeProblem?: string } | { ok: false; problem: string };

/**
 * The eddsa-jcs-2022 proof of the credential (a did:key verification method, purpose
 * assertionMethod, no proof `@context`), then the Open Badges proof over the rendition rebuilt with
 * the verifier library's mapping, which must be made by the same key. Pure and CPU-bound: it runs
 * on a checking thread, or on the API's thread when none is configured.
 */
export function checkSignatures(item: SignatureJobItem): SignatureCheck {
  const { credential, openBadgeProof } = item;
  const verified = verifyProof(nodeCryptoBackend, credential, { expectedProofPurpose: 'assertionMethod' });
  if (!verified.ok) return { ok: false, problem: `the credential's proof does not verify (${verified.reason}): ${verified.message}` };
  if (verified.keyId === undefined || verified.proof['@context'] !== undefined) {
    return { ok: false, problem: 'the proof must be made by a did:key and carry no @context' };
  }
  const keyId = verified.keyId;
  if (openBadgeProof === undefined) return { ok: true, keyId };
  const openBadgeProblem = openBadgeProofProblem(credential, openBadgeProof, keyId);
  return openBadgeProblem === undefined ? { ok: true, keyId } : { ok: true, keyId, openBadgeProblem };
}

function openBadgeProofProblem(document: Record<string, unknown>, proof: Record<string, unknown>, keyId: string): string | undefined {
  try {
    const issuer = document.issuer as { id: string; name: string };
    const rendition = openBadgeRendition(document as unknown as ProofBundle['credential'], { id: issuer.id, name: issuer.name });
    const verified = verifyProof(nodeCryptoBackend, { ...rendition, proof }, { expectedProofPurpose: 'assertionMethod' });
    if (!verified.ok) return `${verified.reason}: ${verified.message}`;
    if (verified.keyId !== keyId) return 'it is made by another key than the credential';
    return undefined;
  } catch (error) {
    return `the Open Badges rendition cannot be built: ${(error as Error).message}`;
  }
}
