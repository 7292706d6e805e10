import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@stackledger/domain';
import { CredentialView, IssuerView, LearnerView } from '@stackledger/projections';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';

/** Lookups on this instance's read models, with the not-found errors the API reports. */
@Injectable()
export class LedgerReads {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelStore) {}

  asOfSeq(): number {
    return this.readModels.checkpoint();
  }

  credential(id: string): CredentialView {
    const view = this.readModels.get<CredentialView>('credential', id);
    if (!view) throw new DomainError('CREDENTIAL.NOT_FOUND', `credential ${id} does not exist`, 'id');
    return view;
  }

  issuer(id: string, field = 'id'): IssuerView {
    const view = this.readModels.get<IssuerView>('issuer', id);
    if (!view) throw new DomainError('ISSUER.NOT_FOUND', `issuer ${id} is not registered`, field);
    return view;
  }

  learner(learnerId: string): LearnerView {
    return this.readModels.get<LearnerView>('learner', learnerId) ?? { learnerId, credentials: {}, transfers: {} };
  }
}
