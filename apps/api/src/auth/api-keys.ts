import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Issuer keys are stored only as this hash; 256 random bits make a plain SHA-256 safe here. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Compares digests, so neither the length nor the content of the expected key leaks through timing. */
export function sameKey(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** 256 random bits, base64url (43 characters): a claim code's secret. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
