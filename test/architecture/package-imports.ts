import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

export interface PackageImport {
  /** The package name: `ethers`, `@nestjs/common`. */
  name: string;
  /** Repository-relative path of the importing file. */
  file: string;
}

/** The files `npm run build` compiles into dist/ (tsconfig.build.json), plus the CLI's bin script. */
export function runtimeFiles(): string[] {
  const configFile = join(ROOT, 'tsconfig.build.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configFile));
  return [...parsed.fileNames.map((f) => relative(ROOT, f)), 'apps/cli/bin/ledger.js'];
}

/** Every file that imports packages: what tsconfig.json type-checks, and the JavaScript beside it. */
export function allFiles(): string[] {
  const configFile = join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configFile));
  const js = ts.sys.readDirectory(
    ROOT,
    ['.js', '.mjs', '.cjs'],
    ['node_modules', 'dist', 'artifacts', 'cache', 'coverage', 'typechain-types'],
    ['apps/**/*', 'libs/**/*', 'scripts/**/*', 'test/**/*', 'bench/**/*', 'deploy/**/*', '*.js'],
  );
  return [...parsed.fileNames, ...js].map((f) => relative(ROOT, f));
}

const BUILTINS = new Set(builtinModules);

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('@stackledger/'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? undefined : name;
}

/**
 * The packages a file loads when it runs: static imports and re-exports that are not type-only,
 * `require(...)`, `require.resolve(...)` and `import(...)` of a string literal. Type-only imports
 * are left out: they are erased by the compiler.
 */
export function packageImports(file: string): PackageImport[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: PackageImport[] = [];
  const add = (specifier: ts.Expression | undefined) => {
    const name = specifier && ts.isStringLiteralLike(specifier) ? packageOf(specifier.text) : undefined;
    if (name) found.push({ name, file });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node)) add(node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly) add(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && isLoadCall(node.expression)) add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'`: loaded for its side effects
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isLoadCall(callee: ts.Expression): boolean {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'require' &&
    callee.name.text === 'resolve'
  );
}
