import { IssueCredential, IssuerState, IssuerSnapshot } from '@stackledger/domain';
import { IdGenerator } from '../../shared/clock';
import { IssueCredentialInput } from './issue-credential.dto';
import { SignedRequest } from './signed-credential';

/** The issuer as its stream has it: status, the name and domain a signed credential must carry, and its signing keys. */
export function issuerSnapshot(issuerId: string, state: IssuerState): IssuerSnapshot {
  if (state.status === 'unregistered') return { issuerId, status: state.status };
  return {
    issuerId,
    status: state.status,
    name: state.name,
    ...(state.domain !== undefined && { domain: state.domain }),
    keys: state.keys,
  };
}

/**
 * `IssueCredential` for one item: a signed credential keeps the id, salt and issuedAt its issuer
 * chose and signed; an unsigned one gets them here.
 */
export function issueCommand(
  issuer: IssuerSnapshot,
  at: string,
  ids: IdGenerator,
  input: IssueCredentialInput,
  signed: SignedRequest | undefined,
  keyOwner: (keyId: string) => string | undefined = () => undefined,
): IssueCredential {
  if (signed === undefined) {
    return { type: 'IssueCredential', data: { credentialId: ids.uuid(), salt: ids.salt(), issuedAt: at, issuer, input } };
  }
  return {
    type: 'IssueCredential',
    data: {
      credentialId: signed.credentialId,
      salt: signed.salt,
      issuedAt: signed.issuedAt,
      issuer,
      input,
      signed: { ...signed.signed, ...ownerOf(signed.signed.keyId, issuer, keyOwner), receivedAt: at },
    },
  };
}

/** Only for a key the issuer's stream does not hold: who else registered it, so the refusal can say so. */
function ownerOf(keyId: string, issuer: IssuerSnapshot, keyOwner: (keyId: string) => string | undefined): { keyOwner?: string } {
  if (issuer.keys !== undefined && Object.hasOwn(issuer.keys, keyId)) return {};
  const owner = keyOwner(keyId);
  return owner === undefined ? {} : { keyOwner: owner };
}
