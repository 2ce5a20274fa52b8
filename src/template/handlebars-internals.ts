// The one seam between the template stage and Handlebars 4.7's members its types leave out: the runtime build
// (typed only with the full package), the compiler class a strict environment swaps, the generated parser whose
// error hook keeps the location, and compiled templates called with options. Every cast lives here.
import type Handlebars from 'handlebars';
import handlebarsRuntime from 'handlebars/runtime.js';

export type HandlebarsEnvironment = typeof Handlebars;

export type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** A compiled template or partial as Handlebars calls it. */
export type CompiledFunction = (context: unknown, options?: Record<string, unknown>) => string;

/** Handlebars without its compiler: the same API for templates, helpers and partials as the full package. */
export const HandlebarsRuntime = handlebarsRuntime as unknown as HandlebarsEnvironment;

/** The compiler class of an environment (not in the types): strict-lookups.ts subclasses it. */
export function javaScriptCompilerOf(environment: HandlebarsEnvironment): unknown {
  return (environment as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler;
}

export function setJavaScriptCompiler(environment: HandlebarsEnvironment, compiler: unknown): void {
  (environment as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = compiler;
}

/** The generated (Jison) parser of an environment, whose parseError hook gets the location Handlebars drops. */
export function parserOf<Hash>(environment: HandlebarsEnvironment): { parseError: (message: string, hash: Hash) => never } {
  return (environment as unknown as { Parser: { parseError: (message: string, hash: Hash) => never } }).Parser;
}

/** A precompiled template made callable (Handlebars types it as taking no options). */
export function compiledTemplate(environment: HandlebarsEnvironment, specification: TemplateSpecification): CompiledFunction {
  return environment.template(specification) as unknown as CompiledFunction;
}

/** A partial registered from a wrapped compiled function. */
export function registerCompiledPartial(environment: HandlebarsEnvironment, name: string, partial: CompiledFunction): void {
  environment.registerPartial(name, partial as unknown as Handlebars.Template);
}
