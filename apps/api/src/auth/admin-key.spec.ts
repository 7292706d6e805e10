import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAdminKey } from './admin-key';

describe('resolveAdminKey (the generated admin key file)', () => {
  let root: string;
  let dataDir: string;
  let file: string;
  const planted = 'sl_admin_the-attacker-knows-this-key-000000';

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'admin-key-'));
    dataDir = join(root, 'nested', 'data');
    file = join(dataDir, 'admin-api-key');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('generates a key once, in a file of mode 600 inside a data folder of mode 700, and reads it back later', () => {
    const first = resolveAdminKey(undefined, dataDir);
    expect(first).toMatchObject({ generated: true, path: file });
    expect(first.key).toMatch(/^sl_admin_[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(resolveAdminKey(undefined, dataDir)).toEqual({ key: first.key, generated: false, path: file });
  });

  it('uses ADMIN_API_KEY when set, and writes nothing', () => {
    expect(resolveAdminKey('sl_admin_from-the-environment-0000000000', dataDir)).toEqual({
      key: 'sl_admin_from-the-environment-0000000000',
      generated: false,
    });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a symbolic link planted at the path, and never reads what it points to', () => {
    mkdirSync(dataDir, { recursive: true });
    const target = join(root, 'attacker-key');
    writeFileSync(target, planted, { mode: 0o600 });
    symlinkSync(target, file);
    expect(() => resolveAdminKey(undefined, dataDir)).toThrow(/admin-api-key is a symbolic link: refusing to use it/);
  });

  it('refuses a dangling symbolic link, and never creates the file it points to', () => {
    mkdirSync(dataDir, { recursive: true });
    const target = join(root, 'world-readable', 'stolen-key');
    mkdirSync(join(root, 'world-readable'));
    symlinkSync(target, file);
    expect(() => resolveAdminKey(undefined, dataDir)).toThrow(/symbolic link|appeared/);
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it('refuses a planted file that other users can read or write', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, planted);
    chmodSync(file, 0o644);
    expect(() => resolveAdminKey(undefined, dataDir)).toThrow(/can be read or written by other users \(mode 644\)/);
  });

  it('refuses a directory at the path', () => {
    mkdirSync(file, { recursive: true });
    expect(() => resolveAdminKey(undefined, dataDir)).toThrow(/is not a regular file/);
  });

  it('never overwrites what is there: the kept key stays the key', () => {
    const first = resolveAdminKey(undefined, dataDir);
    resolveAdminKey(undefined, dataDir);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key);
  });
});
