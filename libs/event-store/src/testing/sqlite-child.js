// A separate OS process appending to a SqliteEventStore, driven by sqlite.processes.spec.ts.
// Plain JS that loads the TypeScript adapter through ts-node, so it runs the code under test.
//   node sqlite-child.js kill9 <file>              append 3-event batches forever, acking each
//   node sqlite-child.js race <file> <count> <tag> after "go" on stdin, append <count> events to
//                                                  stream "shared" with optimistic-concurrency retries
'use strict';
require('ts-node').register({ transpileOnly: true, projectSearchDir: __dirname });
// The adapter imports @stackledger/merkle (leaves are hashed at append): resolve the path aliases.
require('tsconfig-paths/register');
const { randomUUID } = require('node:crypto');
const { writeSync } = require('node:fs');
const { SqliteEventStore } = require('../sqlite/sqlite.adapter');
const { WrongExpectedRevisionError } = require('../event-store.port');

// Synchronous, so a line is out before the next append starts: an ack printed is an ack given.
const say = (line) => writeSync(1, `${line}\n`);
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
const event = (n, tag) => ({
  id: randomUUID(),
  type: 'TestEventHappened',
  data: { n, tag },
  metadata: { actor: tag },
  recordedAt: new Date().toISOString(),
});

async function kill9(store) {
  for (let i = 0; ; i++) {
    const events = [0, 1, 2].map((k) => event(3 * i + k, 'kill9'));
    const result = await store.append(`batch-${i}`, events, 'no-stream');
    say(`ack ${result.events.map((e) => `${e.seq}:${e.id}`).join(' ')}`);
    await yieldToLoop();
  }
}

async function appendWithRetry(store, stream, newEvent) {
  for (let conflicts = 0; ; conflicts++) {
    const revision = (await store.readStream(stream)).length - 1;
    // Widens the read-then-write window, so the other process often appends in between.
    await new Promise((resolve) => setTimeout(resolve, 1));
    try {
      const result = await store.append(stream, [newEvent], revision < 0 ? 'no-stream' : revision);
      return { stored: result.events[0], conflicts };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await yieldToLoop();
    }
  }
}

async function race(store, count, tag) {
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let conflicts = 0;
  for (let n = 0; n < count; n++) {
    const outcome = await appendWithRetry(store, 'shared', event(n, tag));
    conflicts += outcome.conflicts;
    say(`ack ${outcome.stored.seq}:${outcome.stored.id}`);
    await store.append(`own-${tag}`, [event(n, tag)], 'any');
  }
  say(`done ${conflicts}`);
}

async function main() {
  const [mode, file, count, tag] = process.argv.slice(2);
  const store = SqliteEventStore.open(file);
  say('ready');
  if (mode === 'kill9') await kill9(store);
  else await race(store, Number(count), tag);
  await store.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
