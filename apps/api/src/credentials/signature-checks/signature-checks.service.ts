import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { readSignedBody, SignedRequest, signatureJob, signedRequestFrom } from '../issue-credential/signed-credential';
import { checkSignatures, SignatureCheck, SignatureJobItem } from './signature-check';
import { SignaturePool } from './signature-pool';

/**
 * Where the issuers' signatures are checked: on `SIGNATURE_THREADS` worker threads, or, with 0,
 * on the API's thread (the same checks, the same answers). Either way a request's errors are the
 * same, in the same order.
 */
@Injectable()
export class SignatureChecks implements OnModuleDestroy {
  private readonly logger = new Logger('SignatureChecks');
  private readonly pool?: SignaturePool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.signatureThreads > 0) {
      this.pool = new SignaturePool(config.signatureThreads, {
        threadDied: (cause) => this.logger.error(`a signature-checking thread stopped and is replaced: ${cause.message}`),
      });
    }
  }

  /** The checks of each item, in order. */
  check(items: SignatureJobItem[]): Promise<SignatureCheck[]> {
    if (this.pool) return this.pool.check(items);
    return Promise.resolve(items.map(checkSignatures));
  }

  /** A signed body `{credential, openBadgeProof?}`: its shape, its signatures, then its fields. */
  async parseSigned(body: unknown): Promise<SignedRequest> {
    const parts = readSignedBody(body);
    const [check] = await this.check([signatureJob(parts)]);
    return signedRequestFrom(parts, check);
  }

  onModuleDestroy(): Promise<void> | undefined {
    return this.pool?.close();
  }
}
