// How the engine reaches the template compiler (Handlebars' parser and code generator, the template checks).
// From source it is a plain import. The bundle (src/bundle) replaces this module with a require() of a
// separate file, so a run whose templates were precompiled at bundle time never loads the compiler.
import * as compiler from './compile.js';

export type TemplateCompiler = typeof compiler;

export function templateCompiler(): TemplateCompiler {
  return compiler;
}
