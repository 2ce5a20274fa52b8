// Handlebars' `strict` mode checks only the last segment of a path in a plain `{{a.b}}`: `{{#if a.b}}`,
// `{{number a}}` and `{{a.b.c}}` with `a` missing give `undefined` or a bare TypeError with no line. This
// compiler subclass checks every segment of every lookup through the runtime's own `container.strict`, which
// throws an Exception carrying the expression's line and column.
import type Handlebars from 'handlebars';

type HandlebarsEnvironment = typeof Handlebars;

interface CompilerInternals {
  options: { strict?: boolean };
  source: { currentLocation?: unknown };
  popStack(): unknown;
  push(expression: unknown): void;
  aliasable(name: string): unknown;
  quotedString(text: string): string;
}

type CompilerConstructor = new () => CompilerInternals;

/** Makes `environment` compile templates whose every property lookup is strict. */
export function installStrictLookups(environment: HandlebarsEnvironment): void {
  const Base = (environment as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler as CompilerConstructor & { prototype: Record<string, unknown> };
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
      stack = [this.aliasable('container.strict'), '(', stack, ', ', this.quotedString(parts[index] ?? ''), ', ', location, ')'];
    }
    this.push(stack);
  };

  (environment as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler = StrictCompiler;
}
