#!/usr/bin/env node
// `layerlint-lsp`: the language server alone (same as `layerlint lsp`).
import { startServer } from './server.js';

await startServer(process.argv.slice(2));
