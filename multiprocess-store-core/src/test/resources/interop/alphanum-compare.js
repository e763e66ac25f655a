'use strict';
// Answers alphanum-sort's own comparison function for a batch of string pairs, called exactly as
// alphanum-sort's sort() calls it for multiprocess-store: with {sign: false}.
// stdin:  [[a, b], ...]
// stdout: {"version": "<alphanum-sort version>", "pairs": <the pairs as received>, "signs": [-1 | 0 | 1, ...]}
const compare = require('alphanum-sort/lib/compare');
const { version } = require('alphanum-sort/package.json');
const readStdin = require('./read-stdin');

readStdin().then((input) => {
  const pairs = JSON.parse(input);
  // compare() returns undefined for "equal"; Array.prototype.sort treats that as 0.
  const signs = pairs.map(([a, b]) => Math.sign(compare({ sign: false }, a, b) || 0));
  process.stdout.write(JSON.stringify({ version, pairs, signs }));
});
