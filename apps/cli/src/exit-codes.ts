import type { Verdict } from '@stackledger/verifier';

/**
 * Exit codes of `ledger`: 0 only for a valid credential; one code per other verdict, so scripts
 * can branch without parsing output; sysexits.h codes for errors that are not verdicts.
 */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = {
  valid: 0,
  tampered: 1,
  revoked: 2,
  expired: 3,
  'not-anchored': 4,
  'wrong-chain': 5,
  unreachable: 6,
};

/** Bad command line (EX_USAGE). */
export const EXIT_USAGE = 64;
/** The bundle file cannot be read (EX_NOINPUT). */
export const EXIT_NO_INPUT = 66;
/** A bug: an error nobody anticipated (EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export const EXIT_CODE_HELP = [
  '  0   valid          the credential is anchored, not revoked, not expired',
  '  1   tampered       the bundle was altered or is malformed (not JSON, missing fields, bad hex)',
  '  2   revoked        revoked on chain (the time is printed)',
  '  3   expired        validUntil is past (at --at, default now)',
  '  4   not-anchored   the chain does not hold the bundle\'s batch root and range',
  '  5   wrong-chain    the RPC serves another chain, or the contract is not the trusted one / has no code',
  '  6   unreachable    every RPC URL failed (network error, timeout, HTTP 429/5xx)',
  ' 64   usage error    bad or missing arguments',
  ' 66   no input       the bundle file cannot be read',
  ' 70   internal error a bug; please report it',
].join('\n');
