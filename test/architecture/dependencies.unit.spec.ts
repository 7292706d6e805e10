import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFiles, PackageImport, packageImports, ROOT, runtimeFiles } from './package-imports';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies);
const devDependencies = Object.keys(pkg.devDependencies);

/** Runtime dependencies no file of ours names, each with the package that loads it (a peer dependency of that package). */
const LOADED_BY = {
  '@nestjs/platform-express': '@nestjs/core', // NestFactory.create loads the HTTP adapter by name
  rxjs: '@nestjs/core',
};

/** Dev dependencies that shipped code loads only off the production path, and that path. */
const DEV_ONLY_PATHS = {
  esbuild: 'GET /verify builds the page on the fly when esbuild is there, else serves the prebuilt one',
  hardhat: 'deploy/run.ts reuses Hardhat only under `hardhat run`',
  'ts-node': 'worker threads and the CLI started from TypeScript source, not from dist/',
  'tsconfig-paths': 'the same, for the @stackledger/* paths',
};

const shipped = runtimeFiles();
const shippedImports = shipped.flatMap(packageImports);
const where = (imports: PackageImport[]) => imports.map((i) => `${i.name} (${i.file})`);

describe('package.json declares what the code loads, and nothing more', () => {
  it('every runtime dependency is loaded by shipped code, or is a peer the package that loads it asks for', () => {
    const loaded = new Set(shippedImports.map((i) => i.name));
    const peers = (name: string) =>
      Object.keys(JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).peerDependencies ?? {});
    const unused = dependencies.filter(
      (name) => !loaded.has(name) && !(name in LOADED_BY && peers(LOADED_BY[name as keyof typeof LOADED_BY]).includes(name)),
    );
    expect(unused).toEqual([]);
  });

  it('every package shipped code loads is a runtime dependency, but for dev-only paths', () => {
    const undeclared = shippedImports.filter((i) => !dependencies.includes(i.name) && !(i.name in DEV_ONLY_PATHS));
    expect(where(undeclared)).toEqual([]);
    expect(Object.keys(DEV_ONLY_PATHS).filter((name) => !devDependencies.includes(name))).toEqual([]);
    expect(Object.keys(DEV_ONLY_PATHS).filter((name) => !shippedImports.some((i) => i.name === name))).toEqual([]);
  });

  it('every package a test, a tool or a script loads is declared', () => {
    const declared = new Set([...dependencies, ...devDependencies]);
    expect(
      where(
        allFiles()
          .flatMap(packageImports)
          .filter((i) => !declared.has(i.name)),
      ),
    ).toEqual([]);
  });

  it('each package is declared once, at an exact version', () => {
    expect(dependencies.filter((name) => devDependencies.includes(name))).toEqual([]);
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(loose).toEqual([]);
  });

  it('ships no test code: the EventStoreDB stand-in and other testing folders stay out of the build', () => {
    expect(shipped.filter((file) => /(^|\/)testing\/|standin/.test(file))).toEqual([]);
  });
});
