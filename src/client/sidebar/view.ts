/** What every sidebar view gets from the app shell: who is using it, the month, and navigation. */
import type { Me, PanelMonth } from '../../shared/contract';

export type ViewKey = 'tasks' | 'month' | 'concepts' | 'designs' | 'publish' | 'insights' | 'strategy' | 'decisions' | 'overview';

export interface ViewCtx {
  me: Me;
  period: string;
  /** The view's area (cleared before render). */
  root: HTMLElement;
  /** The month's data (cached until a write). */
  month(): Promise<PanelMonth>;
  /** Forget the cached month (after a write). */
  invalidate(): void;
  go(view: ViewKey, opts?: { period?: string; focus?: string }): void;
  /** Set by go(): an item to open or focus (a plan item id). */
  focus?: string;
}
