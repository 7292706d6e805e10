import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProofBundle as VerifierBundle } from '@stackledger/verifier';
import { toOpenBadgeCredential, type OpenBadgeCredential } from '@stackledger/verifier/open-badge';
import { ProofService } from '../../proofs/proof.service';
import { LedgerReads } from '../../shared/ledger-reads';
import { uuidParam } from '../../shared/request-fields';

/**
 * The credential as an Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0) whose `proof` carries the
 * proof bundle, so badge wallets can hold it and `ledger verify` or the /verify page can check
 * it against the chain. Public like the proof; 202 pending until the issuing event is anchored.
 * The mapping is the verifier library's, so issuing and checking can never drift apart. A signed
 * credential's export also carries the issuer's own eddsa-jcs-2022 proof over the rendition,
 * first in `proof`, which any Data Integrity verifier checks without a chain.
 */
@ApiTags('credentials')
@Controller('v1/credentials')
export class GetOpenBadgeController {
  constructor(
    private readonly proofs: ProofService,
    private readonly reads: LedgerReads,
  ) {}

  @Get(':id/openbadge')
  @ApiOperation({ summary: 'The credential as an Open Badges 3.0 OpenBadgeCredential carrying its proof bundle' })
  @ApiOkResponse({ description: 'OpenBadgeCredential (VC 2.0) with proof [{type: "StackLedgerAnchorProof2026", bundle}]' })
  @ApiAcceptedResponse({ description: '{status: "pending", expectedBy} before anchoring' })
  async openBadge(
    @Param('id') id: string,
    @Res({ passthrough: true }) res: { status(code: number): void },
  ): Promise<OpenBadgeCredential | { status: 'pending'; expectedBy: string }> {
    const answer = await this.proofs.proofOf(uuidParam(id, 'id'));
    if (answer.status === 'pending') {
      res.status(202);
      return { status: 'pending', expectedBy: answer.expectedBy };
    }
    const bundle = answer.bundle as unknown as VerifierBundle;
    const issuerProof = (bundle.event.data as { openBadgeProof?: Record<string, unknown> }).openBadgeProof;
    // A signed credential names its issuer as it signed it: the rendition must be the one signed.
    const signedAs = (bundle.credential as { issuer?: { name?: unknown } }).issuer?.name;
    const name = typeof signedAs === 'string' ? signedAs : this.reads.issuer(bundle.credential.issuerId, 'issuerId').name;
    return toOpenBadgeCredential(bundle, { id: bundle.credential.issuerId, name }, issuerProof);
  }
}
