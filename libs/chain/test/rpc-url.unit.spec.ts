import { redactRpcUrl, secretScrubber } from '../src';

describe('redactRpcUrl', () => {
  it.each([
    ['http://127.0.0.1:8545', 'http://127.0.0.1:8545'],
    ['https://sepolia.infura.io/v3/0123456789abcdef0123456789abcdef', 'https://sepolia.infura.io/v3'],
    ['https://user:pass@rpc.example.org/eth_sepolia/a1b2c3d4e5f6g7?key=1#x', 'https://rpc.example.org/eth_sepolia'],
    ['not a url', '(invalid URL)'],
  ])('%s -> %s', (raw, safe) => expect(redactRpcUrl(raw)).toBe(safe));
});

describe('secretScrubber', () => {
  it('replaces the raw URL by its redacted form and each secret part by …', () => {
    const raw = 'https://operator:hunter2pass@rpc.test/v3/0123456789abcdef0123456789abcdef?apikey=s3cr3t';
    const scrub = secretScrubber(raw);
    expect(scrub(`failed to fetch ${raw}`)).toBe('failed to fetch https://rpc.test/v3');
    expect(scrub('user operator, password hunter2pass, path /v3/0123456789abcdef0123456789abcdef, query ?apikey=s3cr3t')).toBe(
      'user …, password …, path /v3/…, query …',
    );
  });
});
