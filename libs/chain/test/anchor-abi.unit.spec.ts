import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, keccak256, toUtf8Bytes } from 'ethers';
import { loadAnchorArtifact } from '../../../deploy/001_deploy_anchor';
import { anchorInterface, REVOKE_SELECTOR, revokeCalldata } from '../src';

/** The compiled contract (`npx hardhat compile`) and the interface it declares its API in. */
const compiled = new Interface(loadAnchorArtifact().abi);
const declared = new Interface(
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'artifacts', 'contracts', 'IStackLedgerAnchor.sol', 'IStackLedgerAnchor.json'), 'utf8'),
  ).abi,
);

const sighashes = (iface: Interface, kind: 'function' | 'event' | 'error') => {
  const out: string[] = [];
  const each = { function: iface.forEachFunction, event: iface.forEachEvent, error: iface.forEachError }[kind].bind(iface);
  each((fragment: { format(f: 'sighash'): string }) => out.push(fragment.format('sighash')));
  return out.sort();
};

/** What outside verifiers call and decode (contracts/IStackLedgerAnchor.sol): it must never change. */
const PUBLISHED = {
  function: [
    'anchor(bytes32,uint64,uint64)',
    'batch(uint256)',
    'batchCount()',
    'batchOfSeq(uint64)',
    'revoke(bytes32[])',
    'revokedAt(bytes32)',
    'verify(bytes32,bytes32[],bytes32)',
  ],
  event: ['BatchAnchored(uint256,bytes32,uint64,uint64)', 'CredentialRevoked(bytes32,uint64)'],
};

describe('ANCHOR_ABI', () => {
  it('is in the compiled StackLedgerAnchor fragment for fragment: same names, types, indexing, mutability and outputs', () => {
    anchorInterface.forEachFunction((f) => expect(compiled.getFunction(f.format('sighash'))?.format('full')).toBe(f.format('full')));
    anchorInterface.forEachEvent((e) => expect(compiled.getEvent(e.format('sighash'))?.format('full')).toBe(e.format('full')));
    anchorInterface.forEachError((e) => expect(compiled.getError(e.format('sighash'))?.format('full')).toBe(e.format('full')));
  });

  it('declares exactly what IStackLedgerAnchor declares, plus the access-control error its role checks raise', () => {
    for (const kind of ['function', 'event'] as const) expect(sighashes(anchorInterface, kind)).toEqual(sighashes(declared, kind));
    expect(sighashes(anchorInterface, 'error')).toEqual(
      [...sighashes(declared, 'error'), 'AccessControlUnauthorizedAccount(address,bytes32)'].sort(),
    );
  });

  it('holds every published function and event', () => {
    expect(sighashes(anchorInterface, 'function')).toEqual(PUBLISHED.function);
    expect(sighashes(anchorInterface, 'event')).toEqual(PUBLISHED.event);
  });
});

describe('revokeCalldata', () => {
  it('is exactly what ethers encodes for revoke(bytes32[]), whatever the case of the keys', () => {
    const keys = [1, 2, 320].map((n) =>
      keccak256(toUtf8Bytes(`calldata-${n}`))
        .toUpperCase()
        .replace('0X', '0x'),
    );
    for (const some of [keys.slice(0, 1), keys]) expect(revokeCalldata(some)).toBe(anchorInterface.encodeFunctionData('revoke', [some]));
    expect(REVOKE_SELECTOR).toBe('0xef8038cd');
  });
});
