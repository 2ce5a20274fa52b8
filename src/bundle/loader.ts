// The entry of the bundled `briefing` command (dist/bin/briefing.cjs; its first line is src/cli.ts's, with the same
// Node flags): runs the program script from its code cache (code-cache.ts). A CommonJS script, like the program, so
// a build never starts Node's ES module loader. harfbuzzjs's WebAssembly compiles while the program sets itself up.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_FILE, compileProgram, PROGRAM_FILE, runProgram, WRITE_CODE_CACHE_ENV, writeCodeCacheOnExit } from './code-cache.js';

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const programPath = join(here, PROGRAM_FILE);
  const { script } = compileProgram(programPath, join(here, CODE_CACHE_FILE));
  const program = runProgram(script, programPath);
  const cacheOut = process.env[WRITE_CODE_CACHE_ENV];
  if (cacheOut) writeCodeCacheOnExit(script, cacheOut);
  await program.harfbuzzReady;
  program.exitWhenDone(await program.runCli(process.argv.slice(2), program.processIo()));
}

void main();
