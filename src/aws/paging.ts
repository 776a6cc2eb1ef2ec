/**
 * How gateways use the SDK's own paginators (paginate*): every page followed by the SDK, each
 * request with its own copy of the input.
 */

/**
 * The SDK's paginators reuse ONE input object for every page, writing the next marker into it
 * (and `undefined` for the first). Given as `withCommand`, this sends each page's request with its
 * own copy, without the unset keys, so a request stays as it was sent (--debug, recorded calls).
 */
export function ownInput<C extends { input: object }>(command: C): C {
  const input = Object.fromEntries(Object.entries(command.input).filter(([, v]) => v !== undefined));
  return Object.assign(Object.create(Object.getPrototypeOf(command) as object) as C, command, { input });
}

/** Every item of every page a paginator yields, in order. */
export async function allItems<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
