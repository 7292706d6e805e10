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
      case 'IssuerRegistered.v2':
        return {
          issuerId: data.issuerId,
          name: data.name as string,
          country: data.country as string,
          accreditationCode: data.accreditationCode as string,
          contactEmail: data.contactEmail as string,
          status: 'active',
          registeredAt: data.registeredAt as string,
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
