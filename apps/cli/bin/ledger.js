#!/usr/bin/env node
'use strict';
/**
 * `ledger` executable. Runs the compiled CLI (dist/apps/cli/src/main.js) when it exists, else the
 * TypeScript source through ts-node (transpile only) with the repo's tsconfig paths.
 * LEDGER_CLI_FROM_SOURCE=1 forces the source, so tests never run a stale build.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const compiled = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

function load() {
  if (existsSync(compiled) && process.env.LEDGER_CLI_FROM_SOURCE !== '1') return require(compiled);
  process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || join(root, 'tsconfig.json');
  require('ts-node').register({ transpileOnly: true, project: process.env.TS_NODE_PROJECT });
  require('tsconfig-paths/register');
  return require(join(root, 'apps', 'cli', 'src', 'main.ts'));
}

let cli;
try {
  cli = load();
} catch (error) {
  process.stderr.write(`ledger: cannot start: ${error && error.message ? error.message : error}\n`);
  process.exit(70);
}
cli.main(process.argv.slice(2));
