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
  /**
   * Read back from the Log: the line was reported by an execution that is not the owner's (held in
   * script properties, moved into the Log by the owner's trigger: see REPORTED_MARK). Such a line
   * is that person's own word: any editor can write a held entry, naming anyone.
   */
  reported?: boolean;
}

/**
 * What the owner's trigger appends to the Detail of every line it moves from the held entries into
 * the Log, so an auditor sees that the line is what `user`'s own execution reported, not what the
 * owner's execution saw.
 */
export function reportedMark(user: string): string {
  // The claimed user is anyone's text: no line break or bracket that could end the mark early.
  return ` [dilaporkan dari eksekusi ${user.replace(/[\]\r\n]/g, ' ').slice(0, 200)}]`;
}

const REPORTED = / \[dilaporkan dari eksekusi [^\n]*\]\s*$/;

/**
 * True when a Log Detail ends with the reported mark. The mover always appends it last, so a held
 * line cannot shed it; a direct line that happens to end with the same words (user text quoted in
 * a Detail) is taken as reported too, which only ever counts a line for less.
 */
export function isReportedDetail(detail: string): boolean {
  return REPORTED.test(detail);
}
