import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@stackledger/domain';
import { EVENT_STORE, EventStore, type StoredEvent } from '@stackledger/event-store';
import {
  CredentialRecord,
  CredentialView,
  credentialViewProjection,
  IssuerView,
  LearnerGrantsView,
  LearnerView,
  PATHWAY_INDEX_KEY,
  PathwayView,
  withDocument,
} from '@stackledger/projections';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';

/** Lookups on this instance's read models, with the not-found errors the API reports. */
@Injectable()
export class LedgerReads {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The issuer that first registered signing key `keyId` (a bare did:key), if any. */
  signingKeyOwner(keyId: string): string | undefined {
    return this.readModels.get<{ issuerId: string }>('signing-key', keyId)?.issuerId;
  }

  asOfSeq(): number {
    return this.readModels.checkpoint();
  }

  /** The credential's state and issuing seq, as the read model keeps it (no document). */
  credentialRecord(id: string): CredentialRecord {
    const record = this.readModels.get<CredentialRecord>('credential', id);
    if (!record) throw new DomainError('CREDENTIAL.NOT_FOUND', `credential ${id} does not exist`, 'id');
    return record;
  }

  /** The credential with its document, read from the log at the seq that issued it (the read model keeps no copy). */
  async credential(id: string): Promise<CredentialView> {
    const record = this.credentialRecord(id);
    const [issuing] = await this.store.readAll(record.issuedSeq, 1);
    return withDocument(record, issuing);
  }

  /**
   * The credential a write just stored with `issuing` (its CredentialIssued or QualificationAwarded):
   * fresh, it is the view that event alone makes (credential ids are new when issued), with no
   * read-model lookup and no read of the log; a replayed write gets the credential as it is now
   * (it may have been revoked since).
   */
  async issuedBy(issuing: StoredEvent, replayed: boolean): Promise<CredentialView> {
    if (replayed) return this.credential((issuing.data as { credential: { id: string } }).credential.id);
    return withDocument(credentialViewProjection.evolve(null, issuing)!, issuing);
  }

  issuer(id: string, field = 'id'): IssuerView {
    const view = this.readModels.get<IssuerView>('issuer', id);
    if (!view) throw new DomainError('ISSUER.NOT_FOUND', `issuer ${id} is not registered`, field);
    return view;
  }

  pathway(id: string): PathwayView {
    const view = this.readModels.get<PathwayView>('pathway', id);
    if (!view) throw new DomainError('PATHWAY.NOT_FOUND', `pathway ${id} is not defined`, 'id');
    return view;
  }

  /** Every pathway id, in the order first defined. */
  pathwayIds(): string[] {
    return this.readModels.get<{ pathwayIds: string[] }>('pathway-index', PATHWAY_INDEX_KEY)?.pathwayIds ?? [];
  }

  learner(learnerId: string): LearnerView {
    return this.readModels.get<LearnerView>('learner', learnerId) ?? { learnerId, credentials: {}, transfers: {} };
  }

  grants(learnerId: string): LearnerGrantsView {
    return this.readModels.get<LearnerGrantsView>('learner-grants', learnerId) ?? { learnerId, grants: [] };
  }
}
