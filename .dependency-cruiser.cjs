/**
 * The layers, checked on every `npm run lint` (docs/architecture.md draws them).
 *
 * "Pure" code runs anywhere, a browser included: the domain, the Merkle code, the verifier, the
 * browser-safe part of data-integrity and of the chain library, and the verify page. It imports
 * no Node built-in, no framework, no database driver, and of our own code only pure code.
 */

/** Test code inside the pure folders may use Node (fixtures, files, child processes). */
const TEST_CODE = ['\\.spec\\.ts$', '/testing/'];

const PURE = [
  '^libs/domain/',
  '^libs/merkle/src/',
  '^libs/verifier/src/',
  '^libs/data-integrity/src/',
  '^libs/chain/src/',
  '^apps/verify-page/src/',
  '^libs/client/src/',
];

/** The Node-side parts that live beside pure code in those folders. */
const NODE_PARTS = [
  '^libs/data-integrity/src/(.+\\.node\\.ts|node\\.ts)$',
  '^libs/chain/src/writer/',
  '^apps/verify-page/src/(build-verify-page|build\\.cli)\\.ts$',
];

/** The only packages pure code may import: audited, browser-safe, no I/O of their own. */
const PURE_PACKAGES = '^node_modules/(ethers|@noble/curves|@noble/hashes|@scure/base)/';

const pureCode = { path: PURE, pathNot: [...NODE_PARTS, ...TEST_CODE] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-itself',
      comment: 'The domain (events, deciders, rules) imports nothing but itself: no Nest, no ethers, no database, no Node built-in.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'pure-code-no-node-built-ins',
      comment:
        'Pure code runs in a browser: no node: built-in (the Node-side parts are *.node.ts, node.ts, chain/src/writer/, the page build).',
      severity: 'error',
      from: pureCode,
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-code-only-pure-packages',
      comment: `Pure code imports only ${PURE_PACKAGES}: no Nest, no database driver, no HTTP framework.`,
      severity: 'error',
      from: pureCode,
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: PURE_PACKAGES },
    },
    {
      name: 'pure-code-only-pure-code',
      comment: 'Pure code imports only pure code of ours (never the event store, projections, audit, apps, a Node-side part or test code).',
      severity: 'error',
      from: pureCode,
      to: { path: '^(libs|apps)/', pathNot: PURE },
    },
    {
      name: 'pure-code-not-node-parts',
      comment: 'Pure code never reaches the Node-side parts beside it (chain writer, *.node.ts, the page build) nor test helpers.',
      severity: 'error',
      from: pureCode,
      to: { path: [...NODE_PARTS, '/testing/'] },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Libraries never import an application.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-not-to-nest',
      comment: 'Nest stays in apps/api: the libraries are plain TypeScript any program can use.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^node_modules/@nestjs/' },
    },
    {
      name: 'cli-not-to-api',
      comment: "The ledger CLI uses the libraries, not the API's code; it shares only the data directory's default.",
      severity: 'error',
      from: { path: '^apps/cli/' },
      to: { path: '^apps/api/', pathNot: '^apps/api/src/config/data-dir\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycle that exists at run time: it makes load order matter, and means two modules are one or one is in the wrong layer. ' +
        'A cycle closed by an `import type` is erased by the compiler (a contract suite naming its accessor type), so it is allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo in a path alias would otherwise go unseen here).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|artifacts|cache|typechain-types)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
