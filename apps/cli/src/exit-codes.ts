import type { Verdict } from '@stackledger/verifier';

/**
 * Exit codes of `ledger`: 0 only for a valid credential; one code per other verdict, so scripts
 * can branch without parsing output; sysexits.h codes for errors that are not verdicts. 7 and 8
 * are kept for the signed-credential verdicts `bad-signature` and `key-revoked`: never reuse them.
 */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = {
  valid: 0,
  tampered: 1,
  revoked: 2,
  expired: 3,
  'not-anchored': 4,
  'wrong-chain': 5,
  unreachable: 6,
  inconsistent: 9,
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
  '  5   wrong-chain    an RPC serves another chain (than the bundle\'s, or than --chain-id), the bundle',
  '                     names another chain than --chain-id, or the contract is not the trusted one / has no code',
  '  6   unreachable    every RPC URL failed (network error, timeout, HTTP 429/5xx), or two or more were',
  '                     given and fewer than two could be read (down, or lagging more than --max-lag)',
  '  7   (reserved)     bad-signature, for signed credentials',
  '  8   (reserved)     key-revoked, for signed credentials',
  '  9   inconsistent   two RPC URLs gave different answers for one chain fact at one block: do not trust',
  '                     the credential until the endpoints agree (the reason names the fact and the URLs)',
  ' 64   usage error    bad or missing arguments',
  ' 66   no input       the bundle file cannot be read',
  ' 70   internal error a bug; please report it',
].join('\n');
