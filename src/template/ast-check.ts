// Rules Handlebars itself does not enforce, checked on the parsed template so each error has its line:
// no unescaped output ({{{ }}} or {{& }}), only registered partials by literal name, only known helpers with the
// right number of arguments, no decorators or partial blocks.
import type { Problem } from '../errors.js';

// Handlebars' own AST types (handlebars/types): a node's `type` names its kind, so a switch on it is followed
// by a downcast to that kind's interface.
type Node = hbs.AST.Node;
type PathNode = hbs.AST.PathExpression;
type CallNode = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** Built-in helpers and the number of positional arguments each needs (undefined: any). */
const BUILT_IN_ARITY: Readonly<Record<string, number | undefined>> = {
  if: 1,
  unless: 1,
  each: 1,
  with: 1,
  lookup: 2,
  // No `log`: it would print the view (the whole dataset) on stdout, even with --quiet.
};

export interface AstCheckOptions {
  file: string;
  helpers: ReadonlySet<string>;
  partials: ReadonlySet<string>;
  /** Told the name of each unknown helper called (so a reporting render can stub it). */
  onUnknownHelper?: (name: string) => void;
}

export function checkTemplateAst(program: hbs.AST.Program, options: AstCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const report = (node: Node, message: string) =>
    problems.push({
      file: options.file,
      place: node.loc ? `line ${node.loc.start.line}, column ${node.loc.start.column + 1}` : '',
      message,
    });

  const isKnownHelper = (name: string) => Object.hasOwn(BUILT_IN_ARITY, name) || options.helpers.has(name);
  const helperName = (node: Node) => (node.type === 'PathExpression' ? (node as PathNode).original : undefined);

  const checkCall = (node: CallNode, mustBeHelper: boolean) => {
    const name = helperName(node.path);
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (name === undefined) {
      report(node, 'a helper must be called by its name');
    } else if (mustBeHelper || hasArguments || isKnownHelper(name)) {
      if (!isKnownHelper(name)) {
        options.onUnknownHelper?.(name);
        report(node, `unknown helper "${name}" (helpers: ${[...Object.keys(BUILT_IN_ARITY), ...options.helpers].join(', ')})`);
      } else if (Object.hasOwn(BUILT_IN_ARITY, name)) {
        const arity = BUILT_IN_ARITY[name];
        if (arity !== undefined && node.params.length !== arity) {
          report(node, `{{${name}}} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${node.params.length}`);
        }
      }
    }
    node.params.forEach(visitExpression);
    node.hash?.pairs.forEach((pair) => visitExpression(pair.value));
  };

  const visitExpression = (node: Node) => {
    if (node.type === 'SubExpression') checkCall(node as hbs.AST.SubExpression, true);
  };

  const visit = (node: Node) => {
    switch (node.type) {
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (!mustache.escaped) report(node, 'unescaped output ({{{ }}} or {{& }}) is not allowed: data must stay text');
        checkCall(mustache, false);
        break;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const name = helperName(block.path);
        if (name !== undefined && !isKnownHelper(name)) {
          options.onUnknownHelper?.(name);
          report(node, `{{#${name}}} is not a block helper (use {{#each ${name}}} or {{#if ${name}}})`);
        } else {
          checkCall(block, true);
        }
        block.program?.body.forEach(visit);
        block.inverse?.body.forEach(visit);
        break;
      }
      case 'PartialStatement': {
        const partial = node as hbs.AST.PartialStatement;
        if (partial.name.type !== 'PathExpression') {
          report(node, 'partials must be named literally ({{> name}}), not computed');
        } else {
          const name = (partial.name as PathNode).original;
          if (!options.partials.has(name)) {
            report(node, `unknown partial "${name}" (partials: ${[...options.partials].join(', ') || 'none'})`);
          }
        }
        partial.params.forEach(visitExpression);
        partial.hash?.pairs.forEach((pair) => visitExpression(pair.value));
        break;
      }
      case 'PartialBlockStatement':
        report(node, 'partial blocks ({{#> name}}) are not supported');
        break;
      case 'DecoratorStatement':
      case 'DecoratorBlock':
        report(node, 'decorators are not supported');
        break;
      default:
        break;
    }
  };

  program.body.forEach(visit);
  return problems;
}
