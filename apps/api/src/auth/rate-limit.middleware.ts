import { NextFunction, Request, Response } from 'express';
import { ApplicationError } from '../errors/application-error';
import { bodyOf } from '../errors/http-exception.filter';
import { ReadModelStore } from '../projections/read-model.store';
import { ServiceKeys } from './api-key.guard';
import { hashApiKey, sameKey } from './api-keys';
import { clientAddressOf } from './client-address';
import { issuerOfKeyHash } from './issuer-keys';
import { learnerOfKeyHash } from './learner-keys';
import { TokenBuckets } from './token-bucket';

/**
 * Whether a presented key belongs to someone now. Unknown (and replaced) keys are limited by IP, so a
 * client cannot dodge its limit (or grow the bucket table) by sending a fresh random key each time.
 */
export function knownKeyCheck(keys: ServiceKeys, readModels: ReadModelStore): (key: string) => boolean {
  return (key) =>
    sameKey(key, keys.admin) ||
    (keys.auditor !== undefined && sameKey(key, keys.auditor)) ||
    issuerOfKeyHash(readModels, hashApiKey(key)) !== undefined ||
    learnerOfKeyHash(readModels, hashApiKey(key)) !== undefined;
}

/**
 * 429 `RATE.LIMITED` with Retry-After once a caller's bucket is empty; runs before body parsing.
 * `clientAddress` names the bucket of a request without a known key (TRUST_PROXY: see client-address.ts).
 */
export function rateLimitMiddleware(
  perMinute: number,
  isKnownKey: (key: string) => boolean,
  clientAddress: ReturnType<typeof clientAddressOf> = clientAddressOf({ kind: 'none' }),
) {
  if (perMinute === 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  const buckets = new TokenBuckets(perMinute);
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    // The bucket is named by the key's hash: the table never holds a usable key.
    const caller =
      key && isKnownKey(key) ? `key:${hashApiKey(key)}` : `ip:${clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'])}`;
    const { allowed, retryAfterSeconds } = buckets.take(caller);
    if (allowed) return next();
    res.setHeader('Retry-After', String(retryAfterSeconds));
    const body = bodyOf(
      new ApplicationError('RATE.LIMITED', `too many requests: at most ${perMinute} a minute; retry after ${retryAfterSeconds} s`),
    );
    res.status(body.statusCode).json(body);
  };
}
