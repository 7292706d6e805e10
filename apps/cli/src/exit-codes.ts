import type { Verdict } from '@stackledger/verifier';

/**
 * Exit codes of `ledger`: 0 only for a valid credential; one code per other verdict, so scripts
 * can branch without parsing output; sysexits.h codes for errors that are not verdicts. The
 * employer's own policies (`--require-signature`, `--require-dns`) fail with codes of their own,
 * 10 and 11, so a script can tell "unsigned, otherwise valid" from a forged signature (7).
 */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = {
  valid: 0,
  tampered: 1,
  revoked: 2,
  expired: 3,
  'not-anchored': 4,
  'wrong-chain': 5,
  unreachable: 6,
  'bad-signature': 7,
  'key-revoked': 8,
  inconsistent: 9,
  unsigned: 10,
  'dns-not-confirmed': 11,
};

/** Bad command line (EX_USAGE). */
export const EXIT_USAGE = 64;
/** The bundle file, or the log a command reads, cannot be read (EX_NOINPUT). */
export const EXIT_NO_INPUT = 66;
/** An output file cannot be created: it exists, or no folder, or no permission (EX_CANTCREAT). */
export const EXIT_CANT_CREATE = 73;
/** A bug: an error nobody anticipated (EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export const EXIT_CODE_HELP = [
  '  0   valid          the credential is anchored, not revoked, not expired; a signed one also carries',
  "                     its issuer's valid signature by a registered key (signature: verified | none)",
  '  1   tampered       the bundle was altered or is malformed (not JSON, missing fields, bad hex), the',
  "                     signing key's registration event included",
  '  2   revoked        revoked on chain (the time is printed)',
  '  3   expired        validUntil is past (at --at, default now)',
  "  4   not-anchored   the chain does not hold the bundle's batch root and range",
  "  5   wrong-chain    an RPC serves another chain (than the bundle's, or than --chain-id), the bundle",
  '                     names another chain than --chain-id, or the contract is not the trusted one / has no code',
  '  6   unreachable    every RPC URL failed (network error, timeout, HTTP 429/5xx), or two or more were',
  '                     given and fewer than two could be read (down, or lagging more than --max-lag)',
  "  7   bad-signature  the issuer's signature does not verify, or its key's registration does not hold",
  '                     (another key, another issuer, a bad proof of possession, registered after the',
  '                     credential); with --signature-only: no valid eddsa-jcs-2022 proof',
  "  8   key-revoked    the signing key was revoked on chain at or before the credential's anchoring",
  '                     (a key revoked later leaves the credential valid: chain time decides)',
  '  9   inconsistent   two RPC URLs gave different answers for one chain fact at one block: do not trust',
  '                     the credential until the endpoints agree (the reason names the fact and the URLs)',
  ' 10   unsigned       --require-signature, and the credential carries no issuer signature (otherwise',
  '                     valid); with --signature-only: the document has no eddsa-jcs-2022 proof',
  " 11   dns-not-confirmed  --require-dns, and the issuer's domain does not list the signing key (no",
  '                     record, another key, lookup failed), or the credential is unsigned',
  ' 64   usage error    bad or missing arguments',
  ' 66   no input       the bundle file cannot be read; audit, replay, export: the log cannot be read',
  '                     (server down, password refused, no such database or ledger)',
  ' 73   cannot create  keys generate: the key file exists (without --force) or cannot be written',
  ' 70   internal error a bug; please report it',
].join('\n');
