// A separate OS process appending to a PostgresEventStore (its own pool), driven by
// postgres.processes.spec.ts. Plain JS that loads the TypeScript adapter through ts-node, so it
// runs the code under test.
//   node postgres-child.js race <url> <schema> <count> <tag>    after "go" on stdin, <count> appends,
//                                                             8 in flight, to 16 streams ('any')
//                                                             and now and then an appendMany
//   node postgres-child.js shared <url> <schema> <count> <tag>  after "go", <count> events to stream
//                                                             "shared" with optimistic-concurrency retries
//   node postgres-child.js kill9 <url> <schema>                 3-event appends forever, acking each
'use strict';
require('ts-node').register({ transpileOnly: true, projectSearchDir: __dirname });
require('tsconfig-paths/register');
const { randomUUID } = require('node:crypto');
const { writeSync } = require('node:fs');
const { PostgresEventStore } = require('../postgres/postgres.adapter');
const { WrongExpectedRevisionError } = require('../event-store.port');

// Synchronous, so a line is out before the next append starts: an ack printed is an ack given.
const say = (line) => writeSync(1, `${line}\n`);
const acks = (events) => `ack ${events.map((e) => `${e.seq}:${e.id}`).join(' ')}`;
const event = (n, tag) => ({
  id: randomUUID(),
  type: 'TestEventHappened',
  data: { n, tag },
  metadata: { actor: tag },
  recordedAt: new Date().toISOString(),
});
const go = () => new Promise((resolve) => process.stdin.once('data', resolve));

async function race(store, count, tag) {
  await go();
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const n = next++;
      if (n % 10 === 9) {
        const results = await store.appendMany([
          { stream: `race-${n % 16}`, events: [event(n, tag)], expected: 'any' },
          { stream: `race-${(n + 5) % 16}`, events: [event(n, tag), event(n, tag)], expected: 'any' },
        ]);
        say(acks(results.flatMap((r) => r.events)));
      } else {
        say(acks((await store.append(`race-${n % 16}`, [event(n, tag)], 'any')).events));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  say('done');
}

async function shared(store, count, tag) {
  await go();
  let conflicts = 0;
  for (let n = 0; n < count; n++) {
    for (;;) {
      const revision = (await store.readStream('shared')).length - 1;
      try {
        say(acks((await store.append('shared', [event(n, tag)], revision < 0 ? 'no-stream' : revision)).events));
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts++;
      }
    }
  }
  say(`done ${conflicts}`);
}

async function kill9(store) {
  for (let i = 0; ; i++) {
    const result = await store.append(
      `batch-${i}`,
      [0, 1, 2].map((k) => event(3 * i + k, 'kill9')),
      'no-stream',
    );
    say(acks(result.events));
  }
}

async function main() {
  const [mode, url, schema, count, tag] = process.argv.slice(2);
  const store = await PostgresEventStore.connect(url, { schema, poolSize: 4 });
  say('ready');
  if (mode === 'race') await race(store, Number(count), tag);
  else if (mode === 'shared') await shared(store, Number(count), tag);
  else await kill9(store);
  await store.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
