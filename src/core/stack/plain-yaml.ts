/**
 * A quick reader for the plain YAML most stack files are written in: block mappings and
 * sequences, plain and quoted one-line scalars, and one-line flow collections. It returns the
 * value the yaml package's parseDocument(…).toJS() would give (YAML 1.2, core schema), or
 * `undefined` for anything else (anchors, tags, block scalars, multi-line scalars, documents
 * markers, tabs, duplicate keys, any error…), and the caller then parses with the yaml package.
 *
 * It exists for speed: the yaml package builds a full document with source positions, which
 * costs more than the rest of `validate`. Positions are only needed to report a problem, so a
 * file with problems is parsed again, by the yaml package, for its lines and columns.
 */

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Where the quick reader gives up: the caller parses with the yaml package instead. */
class GiveUp extends Error {}

const giveUp = (): never => {
  throw new GiveUp();
};

/**
 * Characters the quick reader never accepts anywhere: tabs, carriage returns, other control
 * characters, a byte order mark, the Unicode line separators and the replacement character.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what the reader refuses
const REFUSED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffd]/;
/** A document marker (--- or ...) or a directive (%) at the start of a line. */
const MARKERS = /^(?:(?:---|\.\.\.)(?: |$)|%)/m;
/** A key the reader accepts: a plain word that resolves to a string (checked apart: null, true…). */
const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: +|$)/;
const FLOW_KEY = /^([A-Za-z_][A-Za-z0-9_./-]*): +/;
/** Characters a plain scalar may not start with (YAML's indicators). */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
}

/** The value of `text`, as the yaml package would read it, or undefined when the reader cannot say. */
export function readPlainYaml(text: string): Value | undefined {
  if (REFUSED_CHARACTERS.test(text) || MARKERS.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const rest = raw.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    lines.push({ indent, text: rest });
  }
  if (lines.length === 0) return undefined;
  try {
    const reader = new Reader(lines);
    const first = lines[0] as Line;
    const value = reader.block(first.indent);
    if (reader.at < lines.length) return undefined;
    if (value === null || typeof value !== 'object') return undefined;
    return value;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

class Reader {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.at];
  }

  /** A block collection whose entries start at `indent` on the current line. */
  block(indent: number): Value {
    const line = this.peek() ?? giveUp();
    if (line.indent !== indent) giveUp();
    return isSeqEntry(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Value {
    const map: { [key: string]: Value } = {};
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) giveUp();
      const m = KEY.exec(line.text) ?? giveUp();
      const key = m[1] as string;
      if (!isStringKey(key) || Object.hasOwn(map, key)) giveUp();
      const rest = line.text.slice(m[0].length);
      this.at++;
      if (rest === '' || rest.startsWith('#')) {
        const next = this.peek();
        if (next !== undefined && next.indent > indent) map[key] = this.block(next.indent);
        else if (next !== undefined && next.indent === indent && isSeqEntry(next.text))
          map[key] = this.sequence(indent);
        else map[key] = null;
      } else {
        map[key] = inlineValue(rest);
        this.noDeeperLine(indent);
      }
    }
    return map;
  }

  private sequence(indent: number): Value {
    const seq: Value[] = [];
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent || !isSeqEntry(line.text)) {
        if (line.indent > indent) giveUp();
        break;
      }
      let skip = 1;
      while (line.text.charCodeAt(skip) === 32) skip++;
      const rest = line.text.slice(skip);
      if (rest === '' || rest.startsWith('#')) {
        this.at++;
        const next = this.peek();
        seq.push(next !== undefined && next.indent > indent ? this.block(next.indent) : null);
      } else if (KEY.test(rest) || isSeqEntry(rest)) {
        // `- key: value` or `- - item`: a collection whose entries start where `rest` does
        const column = indent + skip;
        this.lines[this.at] = { indent: column, text: rest };
        seq.push(this.block(column));
      } else {
        this.at++;
        seq.push(inlineValue(rest));
        this.noDeeperLine(indent);
      }
    }
    return seq;
  }

  /** After a value that ends on its line, a deeper line would continue a scalar: not read here. */
  private noDeeperLine(indent: number): void {
    const next = this.peek();
    if (next !== undefined && next.indent > indent) giveUp();
  }
}

const isSeqEntry = (text: string) => text === '-' || text.startsWith('- ');

/** A key that the core schema reads as a string, and that is safe as an own property. */
function isStringKey(key: string): boolean {
  // the yaml package refuses an implicit key longer than 1024 characters
  return key.length <= 1000 && key !== '__proto__' && !/^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(key);
}

/** The value that fills the rest of a line: a quoted or plain scalar, or a flow collection. */
function inlineValue(text: string): Value {
  const first = text.charAt(0);
  if (first === '[' || first === '{' || first === '"' || first === "'") {
    const cursor = { text, at: 0 };
    const value = flowValue(cursor);
    endOfLine(cursor);
    return value;
  }
  if (startsPlain(text, false)) {
    const end = commentStart(text);
    const scalar = text.slice(0, end).trimEnd();
    // `a: b` in a value is a nested mapping the yaml package refuses; `a:` at the end too
    if (scalar.includes(': ') || scalar.endsWith(':')) giveUp();
    return plainScalar(scalar);
  }
  return giveUp();
}

/** Where ` #` starts a comment (or the end of the text). */
function commentStart(text: string): number {
  const i = text.indexOf(' #');
  return i < 0 ? text.length : i;
}

function startsPlain(text: string, flow: boolean): boolean {
  const first = text.charAt(0);
  if (first === '' || first === ' ') return false;
  if (!INDICATORS.includes(first)) return true;
  if (first !== '-' && first !== '?' && first !== ':') return false;
  const second = text.charAt(1);
  return second !== '' && second !== ' ' && !(flow && ',[]{}'.includes(second));
}

interface Cursor {
  text: string;
  at: number;
}

function skipSpaces(c: Cursor): void {
  while (c.text.charCodeAt(c.at) === 32) c.at++;
}

/** Only spaces and a comment may follow a value on its line. */
function endOfLine(c: Cursor): void {
  const rest = c.text.slice(c.at);
  if (rest.trim() !== '' && !/^ +#/.test(rest)) giveUp();
}

function flowValue(c: Cursor): Value {
  const ch = c.text.charAt(c.at);
  if (ch === '[') return flowSequence(c);
  if (ch === '{') return flowMapping(c);
  if (ch === '"') return doubleQuoted(c);
  if (ch === "'") return singleQuoted(c);
  const rest = c.text.slice(c.at);
  if (!startsPlain(rest, true)) giveUp();
  let end = 0;
  for (; end < rest.length; end++) {
    const x = rest.charAt(end);
    if (',[]{}'.includes(x)) break;
    if (x === ' ' && rest.charAt(end + 1) === '#') break;
    if (x === ':' && ' ,[]{}'.includes(rest.charAt(end + 1) || ' ')) break;
  }
  c.at += end;
  return plainScalar(rest.slice(0, end).trimEnd());
}

function flowSequence(c: Cursor): Value[] {
  const seq: Value[] = [];
  c.at++; // [
  skipSpaces(c);
  if (c.text.charAt(c.at) === ']') {
    c.at++;
    return seq;
  }
  for (;;) {
    seq.push(flowValue(c));
    skipSpaces(c);
    const ch = c.text.charAt(c.at);
    c.at++;
    if (ch === ']') return seq;
    if (ch !== ',') giveUp();
    skipSpaces(c);
  }
}

function flowMapping(c: Cursor): { [key: string]: Value } {
  const map: { [key: string]: Value } = {};
  c.at++; // {
  skipSpaces(c);
  if (c.text.charAt(c.at) === '}') {
    c.at++;
    return map;
  }
  for (;;) {
    const m = FLOW_KEY.exec(c.text.slice(c.at)) ?? giveUp();
    const key = m[1] as string;
    if (!isStringKey(key) || Object.hasOwn(map, key)) giveUp();
    c.at += m[0].length;
    const ch = c.text.charAt(c.at);
    if (ch === ',' || ch === '}' || ch === '#') giveUp();
    map[key] = flowValue(c);
    skipSpaces(c);
    const end = c.text.charAt(c.at);
    c.at++;
    if (end === '}') return map;
    if (end !== ',') giveUp();
    skipSpaces(c);
  }
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };

function doubleQuoted(c: Cursor): string {
  let out = '';
  for (let i = c.at + 1; i < c.text.length; i++) {
    const ch = c.text.charAt(i);
    if (ch === '"') {
      c.at = i + 1;
      return out;
    }
    if (ch === '\\') {
      const escaped = ESCAPES[c.text.charAt(i + 1)] ?? giveUp();
      out += escaped;
      i++;
    } else out += ch;
  }
  return giveUp(); // the string goes on to the next line
}

function singleQuoted(c: Cursor): string {
  let out = '';
  for (let i = c.at + 1; i < c.text.length; i++) {
    const ch = c.text.charAt(i);
    if (ch === "'") {
      if (c.text.charAt(i + 1) !== "'") {
        c.at = i + 1;
        return out;
      }
      i++;
    }
    out += ch;
  }
  return giveUp();
}

/** A plain scalar's value in the core schema, tried in the schema's order. */
function plainScalar(s: string): Value {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return Number.parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return Number.parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? Number.NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return Number.parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return Number.parseFloat(s);
  return s;
}
