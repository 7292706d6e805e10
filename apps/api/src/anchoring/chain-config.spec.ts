import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChainConfig } from '../config/app-config';
import { ConfigError } from '../config/config-error';
import { describeChainConfig, redactRpcUrl } from './chain-config';

const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'; // Hardhat dev account #1
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('loadChainConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'stackledger-chain-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (vars: Record<string, string>) => ({ DATA_DIR: dataDir, ...vars });

  it('is undefined without CHAIN_RPC_URL (anchoring disabled), even with a deployment record', () => {
    writeFileSync(join(dataDir, 'deployment.json'), JSON.stringify({ address: CONTRACT, chainId: 31337, blockNumber: 1 }));
    expect(loadChainConfig(env({}))).toBeUndefined();
  });

  it('refuses a partial configuration', () => {
    expect(() => loadChainConfig(env({ ANCHOR_CONTRACT: CONTRACT }))).toThrow('ANCHOR_CONTRACT set but CHAIN_RPC_URL is not');
    expect(() => loadChainConfig(env({ CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHOR_CONTRACT: CONTRACT }))).toThrow(
      'ANCHORER_PRIVATE_KEY is not',
    );
    expect(() => loadChainConfig(env({ CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHORER_PRIVATE_KEY: KEY }))).toThrow(
      /no contract: set ANCHOR_CONTRACT.*deployment\.json/,
    );
  });

  it('reads the environment; the key stays out of JSON and logs', () => {
    const config = loadChainConfig(
      env({
        CHAIN_RPC_URL: 'https://u:p@sepolia.infura.io/v3/0123456789abcdef0123456789abcdef',
        ANCHOR_CONTRACT: CONTRACT.toLowerCase(),
        ANCHORER_PRIVATE_KEY: KEY,
        ANCHOR_CONFIRMATIONS: '3',
      }),
    )!;
    expect(config).toMatchObject({ contract: CONTRACT, confirmations: 3, contractSource: 'ANCHOR_CONTRACT', privateKey: KEY });
    expect(config.expectedChainId).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain(KEY.slice(2));
    expect(describeChainConfig(config)).toBe(
      `contract ${CONTRACT} (from ANCHOR_CONTRACT) via https://sepolia.infura.io/v3, 3 confirmation(s)`,
    );
  });

  it('falls back to <DATA_DIR>/deployment.json (or the dataDir given) for the contract, its chain and block', () => {
    writeFileSync(
      join(dataDir, 'deployment.json'),
      JSON.stringify({ contract: 'StackLedgerAnchor', address: CONTRACT.toLowerCase(), chainId: 31337, blockNumber: 7 }),
    );
    const vars = { CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHORER_PRIVATE_KEY: KEY.slice(2) };
    const config = loadChainConfig(env(vars))!;
    expect(config).toMatchObject({
      contract: CONTRACT,
      expectedChainId: 31337,
      deploymentBlock: 7,
      contractSource: join(dataDir, 'deployment.json'),
      privateKey: KEY,
    });
    expect(loadChainConfig({ ...vars, DATA_DIR: '/nonexistent' }, dataDir)?.contract).toBe(CONTRACT);
    expect(loadChainConfig(env({ ...vars, ANCHOR_CONTRACT: '0x' + '12'.repeat(20) }))?.expectedChainId).toBeUndefined();
  });

  it('names the variable, never the secret, on bad values', () => {
    const base = { CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHOR_CONTRACT: CONTRACT, ANCHORER_PRIVATE_KEY: KEY };
    const badKey = '0x' + 'zz'.repeat(32);
    const error = (() => {
      try {
        loadChainConfig(env({ ...base, ANCHORER_PRIVATE_KEY: badKey }));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toContain('ANCHORER_PRIVATE_KEY must be 32 bytes');
    expect(error?.message).not.toContain('zzzz');
    expect(() => loadChainConfig(env({ ...base, ANCHORER_PRIVATE_KEY: '0x' + '0'.repeat(64) }))).toThrow(
      'not a valid secp256k1 private key',
    );
    expect(() => loadChainConfig(env({ ...base, ANCHOR_CONTRACT: '0x1234' }))).toThrow('ANCHOR_CONTRACT is not an address');
    expect(() => loadChainConfig(env({ ...base, ANCHOR_CONTRACT: '0x5fbDB2315678afecb367f032d93F642f64180aa3' }))).toThrow('checksum');
    expect(() => loadChainConfig(env({ ...base, ANCHOR_CONFIRMATIONS: '0' }))).toThrow('ANCHOR_CONFIRMATIONS must be a positive integer');
    expect(() => loadChainConfig(env({ ...base, CHAIN_RPC_URL: 'wss://user:pw@node.example/ws/abcdef0123456789abcdef' }))).toThrow(
      /^CHAIN_RPC_URL must be an http\(s\) JSON-RPC URL, got wss:\/\/… \(wss:\/\/node\.example\/ws\)$/,
    );
    expect(() => loadChainConfig(env({ ...base, CHAIN_RPC_URL: 'not a url' }))).toThrow('CHAIN_RPC_URL is not a URL');
    writeFileSync(join(dataDir, 'deployment.json'), '{broken');
    expect(() => loadChainConfig(env({ ...base, ANCHOR_CONTRACT: '' }))).toThrow('is not readable JSON');
  });
});

describe('redactRpcUrl', () => {
  it.each([
    ['http://127.0.0.1:8545', 'http://127.0.0.1:8545'],
    ['http://127.0.0.1:8545/', 'http://127.0.0.1:8545'],
    ['https://sepolia.infura.io/v3/0123456789abcdef0123456789abcdef', 'https://sepolia.infura.io/v3'],
    ['https://eth-sepolia.g.alchemy.com/v2/Abc-DEF_ghijklmnopQRSTUVwxyz0123', 'https://eth-sepolia.g.alchemy.com/v2'],
    [
      'https://rpc.ankr.com/eth_sepolia/8f2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b',
      'https://rpc.ankr.com/eth_sepolia',
    ],
    [
      'https://little-wild-pond.ethereum-sepolia.quiknode.pro/4f0d1e2c3b4a59687f8e9d0c1b2a3f4e5d6c7b8a/',
      'https://little-wild-pond.ethereum-sepolia.quiknode.pro',
    ],
    ['https://user:secret@rpc.example.org/rpc?apikey=abc#frag', 'https://rpc.example.org/rpc'],
  ])('%s -> %s', (raw, safe) => expect(redactRpcUrl(raw)).toBe(safe));
});
