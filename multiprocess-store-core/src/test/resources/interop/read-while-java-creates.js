'use strict';
// Reads objects <prefix>0 .. <prefix><count - 1> with the original package in a loop while a Java process
// creates them, until stdin closes, then once more. Java creates each with {"payload": <payloadLength chars>}.
// A missing object (ENOENT) is fine; any other error (EMPTY_OBJECT_DIRECTORY, a JSON syntax error) is not.
// Usage:  node read-while-java-creates.js <storeDir> <prefix> <count> <payloadLength>
// stdout: "ready", then one JSON line:
//         {"absent", "present", "errors": [...], "incomplete": [...], "finalPresent", "finalListed"}
const store = require('multiprocess-store');

async function main() {
  const [storeDir, prefix, countArg, payloadLengthArg] = process.argv.slice(2);
  const count = Number(countArg);
  const payloadLength = Number(payloadLengthArg);
  let stopped = false;
  process.stdin.on('end', () => { stopped = true; }).resume();

  await store.createStore(storeDir);
  const result = { absent: 0, present: 0, errors: [], errorCount: 0, incomplete: [] };

  async function readAll() {
    let present = 0;
    for (let i = 0; i < count; i++) {
      try {
        const object = await store.getObject(prefix + i);
        present++;
        if (typeof object.payload !== 'string' || object.payload.length !== payloadLength) {
          result.incomplete.push({ _id: object._id, _rev: object._rev });
        }
      } catch (e) {
        if (e.code === 'ENOENT') {
          result.absent++;
        } else {
          result.errorCount++;
          if (result.errors.length < 20) {
            result.errors.push(`${prefix + i}: ${e.name}: ${e.message}`);
          }
        }
      }
    }
    result.present += present;
    return present;
  }

  process.stdout.write('ready\n');
  while (!stopped) {
    await readAll();
  }
  result.finalPresent = await readAll();
  result.finalListed = (await store.getAllObjects()).length;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
