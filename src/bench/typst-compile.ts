// One Typst compilation as a process of its own, the way `briefing build` is timed:
// `node dist/bench/typst-compile.js SOURCE.typ OUT.pdf FONT_FOLDER...`.
import { readFileSync, writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const [source, out, ...fontPaths] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: typst-compile SOURCE.typ OUT.pdf FONT_FOLDER...');
  process.exit(1);
}
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths }] });
writeFileSync(out, compiler.pdf({ mainFileContent: readFileSync(source, 'utf8') }));
