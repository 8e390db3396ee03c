#!/usr/bin/env node
'use strict';
// Launcher for the built CLI (build first: npx tsc -b libs/pii-scan/tsconfig.json).
process.env.CLOISTER_SCAN_MAIN = '1';
require('../dist/cli/main.js');
