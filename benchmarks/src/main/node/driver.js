'use strict';
// The Node.js worker of the benchmark harness: runs one workload against the npm original through its public API,
// on a fresh store directory after a warm-up on another, and prints one JSON result line, exactly as the Java
// worker (io.github.multiprocessstore.benchmarks.workload.Worker) does for the Java contenders.
// Usage (by the harness only): node driver.js '<WorkerSpec as JSON>'
const fs = require('fs');
const store = require('multiprocess-store'); // a singleton: createStore() points it at a directory

const COUNTER = 'counter';
const COUNTER_INDEX = 0;
const TIERS = ['silver', 'golden', 'bronze', 'copper'];
const NOTES = 'Prefers e-mail; ships to the main office';

// The same generator as Mulberry32.java, so both runtimes visit the same ids for the same seed.
function mulberry32(seed) {
  let a = seed | 0;
  return function nextInt(bound) {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t = ((t + Math.imul(t ^ (t >>> 7), t | 61)) | 0) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % bound;
  };
}

function sevenDigits(index) {
  return String(index).padStart(7, '0');
}

function id(index) {
  return 'obj-' + sevenDigits(index);
}

// The same document as Documents.java, field for field.
function documentOf(index) {
  const digits = sevenDigits(index);
  return {
    _id: 'obj-' + digits,
    name: 'Customer ' + digits,
    email: 'customer' + digits + '@example.com',
    [COUNTER]: 0,
    tier: TIERS[index & 3],
    score: 10 + (index % 90),
    tags: ['alpha', 'beta', 'gamma'],
    address: { street: digits + ' Long Street', city: 'Springfield', zip: '12345', country: 'NL' },
    notes: NOTES,
  };
}

let errors = 0;
let firstError = null;
let retries = 0;
let tornReads = 0;

function error(e) {
  errors++;
  if (firstError === null) {
    firstError = (e && e.message) || String(e);
    console.error(e);
  }
}

async function populate(count) {
  for (let i = 0; i < count; i++) {
    await store.createObject(documentOf(i));
  }
}

// The original writes files in place (no temp file, no rename), so a reader can catch a revision half written:
// JSON.parse then fails. Such a torn read is counted and the read repeated, as an application would have to.
async function getObject(documentId) {
  for (;;) {
    try {
      return await store.getObject(documentId);
    } catch (e) {
      if (e instanceof SyntaxError) {
        tornReads++;
        continue;
      }
      throw e;
    }
  }
}

// The original's only update: getObject, change, updateObject (no strict mode exists, nothing is ever refused).
async function increment(documentId) {
  const document = await getObject(documentId);
  document[COUNTER] = document[COUNTER] + 1;
  await store.updateObject(document);
}

function nowNanos() {
  return process.hrtime.bigint();
}

async function timedLoop(count, latencies, operation) {
  const started = nowNanos();
  for (let i = 0; i < count; i++) {
    const t = nowNanos();
    try {
      await operation(i);
    } catch (e) {
      error(e);
    }
    latencies[i] = Number(nowNanos() - t);
  }
  return Number(nowNanos() - started);
}

function sleep(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

// As in the Java worker: W2, W3 and W4 wait settleMillis between the fill and the measurement (every contender
// alike, untimed); W2F is W2 measured right after the fill.
async function measure(spec, shape, objects, ops, seed, processes, processIndex, settleMillis, result) {
  if (shape === 'W2' || shape === 'W2F' || shape === 'W3' || shape === 'W4') {
    await populate(objects); // untimed, and outside the CPU time below
    const waited = shape === 'W2F' ? 0 : Math.max(0, settleMillis);
    if (waited > 0) {
      await sleep(waited);
    }
    result.settleMillis = waited;
  }
  const before = process.cpuUsage();
  await measureLoop(spec, shape, objects, ops, seed, processes, processIndex, result);
  const used = process.cpuUsage(before);
  result.cpuUserMicros = used.user;
  result.cpuSystemMicros = used.system;
}

async function measureLoop(spec, shape, objects, ops, seed, processCount, processIndex, result) {
  const random = mulberry32(seed);
  let latencies = null;
  let elapsed;
  let done;
  switch (shape) {
    case 'W1':
      latencies = new Float64Array(objects);
      elapsed = await timedLoop(objects, latencies, (i) => store.createObject(documentOf(i)));
      done = objects;
      break;
    case 'W2':
    case 'W2F':
      latencies = new Float64Array(ops);
      elapsed = await timedLoop(ops, latencies, () => store.getObject(id(random(objects))));
      done = ops;
      break;
    case 'W3':
      latencies = new Float64Array(ops);
      elapsed = await timedLoop(ops, latencies, () => increment(id(random(objects))));
      done = ops;
      break;
    case 'W4': {
      const repeats = Math.max(1, spec.repeats);
      latencies = new Float64Array(repeats);
      done = 0;
      elapsed = await timedLoop(repeats, latencies, async () => {
        const all = await store.getAllObjects();
        if (all.length !== objects) {
          throw new Error('getAllObjects returned ' + all.length + ' of ' + objects);
        }
        done += all.length;
      });
      break;
    }
    case 'W5': {
      const processes = Math.max(1, processCount);
      const owned = Math.floor((objects - processIndex + processes - 1) / processes);
      latencies = new Float64Array(ops);
      elapsed = await timedLoop(ops, latencies, () => increment(id(random(owned) * processes + processIndex)));
      done = ops;
      break;
    }
    case 'W6':
      latencies = new Float64Array(ops);
      elapsed = await timedLoop(ops, latencies, () => increment(id(COUNTER_INDEX)));
      done = ops;
      break;
    default:
      throw new Error('not a measured workload: ' + shape);
  }
  result.ops = done;
  result.nanos = elapsed;
  result.opsPerSec = (done * 1e9) / Math.max(1, elapsed);
  if (latencies && latencies.length > 0) {
    latencies.sort();
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] / 1e3;
    result.p50Micros = at(0.5);
    result.p99Micros = at(0.99);
  }
}

function waitForGo(spec) {
  if (!spec.waitForGo) {
    return Promise.resolve();
  }
  process.stdout.write('ready\n');
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        process.stdin.removeListener('data', onData);
        process.stdin.destroy(); // an open stdin would keep this process alive after its result
        const line = buffered.slice(0, newline).trim();
        if (line === 'go') {
          resolve();
        } else {
          reject(new Error("expected 'go' from the harness, got " + line));
        }
      }
    };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onData);
  });
}

async function verify(counterId) {
  const winner = await getObject(counterId);
  const names = fs.readdirSync(store.path + '/' + counterId);
  const conflicts = await store.getConflicts(counterId);
  return {
    counter: winner[COUNTER],
    updatesStored: names.length - 1,
    conflictGroups: conflicts.length,
    conflictLosers: conflicts.reduce((sum, group) => sum + group.length - 1, 0),
  };
}

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const result = { contender: spec.contender, workload: spec.workload, processIndex: spec.processIndex };
  fs.mkdirSync(spec.dir, { recursive: true });
  if (spec.workload === 'SETUP') {
    await store.createStore(spec.dir);
    await populate(spec.objects);
  } else if (spec.workload === 'VERIFY') {
    await store.createStore(spec.dir);
    Object.assign(result, await verify(id(COUNTER_INDEX)));
  } else {
    if (spec.warmupDir && spec.warmupOps > 0) {
      fs.mkdirSync(spec.warmupDir, { recursive: true });
      await store.createStore(spec.warmupDir);
      // As in the Java worker: W6 warms up on many objects (W5's shape), not on one that would grow huge.
      const shape = spec.workload === 'W6' ? 'W5' : spec.workload;
      let objects = Math.min(spec.objects, Math.max(100, Math.floor(spec.objects / 5)));
      if (spec.workload === 'W1') {
        objects = spec.warmupOps;
      } else if (spec.workload === 'W6') {
        objects = 1000;
      }
      if (shape === 'W5') {
        await populate(objects); // the measured store of W5/W6 is filled by the harness's setup step
      }
      await measure(spec, shape, objects, spec.warmupOps, ~spec.seed, 1, 0, 0, {}); // no settle wait in the warm-up
      // As in the Java worker: W4's warm-up reads warmupOps documents, in rounds of `repeats` passes, each round
      // on a newly opened store.
      const perRound = Math.max(1, objects) * Math.max(1, spec.repeats);
      const rounds = shape === 'W4' ? Math.max(1, Math.ceil(spec.warmupOps / perRound)) : 1;
      for (let round = 1; round < rounds; round++) {
        await store.createStore(spec.warmupDir);
        await measureLoop(spec, shape, objects, spec.warmupOps, ~spec.seed, 1, 0, {});
      }
      errors = 0;
      firstError = null;
      tornReads = 0;
    }
    await store.createStore(spec.dir);
    await waitForGo(spec); // the store is open: W5/W6's clock starts with the operations
    const settleMillis = spec.settleMillis === undefined || spec.settleMillis === null ? 3500 : spec.settleMillis;
    await measure(spec, spec.workload, spec.objects, spec.ops, spec.seed, spec.processes, spec.processIndex,
      settleMillis, result);
    result.retries = retries;
    result.tornReads = tornReads;
    result.errors = errors;
    if (firstError !== null) {
      result.firstError = firstError;
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
