#!/usr/bin/env node
// `layerlint-lsp`: the language server alone (same as `layerlint lsp`).
import { fileURLToPath } from 'node:url';
import { launchServer } from './relaunch.js';

const args = process.argv.slice(2);
await launchServer(fileURLToPath(import.meta.url), args, args);
