import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../shared/request-fields';
import { ProofBundle } from './proof-bundle';
import { ProofService } from './proof.service';

@ApiTags('credentials')
@Controller('v1/credentials')
export class GetProofController {
  constructor(private readonly proofs: ProofService) {}

  @Get(':id/proof')
  @ApiOperation({ summary: 'Proof bundle once the issuing event is anchored' })
  @ApiOkResponse({
    description:
      "stackledger-proof/1 bundle, or stackledger-proof/2 for an issuer-signed credential (with its signing key's registration event and that event's inclusion proof)",
  })
  @ApiAcceptedResponse({ description: '{status: "pending", expectedBy} before anchoring' })
  async proof(
    @Param('id') id: string,
    @Res({ passthrough: true }) res: { status(code: number): void },
  ): Promise<ProofBundle | { status: 'pending'; expectedBy: string }> {
    const answer = await this.proofs.proofOf(uuidParam(id, 'id'));
    if (answer.status === 'pending') {
      res.status(202);
      return { status: 'pending', expectedBy: answer.expectedBy };
    }
    return answer.bundle;
  }
}
