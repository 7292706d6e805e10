export type StoredCredentialStatus = 'active' | 'transferred' | 'stacked' | 'revoked';
export type CredentialStatus = StoredCredentialStatus | 'expired';

/** Expiry has no event: it is read off validUntil at query time, after every recorded status. */
export function credentialStatusAt(stored: StoredCredentialStatus, validUntil: string, now: Date): CredentialStatus {
  if (stored !== 'active') return stored;
  return Date.parse(validUntil) <= now.getTime() ? 'expired' : 'active';
}
