export type IssuerStatus = 'unregistered' | 'active' | 'suspended';

export type IssuerKeyStatus = 'live' | 'retired' | 'revoked';

/** A signing key as the issuer's stream has it: only a `live` key may sign new credentials. */
export interface IssuerKeyState {
  status: IssuerKeyStatus;
  registeredAt: string;
}

/** Signing keys by bare did:key. */
export type IssuerKeys = Record<string, IssuerKeyState>;

interface RegisteredIssuer {
  issuerId: string;
  name: string;
  domain?: string;
  keys: IssuerKeys;
}

export type IssuerState =
  { status: 'unregistered' } | ({ status: 'active' } & RegisteredIssuer) | ({ status: 'suspended'; reason?: string } & RegisteredIssuer);

export const initialIssuerState = (): IssuerState => ({ status: 'unregistered' });

/** Whether any key of `keys` may sign now: an issuer with one must sign what it issues. */
export function hasLiveKey(keys: IssuerKeys | undefined): boolean {
  return keys !== undefined && Object.values(keys).some((key) => key.status === 'live');
}
