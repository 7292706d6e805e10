import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { buildVerifyPage, cspOf, findRepoRoot, readPrebuiltPage, withChainConfig } from '../../../verify-page/src/build-verify-page';
import { AnchoredBatches } from '../anchoring/anchored-batches';

/**
 * GET /verify: the employer's verify page (public, no @Roles). The page is built once, in memory,
 * at the first request (esbuild's JS API, about a second), then cached; without esbuild (a
 * production install without dev dependencies) the prebuilt `dist/verify/stackledger-verify.html`
 * is served. The chain settings of GET /v1/chain are written into it, editable; the page then
 * verifies in the browser against the chain and never calls this API.
 */
@ApiExcludeController()
@Controller()
export class VerifyPageController {
  private static page?: Promise<string>;
  private readonly logger = new Logger(VerifyPageController.name);

  constructor(private readonly batches: AnchoredBatches) {}

  @Get('verify')
  async verifyPage(@Res() res: Response): Promise<void> {
    let html: string;
    try {
      html = await this.basePage();
    } catch (e) {
      this.logger.error(`verify page unavailable: ${e instanceof Error ? e.message : String(e)}`);
      res
        .status(503)
        .type('text/plain')
        .send(
          'The verify page is not available on this server: run `npm run build:verify-page` and open dist/verify/stackledger-verify.html, or use `ledger verify`.\n',
        );
      return;
    }
    const chain = this.chainSettings();
    res
      .status(200)
      .type('text/html; charset=utf-8')
      .set({
        'content-security-policy': `${cspOf(html)}; frame-ancestors 'none'`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      })
      .send(chain ? withChainConfig(html, chain) : html);
  }

  /** Where this service anchors, or nothing when no chain is configured (the page then asks). */
  private chainSettings(): { rpcUrls: string[]; contract: string; chainId: number } | undefined {
    try {
      const { rpcUrl, contract, chainId } = this.batches.location();
      return { rpcUrls: [rpcUrl], contract, chainId };
    } catch {
      return undefined;
    }
  }

  /** Built once per process; a failed build is retried at the next request. */
  private basePage(): Promise<string> {
    VerifyPageController.page ??= loadPage();
    VerifyPageController.page.catch(() => (VerifyPageController.page = undefined));
    return VerifyPageController.page;
  }
}

async function loadPage(): Promise<string> {
  const root = findRepoRoot();
  try {
    return (await buildVerifyPage(root)).html;
  } catch (e) {
    const prebuilt = readPrebuiltPage(root);
    if (prebuilt) return prebuilt;
    throw e;
  }
}
