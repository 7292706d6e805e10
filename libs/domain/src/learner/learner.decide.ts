import { claimLearner, grantAccess, issueClaimCode, rotateLearnerKey, withdrawAccess } from './access.decide';
import { unknownType } from '../shared/decider';
import { awardQualification } from './award-qualification.decide';
import { issueCredential } from './issue-credential.decide';
import { LearnerCommand } from './learner.commands';
import { LearnerEvent } from './learner.events';
import { LearnerState } from './learner.state';
import { revokeCredential } from './revoke-credential.decide';
import { transferCredits } from './transfer-credits.decide';

export function decideLearner(command: LearnerCommand, state: LearnerState): LearnerEvent[] {
  switch (command.type) {
    case 'IssueCredential':
      return [issueCredential(command, state)];
    case 'RevokeCredential':
      return [revokeCredential(command, state)];
    case 'TransferCredits':
      return [transferCredits(command, state)];
    case 'AwardQualification':
      return [awardQualification(command, state)];
    case 'IssueClaimCode':
      return [issueClaimCode(command, state)];
    case 'ClaimLearner':
      return [claimLearner(command, state)];
    case 'RotateLearnerKey':
      return [rotateLearnerKey(command, state)];
    case 'GrantAccess':
      return [grantAccess(command, state)];
    case 'WithdrawAccess':
      return [withdrawAccess(command, state)];
    default:
      return unknownType('command', command);
  }
}
