export type IssuerStatus = 'unregistered' | 'active' | 'suspended';

export type IssuerState =
  | { status: 'unregistered' }
  | { status: 'active'; issuerId: string; name: string }
  | { status: 'suspended'; issuerId: string; name: string; reason?: string };

export const initialIssuerState = (): IssuerState => ({ status: 'unregistered' });
