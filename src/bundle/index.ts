// The CLI as an esbuild bundle, minified: one CommonJS script for the program (program.cjs) that a small entry
// (briefing.cjs, loader.ts) runs from V8's code cache (code-cache.ts), which this step writes by running one whole
// build; the batch's worker threads load an ES module entry with its chunks. A build then reads a few files instead
// of hundreds and compiles little. `node dist/bundle/index.js` writes dist/bin/; it produces byte-identical briefings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { EXIT_INPUT, EXIT_OK } from '../cli/exit-status.js';
import { runBuild } from '../cli/build.js';
import { sourceDateFromEnv } from '../cli/source-date.js';
import { InputError } from '../errors.js';
import { STORED_SUBSETS_DIR } from '../fonts/stored-subsets.js';
import { storeSubsetsAskedBy } from '../fonts/subset.js';
import { DEFAULT_DATA_FILE, DEFAULT_TEMPLATES, PACKAGE_ROOT as THIS_PACKAGE_ROOT } from '../package-root.js';
import { writePrecompressedFaces } from '../renderers/docx/fonts.js';
import { CODE_CACHE_FILE, ENTRY_FILE, PROGRAM_FILE, WRITE_CODE_CACHE_ENV } from './code-cache.js';
import { shebangLine, shebangNodeFlags } from './shebang.js';
import { compileTemplateSources, type TemplateText } from '../template/compile.js';
import { mainTemplatePaths, partialPaths } from '../template/template-files.js';

/** dist/bundle/index.js (or src/bundle/index.ts): the package is two folders up. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BundleOptions {
  /** The package whose src/cli.ts is bundled (default: this one). */
  packageRoot?: string;
  /** Where the entry (briefing.cjs), the program and the chunks go (default: <package>/dist/bin). */
  outDir?: string;
}

/**
 * A package that finds its files beside its own module (`import.meta.url`) would look beside the bundle instead:
 * point it back at its own file in node_modules. `address` is the expression that gives that file's URL.
 */
function filesBesideItself(name: string, file: RegExp, address: string): esbuild.Plugin {
  return {
    name: `${name}-files-beside-itself`,
    setup(build) {
      build.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) throw new Error(`${args.path}: no import.meta.url to redirect (${name} changed?)`);
        return { contents: source.replaceAll('import.meta.url', address), loader: 'js' };
      });
    },
  };
}

const PDFKIT_MODULE = /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/;
/** pdfkit's data (standard-font metrics, ICC profile), for the ES module chunks. */
const pdfkitDataBesideItself = filesBesideItself('pdfkit', PDFKIT_MODULE, 'import.meta.resolve("pdfkit")');
/**
 * The program's banner: its own address, and a package's module address (`__packageUrl(name)`), resolved when a
 * package first asks, through createRequire, which esbuild does not follow (a plain require.resolve would bundle
 * pdfkit's CommonJS build as well). A function of the script's top level, whose `require` no package's code shadows.
 */
const PROGRAM_BANNER = [
  'var __programUrl=require("node:url").pathToFileURL(__filename).href;',
  'var __packageUrl=(name)=>require("node:url").pathToFileURL(require("node:module").createRequire(__filename).resolve(name)).href;',
].join('');
/** pdfkit's data for the CommonJS program. */
const pdfkitDataBesideItselfFromScript = filesBesideItself('pdfkit', PDFKIT_MODULE, '__packageUrl("pdfkit")');
const HARFBUZZ_GLUE = /[\\/]harfbuzzjs[\\/]dist[\\/]harfbuzz\.js$/;
/** harfbuzzjs's WebAssembly, for the batch worker's chunks. */
const harfbuzzWasmBesideItself = filesBesideItself('harfbuzzjs', HARFBUZZ_GLUE, 'import.meta.resolve("harfbuzzjs")');
/** The same for the CommonJS program (its glue declares a `require` of its own). */
const harfbuzzWasmBesideItselfFromScript = filesBesideItself('harfbuzzjs', HARFBUZZ_GLUE, '__packageUrl("harfbuzzjs")');

/** The statement ending harfbuzzjs's module: it waits at its top level for the WebAssembly to start. */
const HARFBUZZ_TOP_LEVEL_AWAIT = 'init(await createHarfBuzz());';

/**
 * harfbuzzjs waits for its WebAssembly at its top level, which a CommonJS script cannot do. In the program it starts
 * it instead and exports the promise (`harfbuzzReady`), which the entry awaits before the command runs.
 */
const harfbuzzStartedNotAwaited: esbuild.Plugin = {
  name: 'harfbuzz-started-not-awaited',
  setup(build) {
    build.onLoad({ filter: /[\\/]harfbuzzjs[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.split(HARFBUZZ_TOP_LEVEL_AWAIT).length !== 2) throw new Error(`${args.path}: no "${HARFBUZZ_TOP_LEVEL_AWAIT}" to replace (harfbuzzjs changed?)`);
      return { contents: source.replace(HARFBUZZ_TOP_LEVEL_AWAIT, 'export const harfbuzzReady = createHarfBuzz().then(init);'), loader: 'js' };
    });
  },
};

/**
 * fontkit pulls in a 475 KB Brotli decoder for WOFF2 fonts. The briefing's faces are TTFs from npm font
 * packages, so the bundle swaps it for a stub that says why it fails if a WOFF2 font ever comes through.
 */
const noWoff2Decoder: esbuild.Plugin = {
  name: 'no-woff2-decoder',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({ path: 'brotli-decompress', namespace: 'stub' }));
    build.onLoad({ filter: /^brotli-decompress$/, namespace: 'stub' }, () => ({
      contents:
        'export default function decompress() { throw new Error("WOFF2 fonts are not supported by the bundled briefing CLI: use TTF or OTF faces"); }',
      loader: 'js',
    }));
  },
};

/**
 * pdfkit imports an AES implementation for password-protected PDFs, and it fills its lookup tables as soon as
 * it loads (about 6 ms). The briefing never encrypts, so the bundle swaps it for a stub that says so if asked.
 */
const noPdfEncryption: esbuild.Plugin = {
  name: 'no-pdf-encryption',
  setup(build) {
    build.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, () => ({ path: 'aes', namespace: 'stub' }));
    build.onLoad({ filter: /^aes$/, namespace: 'stub' }, () => ({
      contents: [
        'const unsupported = () => { throw new Error("encrypted PDFs are not supported by the bundled briefing CLI"); };',
        'export const cbc = unsupported;',
        'export const ecb = unsupported;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Handlebars' compiler loads the source-map library to build template code it could map back, and falls back
 * to plain string building without it. The briefing never asks for source maps (no `srcName`), so the bundle
 * leaves the library out: less to load, and template compilation skips the bookkeeping.
 */
const handlebarsWithoutSourceMaps: esbuild.Plugin = {
  name: 'handlebars-without-source-maps',
  setup(build) {
    build.onResolve({ filter: /^source-map$/ }, (args) =>
      /[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'stub' } : undefined,
    );
    build.onLoad({ filter: /^source-map$/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * fontkit and unicode-properties build four Unicode tries when they load (each inflated twice, ~15 ms cold), for
 * shaping that the briefing leaves to HarfBuzz; pdfkit only needs fontkit to embed fonts. In the bundle their
 * `unicode-trie` is a wrapper that builds the real trie on its first lookup, so a build that never looks one up
 * never inflates it. One that does (linebreak's, on every build's first line break) is inflated by node:zlib: the
 * trie's own JavaScript inflater takes ~2-4 ms for it cold, zlib a tenth of one.
 */
const unicodeTriesOnFirstUse: esbuild.Plugin = {
  name: 'unicode-tries-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^unicode-trie$/ }, (args) => (args.namespace === 'lazy-trie' ? undefined : { path: 'unicode-trie', namespace: 'lazy-trie', pluginData: args.resolveDir }));
    build.onLoad({ filter: /^unicode-trie$/, namespace: 'lazy-trie' }, (args) => ({
      contents: [
        "import UnicodeTrie from 'unicode-trie';",
        "import { inflateRawSync } from 'node:zlib';",
        'export default class LazyUnicodeTrie {',
        '  #data; #trie;',
        '  constructor(data) { this.#data = data; }',
        '  get(codePoint) { return (this.#trie ??= inflatedTrie(this.#data)).get(codePoint); }',
        '}',
        // unicode-trie's binary format: highStart, errorValue and the length (32-bit little-endian), then the
        // data deflated twice; its values are little-endian 32-bit words (read as they are on a little-endian CPU).
        'function inflatedTrie(data) {',
        '  if (!(data instanceof Uint8Array) || new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) return new UnicodeTrie(data);',
        '  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);',
        '  const words = new Uint8Array(inflateRawSync(inflateRawSync(data.subarray(12))));',
        '  return new UnicodeTrie({ data: new Uint32Array(words.buffer), highStart: view.getUint32(0, true), errorValue: view.getUint32(4, true) });',
        '}',
      ].join('\n'),
      resolveDir: args.pluginData as string,
      loader: 'js',
    }));
  },
};

/** The template compiler as a file of its own beside the chunks, loaded (synchronously) only when needed. */
const TEMPLATE_COMPILER_FILE = 'template-compiler.cjs';

/**
 * src/template/compiler-loader.ts imports the compiler; in the bundle it requires the separate file instead, so
 * Handlebars' parser and code generator load only when a template has to be compiled at run time.
 */
const compilerOnDemand: esbuild.Plugin = {
  name: 'template-compiler-on-demand',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]template[\\/]compiler-loader\.ts$/ }, () => ({
      contents: [
        "import { createRequire } from 'node:module';",
        `const file = ${JSON.stringify(`./${TEMPLATE_COMPILER_FILE}`)};`,
        'let compiler;',
        'export function templateCompiler() { return (compiler ??= createRequire(import.meta.url)(file)); }',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/** src/template/precompiled.ts with the package's templates precompiled (see there). */
function precompiledTemplates(templateDir: string): esbuild.Plugin {
  return {
    name: 'precompiled-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]template[\\/]precompiled\.ts$/ }, async () => ({
        contents: await precompiledTemplatesModule(templateDir),
        loader: 'js',
      }));
    },
  };
}

/**
 * Every template of `templateDir` that compiles cleanly, with the partials folder, as a module's source: each
 * file's text (the engine compares it with the file on disk) and its specification as code. A template with
 * problems is left out, so the CLI reports them the usual way when it is used.
 */
export async function precompiledTemplatesModule(templateDir: string): Promise<string> {
  const readFiles = (files: { name: string; path: string }[]): Promise<TemplateText[]> =>
    Promise.all(files.map(async ({ name, path }) => ({ name, file: path, text: await readFile(path, 'utf8') })));
  // The same lists, in the same order, as the engine reads at run time.
  const mains = await readFiles(mainTemplatePaths(templateDir));
  const partials = await readFiles(partialPaths(join(templateDir, 'partials')));
  const templates: string[] = [];
  let partialSpecifications: string[] | undefined;
  for (const main of mains) {
    const compiled = compileTemplateSources(main, partials);
    if (compiled.problems.length > 0 || compiled.locale === undefined) continue;
    const [specification, ...others] = compiled.specifications;
    partialSpecifications ??= others;
    templates.push(
      `${JSON.stringify(main.name)}: { text: ${JSON.stringify(main.text)}, locale: ${JSON.stringify(compiled.locale)}, specification: ${specification} }`,
    );
  }
  const partialEntries = partialSpecifications
    ? partials.map((partial, index) => `${JSON.stringify(partial.name)}: { text: ${JSON.stringify(partial.text)}, specification: ${partialSpecifications[index]} }`)
    : [];
  return `export const PRECOMPILED = { templates: { ${templates.join(',\n')} }, partials: { ${partialEntries.join(',\n')} } };\n`;
}

export async function bundleCli(options: BundleOptions = {}): Promise<esbuild.Metafile> {
  const root = options.packageRoot ?? PACKAGE_ROOT;
  const outDir = options.outDir ?? join(root, 'dist', 'bin');
  // Build beside the target, then swap it in: a build running at the same time never finds half a bundle,
  // and no chunk of a previous bundle (their names carry content hashes) is left behind.
  const staging = `${outDir}.new-${process.pid}`;
  const previous = `${outDir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  // What the CLI and the template compiler beside it are both built with.
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  } as const satisfies esbuild.BuildOptions;
  const plugins = [noWoff2Decoder, noPdfEncryption, handlebarsWithoutSourceMaps, unicodeTriesOnFirstUse, precompiledTemplates(join(root, 'templates')), compilerOnDemand];
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow; use its ESM build.
  const alias = { 'jsonc-parser': join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') };
  const result = await esbuild.build({
    ...common,
    // The batch's worker threads load an entry of their own (cli/batch.ts finds it beside the program).
    entryPoints: { 'batch-worker': join(root, 'src', 'cli', 'batch-worker.ts') },
    outdir: staging,
    splitting: true,
    // piscina starts its threads from a script of its own beside its module: it stays in node_modules.
    external: ['piscina'],
    format: 'esm',
    alias,
    // CommonJS dependencies call require(); give every chunk one.
    banner: { js: "import{createRequire as __bundleRequire}from'node:module';const require=__bundleRequire(import.meta.url);" },
    plugins: [pdfkitDataBesideItself, harfbuzzWasmBesideItself, ...plugins],
  });
  const program = await esbuild.build({
    ...common,
    // The command, and harfbuzzjs's start-up for the entry to await (code-cache.ts, Program).
    stdin: {
      contents: "export * from './src/cli/command.ts';\nexport { harfbuzzReady } from 'harfbuzzjs';\n",
      resolveDir: root,
      sourcefile: 'program.ts',
      loader: 'ts',
    },
    outfile: join(staging, PROGRAM_FILE),
    format: 'cjs',
    external: ['piscina'],
    // import() of piscina becomes require() (it ships CommonJS): V8's code cache keeps the script's import()
    // settings from the run that made it, so a compiled script must not call import().
    supported: { 'dynamic-import': false },
    alias,
    // A CommonJS script has no import.meta: its address comes from __filename (code-cache.ts gives it one).
    define: { 'import.meta.url': '__programUrl' },
    banner: { js: PROGRAM_BANNER },
    plugins: [pdfkitDataBesideItselfFromScript, harfbuzzWasmBesideItselfFromScript, harfbuzzStartedNotAwaited, ...plugins],
  });
  const shebang = shebangLine(join(root, 'src', 'cli.ts'));
  if (!shebang) throw new Error('src/cli.ts has no shebang line: the bundled entry would not run as a command');
  const entry = await esbuild.build({
    ...common,
    entryPoints: [join(root, 'src', 'bundle', 'loader.ts')],
    outfile: join(staging, ENTRY_FILE),
    format: 'cjs',
    define: { 'import.meta.url': '__entryUrl' },
    // The command's Node flags, as the TypeScript entry states them.
    banner: { js: `${shebang}\nvar __entryUrl=require("node:url").pathToFileURL(__filename).href;` },
  });
  const compiler = await esbuild.build({
    ...common,
    entryPoints: [join(root, 'src', 'template', 'compile.ts')],
    outfile: join(staging, TEMPLATE_COMPILER_FILE),
    format: 'cjs',
    plugins: [handlebarsWithoutSourceMaps],
  });
  for (const other of [program, entry, compiler]) Object.assign(result.metafile.outputs, other.metafile.outputs);
  // The DOCX's embedded faces, compressed now rather than on every run (the docx chunk finds them beside itself).
  writePrecompressedFaces(join(staging, 'docx-faces'));
  await writePackageBriefingSubsets(root, join(staging, STORED_SUBSETS_FOLDER));
  try {
    await swapIn(staging, outDir, previous);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
  }
  writeCodeCache(outDir);
  return result.metafile;
}

/** The folder of stored subsets beside the program (fonts/stored-subsets.ts). */
const STORED_SUBSETS_FOLDER = basename(STORED_SUBSETS_DIR);

/**
 * Stores the font subsets the HTML of the package's own briefings embeds (its editions, its dataset), made by a build
 * of them here, so the CLI reads them instead of starting the subsetter. A package briefing that does not build
 * (a template being edited) leaves none, and a note; `briefing build` will say what is wrong.
 */
async function writePackageBriefingSubsets(root: string, folder: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'briefing-subsets-'));
  try {
    await storeSubsetsAskedBy(folder, () =>
      runBuild({
        dataFile: join(root, relative(THIS_PACKAGE_ROOT, DEFAULT_DATA_FILE)),
        templates: DEFAULT_TEMPLATES.map((name) => ({ name, dir: join(root, 'templates') })),
        formats: ['html'],
        outDir: out,
        strict: false,
        // The date `briefing build` would print, whose month name is text too.
        sourceDate: sourceDateFromEnv(process.env.SOURCE_DATE_EPOCH),
      }),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.warn("bundle: the package's own briefing did not build, so no font subsets are stored for it");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Runs one whole build (both editions, every format, into a temporary folder) with the bundled CLI and the Node
 * flags of its shebang, which writes the program's code cache as it exits. A build refused for its input (a template
 * being edited) still leaves a cache of what it ran, and `briefing build` will say what is wrong; a fault in the CLI
 * it just made fails the bundle step.
 */
function writeCodeCache(binDir: string): void {
  const cli = join(binDir, ENTRY_FILE);
  const out = mkdtempSync(join(tmpdir(), 'briefing-code-cache-'));
  try {
    const run = spawnSync(process.execPath, [...shebangNodeFlags(cli), cli, 'build', '--quiet', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, [WRITE_CODE_CACHE_ENV]: join(binDir, CODE_CACHE_FILE) },
    });
    if (run.status === EXIT_INPUT) console.warn('bundle: the package\'s own briefing did not build, so the code cache covers less of the CLI');
    else if (run.status !== EXIT_OK) throw new Error(`the bundled CLI failed its first build (exit ${run.status}):\n${run.stderr}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Moves `staging` to `target`, moving an existing `target` aside first; retries if another build got there. */
async function swapIn(staging: string, target: string, aside: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await rm(aside, { recursive: true, force: true });
    await rename(target, aside).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    try {
      await rename(staging, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw error;
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleCli()
    .then((metafile) => {
      const outputs = Object.entries(metafile.outputs).filter(([file]) => /\.c?js$/.test(file));
      const kilobytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
      console.log(`bundled the CLI into dist/bin/ (${outputs.length} files, ${kilobytes.toFixed(0)} KB)`);
    })
    .catch((error: unknown) => {
      console.error(`bundle: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
