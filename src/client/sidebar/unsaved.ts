/**
 * What people typed and have not saved yet, kept outside the DOM so that re-rendering a view
 * (after a neighbour card's save or submit, a refresh, a concept switch) never wipes it. Each
 * entry belongs to one form (a design card: `design:K-0001:X`) and holds its field values and
 * the server values they were typed over. A successful save of that form drops its entry, so an
 * old draft never comes back over what was saved after it.
 */
export interface Unsaved {
  /** Field values as typed. */
  values: Record<string, string>;
  /** The saved values the typing started from (what the server had). */
  base: Record<string, string>;
  /** A short name of the form for the "leave anyway?" question (e.g. "K-0001 · X"). */
  label: string;
}

const store = new Map<string, Unsaved>();

function same(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? '') !== (b[k] ?? '')) return false;
  return true;
}

/**
 * The values a form should show: the unsaved ones when there are, else the saved ones. When
 * the saved values changed under an entry (saved elsewhere) and the entry equals them, it is
 * dropped.
 */
export function valuesFor(key: string, saved: Record<string, string>): Record<string, string> {
  const u = store.get(key);
  if (!u) return { ...saved };
  if (same(u.values, saved)) {
    store.delete(key);
    return { ...saved };
  }
  return { ...u.values };
}

/** Records typing into a form; values equal to the saved ones clear the entry. */
export function remember(key: string, label: string, values: Record<string, string>, saved: Record<string, string>): void {
  if (same(values, saved)) store.delete(key);
  else store.set(key, { values: { ...values }, base: { ...saved }, label });
}

/** After a successful save of that form. */
export function forget(key: string): void {
  store.delete(key);
}

/** Forms with unsaved text (their labels), optionally only those whose key starts with `prefix`. */
export function unsavedLabels(prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, u] of store) if (k.indexOf(prefix) === 0) out.push(u.label);
  return out;
}

/** Drops every entry (after the person chose to leave without saving). */
export function forgetAll(prefix = ''): void {
  for (const k of Array.from(store.keys())) if (k.indexOf(prefix) === 0) store.delete(k);
}
