#!/usr/bin/env node
// Entry point of the `briefing` command (package.json "bin"). Everything it does lives in src/build/.
import { processIo, runCli } from './build/command.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
