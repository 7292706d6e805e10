import { randomBytes, randomUUID } from 'node:crypto';

/** Time and ids enter the domain through these ports, so commands stay deterministic in tests. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  uuid(): string;
  /** 256 random bits as 0x-prefixed lowercase hex. */
  salt(): string;
}

export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');

export const systemClock: Clock = { now: () => new Date() };

/**
 * Salts drawn from a pool of random bytes refilled 256 salts at a time: one CSPRNG call per salt
 * cost more than the rest of a bulk item's decision (Node's randomUUID buffers the same way).
 */
const SALTS_PER_REFILL = 256;
let saltPool = Buffer.alloc(0);
let saltOffset = 0;

function nextSalt(): string {
  if (saltOffset === saltPool.length) {
    saltPool = randomBytes(32 * SALTS_PER_REFILL);
    saltOffset = 0;
  }
  const salt = `0x${saltPool.toString('hex', saltOffset, saltOffset + 32)}`;
  saltOffset += 32;
  return salt;
}

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  salt: nextSalt,
};
