/** Comparisons every modification shares: lists compared as sets, certificates with their default first. */

export const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The default certificate (the first) must be the same one; the others are a set. */
export const sameCertificates = (a: readonly string[], b: readonly string[]): boolean =>
  (a[0] ?? '') === (b[0] ?? '') && sameSet(a.slice(1), b.slice(1));
