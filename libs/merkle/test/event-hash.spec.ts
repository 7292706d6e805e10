import { keccak256 as ethersKeccak, toUtf8Bytes } from 'ethers';
import fc from 'fast-check';
import {
  canonicalEventJson,
  canonicalEventJsonWithData,
  canonicalJson,
  credentialKey,
  eventHash,
  eventLeaf,
  initMerkle,
  keccak256,
  keccak256Utf8,
  leafOf,
  toHex,
  type EventEnvelope,
} from '@stackledger/merkle';

const credential = {
  id: '0b9e4c1a-3f7d-4b2e-9a51-6c0d8e2f4a17',
  issuerId: 'issuer-1',
  learnerId: 'learner-1',
  title: 'Data Wrangling',
  credits: '4.5',
  hours: 135,
  level: 4.5,
  skills: ['sql', 'pandas'],
  salt: '0x' + 'ab'.repeat(32),
};

const event: EventEnvelope & { metadata: unknown } = {
  seq: 42,
  id: 'c56a4180-65aa-42ec-a945-5fd21dec0538',
  stream: 'learner-learner-1',
  type: 'CredentialIssued',
  data: { credential },
  recordedAt: '2026-01-02T03:04:05.678Z',
  metadata: { actor: 'issuer-1', correlationId: 'x' },
};

beforeAll(() => initMerkle());

describe('keccak256 (our WASM module, one instance)', () => {
  it('is Ethereum keccak, not SHA3', () => {
    expect(toHex(keccak256(new Uint8Array()))).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  it('equals ethers keccak256 on many inputs, reusing its state safely', () => {
    for (let n = 0; n < 300; n += 7) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(toHex(keccak256(data))).toBe(ethersKeccak(data));
    }
    expect(toHex(keccak256Utf8('€ 😀'))).toBe(ethersKeccak(toUtf8Bytes('€ 😀')));
  });

  it('refuses to hash before initialisation', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../src/keccak') as typeof import('../src/keccak');
      expect(fresh.isKeccakReady()).toBe(false);
      expect(() => fresh.keccak256(new Uint8Array())).toThrow(/initMerkle/);
    });
  });
});

describe('eventHash / leafOf / credentialKey', () => {
  it('hashes JCS of exactly the six envelope fields', () => {
    const jcs = canonicalEventJson(event);
    expect(jcs.startsWith('{"data":{"credential":{"credits":"4.5","hours":135,')).toBe(true);
    expect(jcs.endsWith('"recordedAt":"2026-01-02T03:04:05.678Z","seq":42,"stream":"learner-learner-1","type":"CredentialIssued"}')).toBe(
      true,
    );
    expect(jcs).not.toContain('metadata');
    expect(eventHash(event)).toBe(ethersKeccak(toUtf8Bytes(jcs)));
  });

  it('derives the leaf by hashing the 32 raw bytes of the event hash', () => {
    const h = eventHash(event);
    expect(leafOf(h)).toBe(ethersKeccak(h));
    expect(leafOf(Buffer.from(h.slice(2), 'hex'))).toBe(ethersKeccak(h));
    expect(eventLeaf(event)).toBe(leafOf(h));
    expect(() => leafOf('0x1234')).toThrow(/32 bytes/);
  });

  it('changes with any hashed field, not with metadata or key order', () => {
    const base = eventHash(event);
    const otherMetadata: EventEnvelope = Object.assign({}, event, { metadata: { actor: 'someone else' } });
    expect(eventHash(otherMetadata)).toBe(base);
    expect(
      eventHash({ recordedAt: event.recordedAt, data: event.data, type: event.type, stream: event.stream, id: event.id, seq: 42 }),
    ).toBe(base);
    expect(eventHash({ ...event, seq: 43 })).not.toBe(base);
    expect(eventHash({ ...event, recordedAt: '2026-01-02T03:04:05.679Z' })).not.toBe(base);
    expect(eventHash({ ...event, data: { credential: { ...credential, credits: '4.50' } } })).not.toBe(base);
  });

  it('validates the envelope', () => {
    expect(() => eventHash({ ...event, seq: 0 })).toThrow(/seq/);
    expect(() => eventHash({ ...event, seq: 1.5 })).toThrow(/seq/);
    expect(() => eventHash({ ...event, id: 7 as unknown as string })).toThrow(/id must be a string/);
    expect(() => eventHash({ ...event, data: undefined })).toThrow(/data/);
  });

  it('keys a credential by keccak256 of its JCS text, salt included', () => {
    const key = credentialKey(credential);
    expect(key).toBe(ethersKeccak(toUtf8Bytes(JSON.stringify(Object.fromEntries(Object.entries(credential).sort())))));
    expect(credentialKey({ ...credential, salt: '0x' + 'ac'.repeat(32) })).not.toBe(key);
    expect(() => credentialKey([] as unknown as Record<string, unknown>)).toThrow(/object/);
  });
});

describe('canonicalEventJsonWithData', () => {
  it('gives exactly canonicalEventJson from the canonical data, whatever the strings', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const envelope = fc.record({
      seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      id: fc.uuid(),
      stream: text,
      type: text,
      recordedAt: text,
      data: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
    });
    fc.assert(
      fc.property(envelope, (e) => expect(canonicalEventJsonWithData(e, canonicalJson(e.data))).toBe(canonicalEventJson(e))),
      { numRuns: 2_000 },
    );
  });

  it('refuses a bad seq or a non-string field as canonicalEventJson does', () => {
    expect(() => canonicalEventJsonWithData({ ...event, seq: 0 }, '{}')).toThrow(TypeError);
    expect(() => canonicalEventJsonWithData({ ...event, stream: 7 as never }, '{}')).toThrow(/stream must be a string/);
    expect(() => canonicalEventJsonWithData({ ...event, type: 'T\ud800' }, '{}')).toThrow(/lone surrogate/);
  });
});
