'use strict';
// Calls methods of the original package's store, in order, on one store directory.
// Usage:  node store-ops.js <storeDir>
// stdin:  [{"op": "getObject", "args": ["some-id"]}, ...]
// stdout: [{"ok": true, "value": <what the method resolved to>}
//          | {"ok": false, "error": "<message>", "code": "<e.g. ENOENT>" | null}, ...]
const store = require('multiprocess-store');
const readStdin = require('./read-stdin');

const OPERATIONS = ['createObject', 'getObject', 'updateObject', 'upsertObject', 'deleteObject',
  'getConflicts', 'getAllObjects'];

async function main() {
  const calls = JSON.parse(await readStdin());
  await store.createStore(process.argv[2]);
  const results = [];
  for (const { op, args } of calls) {
    if (!OPERATIONS.includes(op)) {
      throw new Error(`unknown operation: ${op}`);
    }
    try {
      results.push({ ok: true, value: await store[op](...args) });
    } catch (e) {
      results.push({ ok: false, error: e.message, code: e.code || null });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
