// The bundled CLI is one CommonJS script (program.cjs) that the entry (briefing.cjs, loader.ts) compiles with V8's
// code cache (program.code-cache), which the bundle step writes by running a whole build once. A cold build then skips
// parsing and compiling what that build ran (about a fifth of a cold build's time). Node 20 has no code cache for ES
// modules, hence the CommonJS script. A cache that does not fit (another Node or V8 flags) is ignored by V8.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { setStartingFlags } from '../v8-flags.js';

/** The command's entry, the program and its code cache, in dist/bin. */
export const ENTRY_FILE = 'briefing.cjs';
export const PROGRAM_FILE = 'program.cjs';
export const CODE_CACHE_FILE = 'program.code-cache';

/** Set to a file path, the program writes its code cache there as it exits (the bundle step's run). */
export const WRITE_CODE_CACHE_ENV = 'BRIEFING_WRITE_CODE_CACHE';

export type CodeCacheStatus = 'accepted' | 'rejected' | 'missing';

/** What program.cjs exports: the command (src/cli/command.ts), and harfbuzzjs's start-up, which the program's
 *  copy of harfbuzzjs begins as it loads instead of awaiting it at its top level (a script cannot). */
export type Program = typeof import('../cli/command.js') & { harfbuzzReady: Promise<unknown> };

/** The program's source as Node would wrap a CommonJS module: its code cache is for exactly this text. */
const wrapped = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/** Compiles the program, from its code cache where V8 accepts it. */
export function compileProgram(programPath: string, cachePath: string): { script: vm.Script; status: CodeCacheStatus } {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrapped(readFileSync(programPath, 'utf8')), {
    filename: programPath,
    ...(cachedData ? { cachedData } : {}),
  });
  return { script, status: !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted' };
}

/** Runs the compiled program as a CommonJS module and returns its exports. */
export function runProgram(script: vm.Script, programPath: string): Program {
  const module = { exports: {} as Program };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run(module.exports, createRequire(programPath), module, programPath, dirname(programPath));
  return module.exports;
}

/**
 * Writes the code cache of everything the program compiled, when the process exits. V8 accepts a cache only under
 * the V8 flags it was made with, so the flags a run may switch (src/v8-flags.ts) are set back to how the process
 * started.
 */
export function writeCodeCacheOnExit(script: vm.Script, path: string): void {
  process.on('exit', () => {
    setStartingFlags();
    writeFileSync(`${path}.tmp`, script.createCachedData());
    renameSync(`${path}.tmp`, path);
  });
}
