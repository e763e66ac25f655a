'use strict';
// Writes a store the way a Node.js application using the original package does, with a conflict and a deletion,
// then prints what the package itself reads back, for the CLI's output to be compared with.
// Usage:  node node-writes-store.js <storeDir>
// stdout: {"ids": [...], "objects": {"<id>": <getObject(id)>}, "conflicts": {"<id>": <getConflicts(id)>}}
const store = require('multiprocess-store');

async function main() {
  await store.createStore(process.argv[2]);

  await store.createObject({ _id: 'plain', text: 'hello', nested: { list: [1, 'two'] }, unicode: 'Zoë – 中文' });

  // Eleven updates from the latest revision: the revision numbers cross 9 -> 10.
  await store.createObject({ _id: 'counter', value: 0 });
  for (let i = 1; i <= 11; i++) {
    const counter = await store.getObject('counter');
    counter.value = i;
    await store.updateObject(counter);
  }

  // Two updates from the same revision: a conflict.
  await store.createObject({ _id: 'contested', side: 'none' });
  const base = await store.getObject('contested');
  await store.updateObject(Object.assign({}, base, { side: 'left' }));
  await store.updateObject(Object.assign({}, base, { side: 'right' }));

  // The original's delete removes the whole directory.
  await store.createObject({ _id: 'removed' });
  await store.deleteObject('removed');

  const ids = ['contested', 'counter', 'plain'];
  const objects = {};
  const conflicts = {};
  for (const id of ids) {
    objects[id] = await store.getObject(id);
    conflicts[id] = await store.getConflicts(id);
  }
  process.stdout.write(JSON.stringify({ ids, objects, conflicts }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
