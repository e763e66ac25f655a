'use strict';
// Sorts sets of names with alphanum-sort and elects the winner exactly as multiprocess-store 1.25.0 does
// in StoreObject.read(): sort(objectFilenames).pop().
// stdin:  [[name, ...], ...]
// stdout: {"version": "<alphanum-sort version>", "results": [{"sorted": [...], "winner": name}, ...]}
const sort = require('alphanum-sort');
const { version } = require('alphanum-sort/package.json');
const readStdin = require('./read-stdin');

readStdin().then((input) => {
  const results = JSON.parse(input).map((names) => ({
    sorted: sort([...names]),
    winner: sort([...names]).pop(),
  }));
  process.stdout.write(JSON.stringify({ version, results }));
});
