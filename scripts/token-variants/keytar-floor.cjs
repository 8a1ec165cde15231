'use strict';
// The floor of a cached `delegate token`: Node plus one keytar read of the same secret, printed.
const keytar = require('keytar');
keytar.getPassword('Delegate', process.argv[2]).then((value) => {
  process.stdout.write(value ?? '');
  process.exit(0);
});
