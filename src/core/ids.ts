/** Item ids: a prefix and a zero-padded sequence (K-0001 for concepts, D-0001 for designs). */
export function maxSequence(prefix: string, existing: Iterable<string>): number {
  let max = 0;
  const re = new RegExp(`^${prefix}-(\\d+)$`);
  for (const id of existing) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export function formatItemId(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(4, '0')}`;
}

/** A generator of fresh ids after the highest existing one. */
export function idSequence(prefix: string, existing: Iterable<string>): () => string {
  let seq = maxSequence(prefix, existing);
  return () => formatItemId(prefix, ++seq);
}
