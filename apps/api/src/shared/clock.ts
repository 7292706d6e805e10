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

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  salt: () => `0x${randomBytes(32).toString('hex')}`,
};
