/** Read-side views of the event payloads this library folds (the domain owns their definitions). */
export interface CredentialDocumentData {
  id: string;
  issuerId: string;
  learnerId: string;
  title: string;
  credits: string;
  level: number;
  validUntil: string;
  issuedAt: string;
  [field: string]: unknown;
}

export interface CredentialIssuedData {
  credential: CredentialDocumentData;
}

export interface CredentialRevokedData {
  credentialId: string;
  learnerId: string;
  issuerId: string;
  reason: string;
  revokedAt: string;
  transferId?: string;
  toIssuerId?: string;
  qualificationId?: string;
}

export interface QualificationAwardedData {
  credential: CredentialDocumentData & { pathwayId: string; pathwayVersion: number; components: string[] };
}

export interface PathwayDefinedData {
  pathwayId: string;
  issuerId: string;
  version: number;
  title: string;
  description?: string;
  minCredits: string;
  minCredentials: number;
  minLevel: number;
  requiredSkills: string[];
  acceptedIssuers: string[];
  maxCredentialAgeDays?: number;
  definedAt: string;
}

export interface CreditsTransferredData {
  transferId: string;
  learnerId: string;
  toIssuerId: string;
  programme: string;
  credentialIds: string[];
  credits: string;
  transferredAt: string;
}
