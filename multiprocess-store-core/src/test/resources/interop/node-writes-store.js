'use strict';
// Writes a small store the way a Node.js application would, then prints what the original package itself
// reads back from it, for the Java side to compare with its own reads.
// Usage:  node node-writes-store.js <storeDir>
// stdout: {"objects": {"<id>": <getObject(id)>, ...}, "all": <getAllObjects()>}
const store = require('multiprocess-store');

async function main() {
  await store.createStore(process.argv[2]);

  await store.createObject({
    _id: 'plain',
    text: 'hello',
    number: 42,
    fraction: 1.5,
    flag: true,
    nothing: null,
    nested: { list: [1, 'two', { three: 3 }] },
    unicode: 'Zoë – 中文 – 😀',
  });

  // Eleven updates, each from the latest revision: the revision numbers cross 9 -> 10.
  await store.createObject({ _id: 'counter', value: 0 });
  for (let i = 1; i <= 11; i++) {
    const counter = await store.getObject('counter');
    counter.value = i;
    await store.updateObject(counter);
  }

  await store.upsertObject({ _id: 'upserted', colour: 'red', size: 1 }); // creates
  await store.upsertObject({ _id: 'upserted', colour: 'blue' }); // merges into the winner

  const objects = {};
  for (const id of ['plain', 'counter', 'upserted']) {
    objects[id] = await store.getObject(id);
  }
  process.stdout.write(JSON.stringify({ objects, all: await store.getAllObjects() }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
