import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts `<name>.js` or `<name>.ts` of `folder` (the caller's `__dirname`) in a worker thread.
 * Built (dist/), the compiled file runs as is. From source (ts-node, jest), a thread starts without
 * the parent's TypeScript hooks (jest's transform never reaches it), so it registers ts-node
 * (transpile only) and the `@stackledger/*` paths of the repository's tsconfig before loading the
 * entry.
 */
export function startWorker(folder: string, name: string, workerData: unknown): Worker {
  const compiled = join(folder, `${name}.js`);
  if (__filename.endsWith('.js') && existsSync(compiled)) return new Worker(compiled, { workerData });
  const root = repositoryRoot();
  // Resolved here: code evaluated in a thread resolves bare names from the working directory.
  const tsNode = JSON.stringify(require.resolve('ts-node', { paths: [root] }));
  const tsconfigPaths = JSON.stringify(require.resolve('tsconfig-paths', { paths: [root] }));
  const bootstrap = `
    if (!require.extensions['.ts']) require(${tsNode}).register({ transpileOnly: true, project: ${JSON.stringify(join(root, 'tsconfig.json'))} });
    const paths = require(${tsconfigPaths});
    const config = paths.loadConfig(${JSON.stringify(root)});
    paths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
    require(${JSON.stringify(join(folder, `${name}.ts`))});`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no tsconfig.json above ${__dirname}: cannot start a TypeScript worker`);
  }
}
