import { loadConfig } from './app-config';

describe('loadConfig', () => {
  const long = 'k'.repeat(32);

  it.each(['ADMIN_API_KEY', 'AUDITOR_API_KEY'])('refuses %s shorter than 32 characters, naming the variable but not echoing the key', (name) => {
    expect(() => loadConfig({ [name]: 'test-admin-key' })).toThrow(new RegExp(`^${name} must be at least 32 characters long \\(it has 14\\)`));
    try {
      loadConfig({ [name]: 'short-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('short-secret');
    }
    expect(loadConfig({ [name]: long })[name === 'ADMIN_API_KEY' ? 'adminApiKey' : 'auditorApiKey']).toBe(long);
  });

  it('leaves both keys unset when empty', () => {
    expect(loadConfig({ ADMIN_API_KEY: '', AUDITOR_API_KEY: '' })).toMatchObject({ adminApiKey: undefined, auditorApiKey: undefined });
  });

  it('TRUST_PROXY: unset, false or 0 trusts no one; a number is the count of proxies; a list names them', () => {
    for (const off of [undefined, '', 'false', '0']) expect(loadConfig({ TRUST_PROXY: off }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, ::FFFF:10.0.0.2,fd00::1' }).trustProxy).toEqual({ kind: 'addresses', addresses: new Set(['10.0.0.1', '10.0.0.2', 'fd00::1']) });
  });

  it.each(['true', 'yes', '10.0.0.0/8', '10.0.0.1,proxy.local', '17'])('refuses TRUST_PROXY=%s, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be false, a number of proxies from 1 to 16, or/);
  });
});
