import { ChangeIssuerStatusController } from './issuers/change-issuer-status/change-issuer-status.controller';
import { ChangeIssuerStatusHandler } from './issuers/change-issuer-status/change-issuer-status.handler';
import { IssuerKeysController } from './issuers/issuer-keys/issuer-keys.controller';
import { IssuerKeysService } from './issuers/issuer-keys/issuer-keys.service';
import { GetIssuerController } from './issuers/get-issuer/get-issuer.controller';
import { RegisterIssuerController } from './issuers/register-issuer/register-issuer.controller';
import { RegisterIssuerHandler } from './issuers/register-issuer/register-issuer.handler';
import { RotateApiKeyController } from './issuers/rotate-api-key/rotate-api-key.controller';
import { RotateApiKeyHandler } from './issuers/rotate-api-key/rotate-api-key.handler';
import { GetCredentialController } from './credentials/get-credential/get-credential.controller';
import { GetOpenBadgeController } from './credentials/get-openbadge/get-openbadge.controller';
import { IssueCredentialController } from './credentials/issue-credential/issue-credential.controller';
import { IssueCredentialHandler } from './credentials/issue-credential/issue-credential.handler';
import { IssueCredentialsBatchController } from './credentials/issue-credentials-batch/issue-credentials-batch.controller';
import { IssueCredentialsBatchHandler } from './credentials/issue-credentials-batch/issue-credentials-batch.handler';
import { SignatureChecks } from './credentials/signature-checks/signature-checks.service';
import { RevokeCredentialController } from './credentials/revoke-credential/revoke-credential.controller';
import { RevokeCredentialHandler } from './credentials/revoke-credential/revoke-credential.handler';
import { GetBalanceController } from './learners/get-balance/get-balance.controller';
import { ListCredentialsController } from './learners/list-credentials/list-credentials.controller';
import { TransferCreditsController } from './learners/transfer-credits/transfer-credits.controller';
import { TransferCreditsHandler } from './learners/transfer-credits/transfer-credits.handler';
import { PathwayProgressController } from './learners/pathway-progress/pathway-progress.controller';
import { DefinePathwayController } from './pathways/define-pathway/define-pathway.controller';
import { DefinePathwayHandler } from './pathways/define-pathway/define-pathway.handler';
import { RedefinePathwayController } from './pathways/redefine-pathway/redefine-pathway.controller';
import { RedefinePathwayHandler } from './pathways/redefine-pathway/redefine-pathway.handler';
import { GetPathwayController } from './pathways/get-pathway/get-pathway.controller';
import { AwardQualificationController } from './pathways/award-qualification/award-qualification.controller';
import { AwardQualificationHandler } from './pathways/award-qualification/award-qualification.handler';
import { ClaimController } from './learners/access/claim.controller';
import { GrantsController } from './learners/access/grants.controller';
import { LearnerAccessService } from './learners/access/learner-access.service';

/** Every use-case slice of the ledger API: its controllers, and the handlers behind the command bus. */
export const LEDGER_CONTROLLERS = [
  RegisterIssuerController,
  ChangeIssuerStatusController,
  RotateApiKeyController,
  GetIssuerController,
  IssueCredentialController,
  IssueCredentialsBatchController,
  GetCredentialController,
  GetOpenBadgeController,
  RevokeCredentialController,
  TransferCreditsController,
  GetBalanceController,
  ListCredentialsController,
  DefinePathwayController,
  RedefinePathwayController,
  GetPathwayController,
  AwardQualificationController,
  PathwayProgressController,
  ClaimController,
  GrantsController,
  IssuerKeysController,
];

export const LEDGER_HANDLERS = [
  RegisterIssuerHandler,
  ChangeIssuerStatusHandler,
  RotateApiKeyHandler,
  IssueCredentialHandler,
  IssueCredentialsBatchHandler,
  SignatureChecks,
  RevokeCredentialHandler,
  TransferCreditsHandler,
  DefinePathwayHandler,
  RedefinePathwayHandler,
  AwardQualificationHandler,
  LearnerAccessService,
  IssuerKeysService,
];
