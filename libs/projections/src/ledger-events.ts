import type { CredentialIssued, CredentialRevoked, CreditsTransferred, PathwayDefined, QualificationAwarded } from '@stackledger/domain';

/** The payloads projections fold, as the domain defines them (one definition, no read-side copies). */
export type CredentialIssuedData = CredentialIssued['data'];
export type CredentialDocumentData = CredentialIssuedData['credential'];
export type CredentialRevokedData = CredentialRevoked['data'];
export type CreditsTransferredData = CreditsTransferred['data'];
export type QualificationAwardedData = QualificationAwarded['data'];
export type PathwayDefinedData = PathwayDefined['data'];
