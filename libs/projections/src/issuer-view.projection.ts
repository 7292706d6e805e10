import { DocumentProjection } from './projection';

/** An issuer's public record. Its API key hash is not in it: see `issuer-key.projection.ts`. */
export interface IssuerView {
  issuerId: string;
  name: string;
  country: string;
  accreditationCode: string;
  contactEmail: string;
  status: 'active' | 'suspended';
  registeredAt: string;
  /** Absent on issuers registered before domains. */
  domain?: string;
  /** Signing keys in registration order (absent until the first). */
  keys?: IssuerKeyView[];
}

export interface IssuerKeyView {
  /** The bare did:key. */
  keyId: string;
  status: 'live' | 'retired' | 'revoked';
  registeredAt: string;
  retiredAt?: string;
  revokedAt?: string;
}

type IssuerEventData = Record<string, unknown> & { issuerId: string };

export const issuerViewProjection: DocumentProjection<IssuerView> = {
  collection: 'issuer',
  keysOf(event) {
    return event.stream.startsWith('issuer-') ? [(event.data as IssuerEventData).issuerId] : [];
  },
  evolve(view, event) {
    const data = event.data as IssuerEventData;
    switch (event.type) {
      case 'IssuerRegistered.v2':
        return {
          issuerId: data.issuerId,
          name: data.name as string,
          country: data.country as string,
          accreditationCode: data.accreditationCode as string,
          contactEmail: data.contactEmail as string,
          status: 'active',
          registeredAt: data.registeredAt as string,
          ...(typeof data.domain === 'string' && { domain: data.domain }),
        };
      case 'IssuerSuspended':
        return view && { ...view, status: 'suspended' };
      case 'IssuerReinstated':
        return view && { ...view, status: 'active' };
      case 'IssuerKeyRegistered': {
        const key: IssuerKeyView = { keyId: data.keyId as string, status: 'live', registeredAt: data.registeredAt as string };
        return view && { ...view, keys: [...(view.keys ?? []), key] };
      }
      case 'IssuerKeyRetired':
        return view && withKey(view, data.keyId as string, { status: 'retired', retiredAt: data.retiredAt as string });
      case 'IssuerKeyRevoked':
        return view && withKey(view, data.keyId as string, { status: 'revoked', revokedAt: data.revokedAt as string });
      default:
        return view;
    }
  },
};

function withKey(view: IssuerView, keyId: string, change: Partial<IssuerKeyView>): IssuerView {
  return { ...view, keys: (view.keys ?? []).map((key) => (key.keyId === keyId ? { ...key, ...change } : key)) };
}
