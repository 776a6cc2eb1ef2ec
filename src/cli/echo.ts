/** User input as messages echo it: control characters escaped, so no input can steer the terminal, and cut short. */
/** How much of a user's input a message quotes. */
export const SHOWN = 60;

/** Control characters as escapes, so no input can steer the terminal; at most `max` characters. */
export function escaped(text: string, max: number): string {
  let safe = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    safe += control ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
    if (safe.length > max) return `${safe.slice(0, max)}…`;
  }
  return safe;
}

/** User input as a message shows it: quoted, escaped, at most 60 characters. */
export const quoted = (text: string) => `"${escaped(text, SHOWN)}"`;
