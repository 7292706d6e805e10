import { DocumentProjection } from './projection';

export interface IssuerView {
  issuerId: string;
  name: string;
  country: string;
  accreditationCode: string;
  contactEmail: string;
  status: 'active' | 'suspended';
  registeredAt: string;
  apiKeyHash: string;
}

type IssuerEventData = Partial<Omit<IssuerView, 'status'>> & { issuerId: string };

export const issuerViewProjection: DocumentProjection<IssuerView> = {
  collection: 'issuer',
  keysOf(event) {
    return event.stream.startsWith('issuer-') ? [(event.data as IssuerEventData).issuerId] : [];
  },
  evolve(view, event) {
    const data = event.data as IssuerEventData;
    switch (event.type) {
      case 'IssuerRegistered':
        return {
          issuerId: data.issuerId,
          name: data.name as string,
          country: data.country as string,
          accreditationCode: data.accreditationCode as string,
          contactEmail: data.contactEmail as string,
          status: 'active',
          registeredAt: data.registeredAt as string,
          apiKeyHash: data.apiKeyHash as string,
        };
      case 'IssuerSuspended':
        return view && { ...view, status: 'suspended' };
      case 'IssuerReinstated':
        return view && { ...view, status: 'active' };
      default:
        return view;
    }
  },
};

/** Finds an issuer by the hash of its API key, for authentication. */
export const issuerKeyProjection: DocumentProjection<{ issuerId: string }> = {
  collection: 'issuer-key',
  keysOf(event) {
    const hash = (event.data as IssuerEventData).apiKeyHash;
    return event.type === 'IssuerRegistered' && hash ? [hash] : [];
  },
  evolve(_view, event) {
    return { issuerId: (event.data as IssuerEventData).issuerId };
  },
};
