/**
 * Approval routing for SOP steps 2→3 (the month's concept) and 4→5 (designs). Pure rules, no Apps
 * Script: validating a month's concept rows, routing a request to approvers by policy, applying
 * decisions (exactly one decision per item and level), reminder and escalation selection, and the
 * content of the mails (subject, plain text and HTML; all user text escaped).
 *
 * The Persetujuan tab holds one row per request, level and approver. Its "Keputusan" cell is JSON:
 *
 *   {"nonce":"<link nonce>","items":{"K-0001":{"decision":"approve","by":"a@x.go.id","at":"2026-03-02T02:00:00.000Z","via":"tautan"},
 *                                    "K-0002":{"decision":"revise","by":"a@x.go.id","at":"…","via":"panel","feedback":"…"}}}
 *
 * - nonce: the link nonce of this row's current approval link; a link whose nonce differs was
 *   replaced (re-issued) and is refused.
 * - items: the decisions THIS approver made at this level, by item id. A decision at a level by one
 *   approver settles that item for the whole level (other approvers of the same level see "already
 *   decided by X at T"). Feedback is the revision text as typed (stored escaped nowhere: it is
 *   escaped when shown).
 *
 * - isi (first row of a request only): item id -> field -> the text the request showed (see
 *   fitContents); a resubmission lists what changed since it.
 * - mendesak (first row of a request only): true when the submitter marked it urgent; its mails
 *   skip the digest window and say MENDESAK (isUrgent).
 *
 * Row statuses: "Belum Giliran" (a later level of the sequential policy, not yet its turn),
 * "Menunggu" (waiting for this approver), "Selesai" (the level has decided everything it had to),
 * "Dibatalkan" (nothing left for this row: another approver of the level decided, or every item
 * was sent back before the level's turn came).
 */
export * from './record';
export * from './validate';
export * from './routing';
export * from './decisions';
export * from './journal';
export * from './reminders';
export * from './mail';
export * from './seal';
