#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1 --no-opt
// Entry point of the `briefing` command (package.json "bin"). Everything it does lives in src/cli/.
// A 1 MB young generation: a build allocates in short bursts, and the default lets it grow to 16 MB before
// collecting; this keeps peak memory about 20 MB lower (114 → 95 MB for all three formats) for ~1% more CPU.
// One V8 background thread instead of Node's four: a build is one thread's work, and on a machine of few cores the
// four compete with it for JIT and GC work it mostly never uses (2 cores: all three formats 0.47 → 0.38 s, 5 000
// rows 3.9 → 3.5 s, a few MB less). The bench, and the bundle step's run that writes the code cache
// (src/bundle/code-cache.ts: V8 takes a cache only under the flags it was made with), run the CLI with these flags,
// read from this line. --no-opt: V8's optimising compiler waits until the command knows its work is long
// (cli/optimizing-compiler.ts).
import { exitWhenDone, processIo, runCli } from './cli/command.js';

exitWhenDone(await runCli(process.argv.slice(2), processIo()));
