#!/usr/bin/env node
'use strict';
// Launcher for the built CLI (build first: npx tsc -b libs/workspace-agent/tsconfig.json).
require('../dist/main.js');
