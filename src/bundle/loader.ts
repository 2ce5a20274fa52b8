// The entry of the bundled `briefing` command (dist/bin/briefing.js; its first line is src/cli.ts's, with the same
// Node flags): runs the program script from its code cache (code-cache.ts). harfbuzzjs is imported here, its
// WebAssembly compiling while the program is read.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_FILE, compileProgram, HARFBUZZ_GLOBAL, PROGRAM_FILE, runProgram, WRITE_CODE_CACHE_ENV, writeCodeCacheOnExit } from './code-cache.js';

const harfbuzz = import('harfbuzzjs');
const here = dirname(fileURLToPath(import.meta.url));
const programPath = join(here, PROGRAM_FILE);
const { script } = compileProgram(programPath, join(here, CODE_CACHE_FILE));
(globalThis as Record<symbol, unknown>)[HARFBUZZ_GLOBAL] = await harfbuzz;
const program = runProgram(script, programPath);
const cacheOut = process.env[WRITE_CODE_CACHE_ENV];
if (cacheOut) writeCodeCacheOnExit(script, cacheOut);
program.exitWhenDone(await program.runCli(process.argv.slice(2), program.processIo()));
