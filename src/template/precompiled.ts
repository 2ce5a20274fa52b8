// Templates precompiled at bundle time. From source there are none; the bundle (src/bundle) replaces this module
// with the templates/ folder precompiled, each file with its text, so the engine uses one only when the file on
// disk still reads exactly the same (an edited template, or another folder, is compiled at run time).

export interface PrecompiledFile {
  text: string;
  /** Handlebars template specification (what Handlebars.precompile returns, as code). */
  specification: unknown;
}

export interface PrecompiledTemplates {
  /** Main templates by name (file name without .hbs), with their locale. */
  templates: Record<string, PrecompiledFile & { locale: string }>;
  /** The partials folder's templates by name. */
  partials: Record<string, PrecompiledFile>;
}

export const PRECOMPILED: PrecompiledTemplates | undefined = undefined;
