/** What the audit reads from the chain: the contract's batches and every revocation it holds. */
export interface AuditChain {
  chainId(): Promise<number>;
  batchCount(): Promise<number>;
  batch(index: number): Promise<{ root: string; fromSeq: number; toSeq: number; anchoredAt: number }>;
  /** Every `CredentialRevoked` the contract ever emitted: credentialKey (lower-case hex) -> revokedAt seconds. */
  revocations(): Promise<Map<string, number>>;
}
