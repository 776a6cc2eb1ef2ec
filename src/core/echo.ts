/**
 * How user input is echoed back in messages: quoted, at most ~60 characters with an ellipsis,
 * control characters escaped (a value can carry terminal escape sequences). Every message that
 * repeats what the user typed or wrote goes through `quote`.
 */

/** How many characters of a value a message repeats. */
export const ECHO_LIMIT = 60;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point: they are escaped before a value is echoed
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\u001b':
      return '\\e';
    default:
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** Control characters written as visible escapes (`\e`, `\n`, `\u0007`); everything else as is. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** At most ECHO_LIMIT characters (by code point) with an ellipsis, control characters escaped. */
export function shorten(value: string, limit = ECHO_LIMIT): string {
  const chars = [...value];
  const cut = chars.length > limit ? `${chars.slice(0, limit).join('')}…` : value;
  return escapeControl(cut);
}

/** `"value"` for a message: shortened and escaped. Numbers and booleans are quoted as their text. */
export function quote(value: unknown): string {
  return `"${shorten(typeof value === 'string' ? value : String(value))}"`;
}
