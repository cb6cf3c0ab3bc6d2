#!/usr/bin/env node
// gas-sandbox: runs the sandbox's command line (sandbox/src/cli.ts) through tsx.
require('tsx/cjs');
require('../src/cli.ts').main(process.argv.slice(2));
