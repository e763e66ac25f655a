'use strict';
// Reads all of stdin as one UTF-8 string.
module.exports = function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin
      .on('data', (chunk) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .on('error', reject);
  });
};
