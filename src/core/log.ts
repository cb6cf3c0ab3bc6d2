/** The Log tab's entries: who, when, which SOP step, what action, on what object, details. */
export interface LogEntry {
  /** Epoch ms. */
  at: number;
  user: string;
  /** SOP step ("1".."6") or "—" for housekeeping. */
  step: string;
  action: string;
  object: string;
  detail: string;
}
