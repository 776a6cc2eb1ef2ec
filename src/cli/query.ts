/**
 * `--query EXPR`: a JMESPath expression over a command's JSON result, as in the AWS CLI. It is
 * compiled while the flags are parsed, so a bad expression is exit 64 before any AWS call; it is
 * applied to the result before formatting. The JMESPath library loads only when the flag is given.
 */
import { usageError } from '../core/errors';
import { escaped, quoted, SHOWN } from './echo';

/** A compiled --query: commander stores it as the option's value. */
export interface Query {
  readonly expression: string;
  /** The parsed expression (the library's AST). */
  readonly ast: unknown;
}

/** The library's own words may quote the input too. */
const reason = (e: unknown) => escaped(e instanceof Error ? e.message : String(e), 2 * SHOWN);

const HINT =
  'write a JMESPath expression such as "[].name" or "[?state==\'active\'].dnsName" (jmespath.org); ' +
  'to match a query string in a rule, use rule add --query-string KEY=VALUE';

/** commander's parser for --query: the compiled expression, or a usage error. */
export function compileQuery(expression: string): Query {
  const jmespath: typeof import('@jmespath-community/jmespath') = require('@jmespath-community/jmespath');
  let ast: unknown;
  try {
    ast = jmespath.compile(expression);
  } catch (e) {
    const why = reason(e).replace(/^Syntax error: /, '');
    throw usageError('E_BAD_QUERY', `--query ${quoted(expression)}: not a JMESPath expression: ${why}`, { hint: HINT });
  }
  // This parser also reads `a=b` as a binding, which JMESPath allows only in `let $a = … in …`.
  if (hasStrayBinding(ast)) {
    throw usageError(
      'E_BAD_QUERY',
      `--query ${quoted(expression)}: not a JMESPath expression: "=" only binds a variable in let $name = … in …; compare with ==`,
      { hint: HINT },
    );
  }
  return { expression, ast };
}

function hasStrayBinding(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasStrayBinding);
  if (typeof node !== 'object' || node === null) return false;
  const n = node as { type?: unknown; bindings?: unknown[]; expression?: unknown };
  if (n.type === 'Binding') return true;
  if (n.type === 'LetExpression') {
    const bindings = (n.bindings ?? []) as Array<{ reference?: unknown }>;
    return bindings.some((b) => hasStrayBinding(b.reference)) || hasStrayBinding(n.expression);
  }
  return Object.values(n).some(hasStrayBinding);
}

/** The expression applied to a result, as JSON (what `-o json` would print without it). */
export function applyQuery(query: Query, data: unknown): unknown {
  const jmespath: typeof import('@jmespath-community/jmespath') = require('@jmespath-community/jmespath');
  const json = JSON.parse(JSON.stringify(data ?? null)) as import('@jmespath-community/jmespath').JSONValue;
  try {
    return jmespath.TreeInterpreter.search(query.ast as Parameters<typeof jmespath.TreeInterpreter.search>[0], json);
  } catch (e) {
    throw usageError('E_BAD_QUERY', `--query ${quoted(query.expression)}: ${reason(e)}`, {
      hint: 'the command itself ran; only its output could not be shaped. Fix the expression and run it again',
    });
  }
}
