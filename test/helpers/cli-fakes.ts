// Stand-in stages for in-process build tests: a tiny document model and renderers that write what they were
// given, so a test can make any one stage fail and watch what the build does.
import type { Warning } from '../../src/errors.js';
import type { DocumentModel } from '../../src/model/types.js';
import type { BuildStages } from '../../src/cli/build.js';
import type { PipelineInput } from '../../src/pipeline.js';
import { nodeWriterFs, type WriterFs } from '../../src/output/write.js';
import type { OutputFormat, Renderer } from '../../src/renderers/types.js';

export function fakeModel(date = '2017-12-22T14:00:00+01:00'): DocumentModel {
  return {
    meta: {
      title: 'حصيلة 2017',
      lang: 'ar-MA',
      dir: 'rtl',
      author: 'DGSN',
      subject: '',
      keywords: [],
      date,
      header: '',
      footer: '',
      pageLabel: 'صفحة {page} من {pages}',
    },
    blocks: [{ kind: 'paragraph', role: 'body', align: 'start', inlines: [{ kind: 'text', text: 'نص', bold: false, italic: false }] }],
  };
}

export interface FakeRendererOptions {
  warnings?: Warning[];
  fail?: Error;
}

/** A renderer whose output is `<format> <model date> <title>`. */
export function fakeRenderer(format: OutputFormat, options: FakeRendererOptions = {}): Renderer {
  return {
    format,
    extension: format,
    async render(model, context) {
      for (const warning of options.warnings ?? []) context.warn(warning);
      if (options.fail) throw options.fail;
      return new TextEncoder().encode(`${format} ${model.meta.date} ${model.meta.title}`);
    },
  };
}

export interface FakeStagesOptions {
  model?: (input: PipelineInput) => DocumentModel;
  renderers?: Partial<Record<OutputFormat, FakeRendererOptions>>;
  failLoading?: OutputFormat;
  fs?: Partial<WriterFs>;
}

export function fakeStages(options: FakeStagesOptions = {}): BuildStages & { seenModels: DocumentModel[]; seenTemplates: string[]; renderedFormats: OutputFormat[] } {
  const seenModels: DocumentModel[] = [];
  const seenTemplates: string[] = [];
  const renderedFormats: OutputFormat[] = [];
  return {
    seenModels,
    seenTemplates,
    renderedFormats,
    buildModel: (input) => {
      seenTemplates.push(input.template);
      const model = options.model ? options.model(input) : fakeModel();
      seenModels.push(model);
      return model;
    },
    loadRenderer: async (format) => {
      if (options.failLoading === format) throw new Error(`cannot load the ${format} renderer`);
      const renderer = fakeRenderer(format, options.renderers?.[format]);
      return {
        ...renderer,
        render: (model, context) => {
          seenModels.push(model);
          renderedFormats.push(format);
          return renderer.render(model, context);
        },
      };
    },
    fs: { ...nodeWriterFs, ...options.fs },
  };
}

/** A WriterFs call that fails on its nth use (1-based) with a Node-style error. */
export function failOnCall<A extends unknown[], R>(real: (...args: A) => Promise<R>, nth: number, code: string): (...args: A) => Promise<R> {
  let calls = 0;
  return async (...args: A) => {
    calls += 1;
    if (calls === nth) throw Object.assign(new Error(`${code}: simulated failure`), { code });
    return real(...args);
  };
}
