/**
 * --debug: one line per AWS call (service, operation, duration, attempts, outcome), with the
 * input summarised and every secret-looking field redacted. Credentials never reach this
 * middleware (signing happens below it), and we never print headers.
 */

export type DebugSink = (line: string) => void;

interface MiddlewareStackLike {
  add(
    middleware: (
      next: (args: { input: unknown }) => Promise<{ output: { $metadata?: { attempts?: number } } }>,
      context: { commandName?: string },
    ) => (args: { input: unknown }) => Promise<unknown>,
    options: { step: 'initialize'; name: string; priority?: 'high' | 'low' },
  ): void;
}

const SECRET_KEY = /secret|password|token|credential|privatekey|authorization|signature/i;

/** Deep copy with secret-looking values replaced; long arrays and strings shortened. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, 25).map((v) => redact(v, depth + 1));
    return value.length > 25 ? [...items, `… ${value.length - 25} more`] : items;
  }
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}…`;
  return value;
}

export function attachDebugLogger(
  client: { middlewareStack: MiddlewareStackLike },
  service: string,
  sink: DebugSink,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = Date.now();
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = JSON.stringify(redact(args.input));
      try {
        const result = await next(args);
        const attempts = result.output.$metadata?.attempts ?? 1;
        sink(`aws ${service} ${operation} ${Date.now() - started}ms attempts=${attempts} ok ${input}`);
        return result;
      } catch (e) {
        const meta = (e as { $metadata?: { attempts?: number } }).$metadata;
        const name = e instanceof Error ? e.name : 'Error';
        sink(
          `aws ${service} ${operation} ${Date.now() - started}ms attempts=${meta?.attempts ?? 1} error=${name} ${input}`,
        );
        throw e;
      }
    },
    { step: 'initialize', name: 'elbctlDebugLogger', priority: 'high' },
  );
}
