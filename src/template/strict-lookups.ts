// Handlebars' `strict` mode checks only the last segment of a path in a plain `{{a.b}}`: `{{#if a.b}}`,
// `{{number a}}` and `{{a.b.c}}` with `a` missing give `undefined` or a bare TypeError with no line. This
// compiler subclass checks every segment of every lookup through STRICT_LOOKUP (registered by the template
// engine), which throws an Exception carrying the expression's line and column. Unlike the runtime's own
// `container.strict` it takes only the object's own fields: `{{year.x}}` on a number or `{{toString}}` is a
// missing variable at its line, not a bare "Cannot use 'in' operator" or an inherited function.
import { javaScriptCompilerOf, setJavaScriptCompiler, type HandlebarsEnvironment } from './handlebars-internals.js';


interface CompilerInternals {
  options: { strict?: boolean };
  source: { currentLocation?: unknown };
  popStack(): unknown;
  push(expression: unknown): void;
  aliasable(name: string): unknown;
  quotedString(text: string): string;
}

type CompilerConstructor = new () => CompilerInternals;

/** The helper name compiled templates call for every lookup: not a name a template can use (the AST check
 *  allows only the helpers of helpers.ts and the built-ins). */
export const STRICT_LOOKUP = '__briefingStrictLookup';

type ExceptionConstructor = typeof Handlebars.Exception;
type ExceptionNode = ConstructorParameters<ExceptionConstructor>[1];

/** The lookup itself, for the runtime environment: `parent[name]` when it is the parent's own field. */
export function strictLookup(Exception: ExceptionConstructor) {
  return (parent: unknown, name: string, loc: unknown): unknown => {
    // The runtime reads only `loc` of the node (the expression's line and column).
    const node = (loc ? { loc } : undefined) as ExceptionNode;
    if (parent === null || parent === undefined) throw new Exception(`"${name}" is not defined: what it is looked up in is ${String(parent)}`, node);
    if (typeof parent !== 'object') {
      throw new Exception(`"${name}" is not defined: it is looked up in a ${typeof parent} (${JSON.stringify(parent)}), which has no fields`, node);
    }
    if (!Object.hasOwn(parent, name)) throw new Exception(`"${name}" is not defined (missing variable)`, node);
    return (parent as Record<string, unknown>)[name];
  };
}

/** Makes `environment` compile templates whose every property lookup is strict. */
export function installStrictLookups(environment: HandlebarsEnvironment): void {
  const Base = javaScriptCompilerOf(environment) as CompilerConstructor & { prototype: Record<string, unknown> };
  const baseResolvePath = Base.prototype.resolvePath as (this: CompilerInternals, ...args: unknown[]) => void;

  function StrictCompiler(this: CompilerInternals) {
    Base.call(this);
  }
  StrictCompiler.prototype = Object.create(Base.prototype) as Record<string, unknown>;
  StrictCompiler.prototype.constructor = StrictCompiler;
  // Child programs (block bodies) are compiled with `new this.compiler()`.
  StrictCompiler.prototype.compiler = StrictCompiler;
  StrictCompiler.prototype.resolvePath = function resolvePath(
    this: CompilerInternals,
    type: string,
    parts: string[],
    startPartIndex: number,
    ...rest: unknown[]
  ) {
    if (!this.options.strict) {
      baseResolvePath.call(this, type, parts, startPartIndex, ...rest);
      return;
    }
    const location = JSON.stringify(this.source.currentLocation ?? null);
    let stack = this.popStack();
    for (let index = startPartIndex; index < parts.length; index += 1) {
      stack = [this.aliasable(`container.helpers.${STRICT_LOOKUP}`), '(', stack, ', ', this.quotedString(parts[index] ?? ''), ', ', location, ')'];
    }
    this.push(stack);
  };

  setJavaScriptCompiler(environment, StrictCompiler);
}
