'use strict';
// Reads one object with the original package in a tight loop while a Java process updates it, until stdin
// closes. Java writes revision N with {"counter": N, "payload": <payloadLength chars>}.
// Usage:  node read-while-java-updates.js <storeDir> <id> <payloadLength>
// stdout: "ready" after the first successful read, then one JSON line:
//         {"reads", "revisionsSeen", "errors": [...], "incomplete": [...], "backwards": [...]}
const store = require('multiprocess-store');

async function main() {
  const [storeDir, id, payloadLengthArg] = process.argv.slice(2);
  const payloadLength = Number(payloadLengthArg);
  let stopped = false;
  process.stdin.on('end', () => { stopped = true; }).resume();

  await store.createStore(storeDir);
  const revisions = new Set();
  const errors = [];
  const incomplete = [];
  const backwards = [];
  let reads = 0;
  let lastNumber = -1;
  while (!stopped) {
    try {
      const object = await store.getObject(id);
      reads++;
      revisions.add(object._rev);
      const number = parseInt(object._rev, 10);
      if (object.counter !== number || typeof object.payload !== 'string'
          || object.payload.length !== payloadLength) {
        incomplete.push({ _rev: object._rev, counter: object.counter, payloadLength: (object.payload || '').length });
      }
      if (number < lastNumber) {
        backwards.push({ from: lastNumber, to: object._rev });
      }
      lastNumber = number;
      if (reads === 1) {
        process.stdout.write('ready\n');
      }
    } catch (e) {
      errors.push(`${e.name}: ${e.message}`);
    }
  }
  process.stdout.write(JSON.stringify({
    reads, revisionsSeen: revisions.size, errors: errors.slice(0, 20), errorCount: errors.length,
    incomplete: incomplete.slice(0, 20), backwards: backwards.slice(0, 20),
  }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
