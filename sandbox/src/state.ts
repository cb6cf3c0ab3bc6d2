/**
 * The sandbox's persistent state: everything Google would keep between executions. Each service
 * owns one JSON-serializable slice (no Date objects, no class instances: dates are epoch ms).
 * The store writes it atomically (temp file + rename), so a crash never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SandboxState {
  version: 1;
  /** The sandbox clock, epoch ms. Executions read it; only the clock controls move it. */
  clockMs: number;
  /** The owner of the workbook and of the script (the person who "deployed" it). */
  owner: string;
  /** Known users (email -> display name). The active user can be any of them, or anyone. */
  users: Record<string, string>;
  /** Per-service slices. Each service module defines and initialises its own. */
  services: Record<string, unknown>;
  /** Monotonic counter for ids handed out by any service. */
  nextId: number;
}

export function newState(owner: string, clockMs: number): SandboxState {
  return { version: 1, clockMs, owner, users: { [owner]: owner.split('@')[0] }, services: {}, nextId: 1 };
}

/** A service's slice of state, created on first use. */
export function slice<T>(state: SandboxState, name: string, init: () => T): T {
  if (!(name in state.services)) state.services[name] = init();
  return state.services[name] as T;
}

/** A fresh id with Apps Script's look: 44 url-safe characters for files, digits for sheets. */
export function newId(state: SandboxState, kind: 'file' | 'number' = 'file'): string {
  const n = state.nextId++;
  if (kind === 'number') return String(n * 7919 + 10007);
  const base = `sbx${n.toString(36)}`;
  const pad = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-aBcDeF';
  return (base + pad).slice(0, 44);
}

export class StateStore {
  readonly file: string;
  constructor(readonly dir: string) {
    this.file = path.join(dir, 'state.json');
  }
  exists(): boolean {
    return existsSync(this.file);
  }
  /** The file as this store last read or wrote it (inode, size, mtime): another process's save changes it. */
  private seen = '';
  private stamp(): string {
    try {
      const st = statSync(this.file);
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return '';
    }
  }
  load(): SandboxState | undefined {
    if (!this.exists()) return undefined;
    const stamp = this.stamp();
    const state = JSON.parse(readFileSync(this.file, 'utf8')) as SandboxState;
    this.seen = stamp;
    return state;
  }
  save(state: SandboxState): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file);
    this.seen = this.stamp();
  }
  /** True when the file changed since this store last read or wrote it (another process saved). */
  changedOnDisk(): boolean {
    return this.exists() && this.stamp() !== this.seen;
  }
  clear(): void {
    rmSync(this.file, { force: true });
    this.seen = '';
  }
}
