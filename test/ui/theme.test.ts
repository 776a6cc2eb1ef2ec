/**
 * The theme without colour never loads chalk (src/ui/theme.ts); it must give exactly what chalk
 * gives at level 0, and the coloured one exactly chalk's level-1 codes.
 */
import { Chalk } from 'chalk';
import { makeTheme, type Theme } from '../../src/ui/theme';

const STYLES = ['ok', 'warn', 'error', 'dim', 'bold', 'accent'] as const;
const TEXTS = [
  '',
  'x',
  'healthy',
  'unhealthy',
  'draining',
  'create',
  'other',
  'a\nb',
  '\u001b[31mred\u001b[39m',
  'ü 😀',
];

describe('theme', () => {
  it('GIVEN colour off WHEN any style is applied to any text THEN it is what chalk gives at level 0: the text itself', () => {
    const plain = makeTheme(false);
    const c = new Chalk({ level: 0 });
    expect(plain.enabled).toBe(false);
    for (const t of TEXTS) {
      expect(STYLES.map((s) => plain[s](t))).toEqual([
        c.green(t),
        c.yellow(t),
        c.red(t),
        c.dim(t),
        c.bold(t),
        c.cyan(t),
      ]);
      expect(plain.state(t)).toBe(t);
    }
  });

  it('GIVEN colour on WHEN styles are applied THEN they are chalk level-1 codes, and states are coloured by meaning', () => {
    const theme: Theme = makeTheme(true);
    expect(theme.enabled).toBe(true);
    expect(STYLES.map((s) => theme[s]('x'))).toEqual([
      '\u001b[32mx\u001b[39m',
      '\u001b[33mx\u001b[39m',
      '\u001b[31mx\u001b[39m',
      '\u001b[2mx\u001b[22m',
      '\u001b[1mx\u001b[22m',
      '\u001b[36mx\u001b[39m',
    ]);
    expect(['healthy', 'unhealthy', 'draining', 'other'].map((s) => theme.state(s))).toEqual([
      '\u001b[32mhealthy\u001b[39m',
      '\u001b[31munhealthy\u001b[39m',
      '\u001b[33mdraining\u001b[39m',
      'other',
    ]);
  });
});
