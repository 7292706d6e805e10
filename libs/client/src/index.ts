/**
 * `@stackledger/client`: the issuer's side of signed issuance, browser-safe (the caller chooses
 * the crypto backend). Builds credential documents with the domain's own rules, signs them with
 * the issuer's key, registers keys with a proof of possession, posts to the API.
 */
export * from './credential-builder';
export * from './stackledger-client';
export { openBadgeProofOf } from './open-badge-proof';
