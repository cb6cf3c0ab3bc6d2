/**
 * Hostile catalogue, approval links: forged and mutated tokens, expired, replayed and cross-request
 * links, a forged approver, GET-only visits as mail scanners make them, and secret rotation.
 *
 * Mutations: 10,000 fast-check cases against the pure verifyToken (the exact function the web app
 * calls, with node's HMAC-SHA256 standing in for Utilities.computeHmacSha256Signature), plus 300
 * POSTs and 100 GETs through the real web app (doPost/doGet via the sandbox's webAppRequest) with
 * mutations of a token taken from a real review mail. The end-to-end share is smaller only to keep
 * the run time reasonable (each request is a whole Apps Script execution).
 */
import { decideAs } from '../integration/helpers';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { advanceClock } from '../../sandbox/src/actions';
import { signToken, verifyToken, base64urlEncodeText, TokenPayload } from '../../src/core/token';
import {
  expectPlainMessage,
  get,
  KABAG,
  KASUBBAG,
  lastLog,
  latestToken,
  logEntries,
  mails,
  mailsTo,
  OTHER,
  pageMessage,
  post,
  records,
  rowsOf,
  runMenu,
  snapshotWorkbook,
  STAFF,
  submitMay,
  submitMonth,
  T_MONDAY,
  TAB,
  WEB_APP_URL,
  withoutLog,
  world,
  addConcepts,
  setSetting,
} from './catalogue';

const hmac = (message: string, secret: string) => createHmac('sha256', secret).update(message, 'utf8').digest();
const SECRET = 'a-test-secret-of-enough-length-0123456789';

/** Titles of the pages that refuse a link (nothing changes). */
const REFUSED = ['Tautan tidak sah', 'Tautan kedaluwarsa', 'Tautan sudah diganti', 'Bukan untuk akun ini', 'Permintaan tidak ditemukan'];

// ---------------------------------------------------------------------------------------------
// Mutations of a token

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %\n\u00e9\u202e😀';
const charArb = fc.constantFrom(...Array.from(ALPHABET));

type FieldEdit = (p: Record<string, unknown>) => Record<string, unknown>;
const fieldEdits: Array<[string, FieldEdit]> = [
  ['req', (p) => ({ ...p, req: 'P-0002' })],
  ['ap', (p) => ({ ...p, ap: KABAG })],
  ['ap-case', (p) => ({ ...p, ap: String(p.ap).toUpperCase() })],
  ['lvl', (p) => ({ ...p, lvl: 2 })],
  ['exp', (p) => ({ ...p, exp: Number(p.exp) + 86400000 * 365 })],
  ['n', (p) => ({ ...p, n: 'f'.repeat(32) })],
  ['items', (p) => ({ ...p, items: ['K-0001'] })],
  ['extra', (p) => ({ ...p, admin: true })],
  ['order', (p) => Object.fromEntries(Object.entries(p).reverse())],
  ['v', (p) => ({ ...p, v: 2 })],
];

function decodeBody(token: string): Record<string, unknown> {
  const body = token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<string, unknown>;
}

/** Every way the catalogue changes a valid token. Each result differs from the original. */
function mutationArb(token: string, others: readonly string[]): fc.Arbitrary<{ kind: string; value: string }> {
  const n = token.length;
  const dot = token.indexOf('.');
  const body = token.slice(0, dot);
  const sig = token.slice(dot + 1);
  const payload = decodeBody(token);
  const arbs: Array<fc.Arbitrary<{ kind: string; value: string }>> = [
    fc.tuple(fc.nat(n - 1), charArb).map(([i, c]) => ({ kind: 'replace', value: token.slice(0, i) + c + token.slice(i + 1) })),
    fc.tuple(fc.nat(n), charArb).map(([i, c]) => ({ kind: 'insert', value: token.slice(0, i) + c + token.slice(i) })),
    fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 8 })).map(([i, k]) => ({ kind: 'delete', value: token.slice(0, i) + token.slice(i + k) })),
    fc.nat(n - 1).map((i) => ({ kind: 'truncate', value: token.slice(0, i) })),
    fc.nat(n - 1).map((i) => {
      const c = token.charAt(i);
      const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
      return { kind: 'case', value: token.slice(0, i) + (flipped === c ? (c === 'A' ? 'B' : 'A') : flipped) + token.slice(i + 1) };
    }),
    fc.tuple(fc.nat(sig.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      // Flip bits of one signature byte and re-encode (a well-formed token with a wrong signature).
      const raw = Buffer.from(sig.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      raw[i % raw.length] ^= x;
      return { kind: 'sig-bits', value: `${body}.${raw.toString('base64url')}` };
    }),
    fc.constantFrom(...fieldEdits).map(([k, edit]) => ({ kind: `field-${k}`, value: `${base64urlEncodeText(JSON.stringify(edit(payload)))}.${sig}` })),
    fc.tuple(fc.constantFrom(...fieldEdits), fc.string({ minLength: 16, maxLength: 40 })).map(([[k, edit], guess]) => {
      // The attacker re-signs an edited payload with a guessed secret.
      const forged = `${base64urlEncodeText(JSON.stringify(edit(payload)))}`;
      return { kind: `resign-${k}`, value: `${forged}.${hmac(forged, guess.padEnd(16, 'x')).toString('base64url')}` };
    }),
    fc.constantFrom('=', '==', ' ', '\n', '.', '.x', '%00', '#', '&t=x').map((s) => ({ kind: 'suffix', value: token + s })),
    fc.constantFrom('', '.', `${body}.`, `.${sig}`, body, sig, `${sig}.${body}`, `${body}.${sig}.${sig}`, `${body}..${sig}`, `${body}.${sig.slice(0, 10)}`).map((v) => ({ kind: 'shape', value: v })),
  ];
  if (others.length) {
    arbs.push(
      fc.constantFrom(...others).map((o) => ({ kind: 'splice-body', value: `${o.split('.')[0]}.${sig}` })),
      fc.constantFrom(...others).map((o) => ({ kind: 'splice-sig', value: `${body}.${o.split('.')[1]}` })),
    );
  }
  return fc.oneof(...arbs).filter((m) => m.value !== token);
}

// ---------------------------------------------------------------------------------------------

describe('links: 10,000 mutated tokens against verifyToken (pure)', () => {
  const now = T_MONDAY;
  const base: TokenPayload = { v: 1, req: 'P-0001', ap: KASUBBAG, lvl: 1, exp: now + 14 * 86400000, n: '0123456789abcdef0123456789abcdef' };
  const token = signToken(base, SECRET, hmac);
  const others = [
    signToken({ ...base, req: 'P-0002' }, SECRET, hmac),
    signToken({ ...base, ap: KABAG, lvl: 2 }, SECRET, hmac),
    signToken({ ...base, items: ['K-0001', 'K-0002'] }, SECRET, hmac),
  ];

  it('the genuine token is accepted (the property below is not vacuous)', () => {
    const ok = verifyToken(token, SECRET, hmac, now);
    expect(ok.ok).toBe(true);
  });

  it('no mutation is accepted (10,000 cases)', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(mutationArb(token, others), (m) => {
        kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
        const r = verifyToken(m.value, [SECRET], hmac, now);
        return !r.ok;
      }),
      { numRuns: 10000 },
    );
    // Every mutation family was exercised.
    for (const k of ['replace', 'insert', 'delete', 'truncate', 'case', 'sig-bits', 'suffix', 'shape', 'splice-body', 'splice-sig']) expect(kinds.get(k) ?? 0).toBeGreaterThan(50);
    expect([...kinds.keys()].filter((k) => k.startsWith('field-')).length).toBe(fieldEdits.length);
    expect([...kinds.keys()].filter((k) => k.startsWith('resign-')).length).toBe(fieldEdits.length);
  });
});

describe('links: mutations of a real mailed token through the web app', () => {
  it('300 mutated POSTs (approve all) and 100 mutated GETs are refused with a plain page; nothing changes', () => {
    const sb = world();
    expect(submitMay(sb, STAFF).ok).toBe(true);
    const token = latestToken(sb, KASUBBAG);
    // A refused POST adds one Log row (finding 1) and changes nothing else; a GET changes nothing.
    const before = withoutLog(snapshotWorkbook(sb));
    const logBefore = logEntries(sb).length;
    const mailCount = mails(sb).length;
    const cases = fc.sample(mutationArb(token, []), { numRuns: 400, seed: 20260406 });
    const titles = new Map<string, number>();
    cases.forEach((m, i) => {
      const res = i < 300 ? post(sb, { t: m.value, aksi: 'setujui-semua', 'decision_K-0001': 'approve', 'decision_K-0002': 'approve' }, KASUBBAG) : get(sb, `${WEB_APP_URL}?t=${encodeURIComponent(m.value)}`, KASUBBAG);
      const msg = pageMessage(res);
      const title = msg.split('\n')[0];
      titles.set(title, (titles.get(title) ?? 0) + 1);
      // An empty token is no token: the page only says where links come from.
      const refused = REFUSED.includes(title) || (m.value === '' && title === 'Siaran');
      if (!refused) throw new Error(`mutation ${m.kind} ${JSON.stringify(m.value)} was not refused: ${msg}`);
      expect(res.body).not.toContain('method="post"');
      if (i % 50 === 0) expectPlainMessage(msg);
    });
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    const added = logEntries(sb).slice(logBefore);
    expect(added).toHaveLength(300);
    expect(added.every((l) => l.Aksi === 'Tautan ditolak' && l.Pengguna === KASUBBAG && /^tautan/.test(l.Detail))).toBe(true);
    // The Log never holds a token (the genuine signature, or the whole token).
    const sig = token.split('.')[1];
    expect(added.some((l) => Object.values(l).some((v) => String(v).includes(sig) || String(v).includes(token.split('.')[0])))).toBe(false);
    expect(mails(sb)).toHaveLength(mailCount);
    // The genuine token still works afterwards (the refusals did not burn it).
    const ok = post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG);
    expect(pageMessage(ok)).toContain('Keputusan tersimpan');
  });
});

describe('links: expired, replayed, cross-request, forged approver', () => {
  it('an expired link shows "kedaluwarsa" on GET and POST; nothing changes; the panel still works', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    advanceClock(sb, T_MONDAY + 15 * 86400000);
    const before = withoutLog(snapshotWorkbook(sb));
    const n = logEntries(sb).length;
    for (const res of [get(sb, `${WEB_APP_URL}?t=${token}`, KASUBBAG), post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG)]) {
      const msg = pageMessage(res);
      expect(msg).toMatch(/^Tautan kedaluwarsa/);
      expect(msg).toContain('Tidak ada yang diubah');
      expectPlainMessage(msg);
    }
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    // The POST (not the GET) is logged as refused.
    expect(logEntries(sb).slice(n).map((l) => `${l.Aksi}: ${l.Detail.split(';')[0]}`)).toEqual(['Tautan ditolak: tautan kedaluwarsa']);
    // The panel opens the review page with a fresh link, which decides.
    // (The page asks for a decision on every item.)
    const d = decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] });
    expect(d.ok).toBe(true);
  });

  it('a replayed POST (double click, or a copy of the request) decides once: one Log entry per decision', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const form = { t: token, 'decision_K-0001': 'approve', 'decision_K-0002': 'revise', 'feedback_K-0002': 'Perbaiki jadwal', aksi: 'kirim' };
    expect(pageMessage(post(sb, form, KASUBBAG))).toContain('Keputusan tersimpan');
    const after = snapshotWorkbook(sb);
    const again = post(sb, { ...form, 'decision_K-0002': 'approve' }, KASUBBAG);
    const msg = pageMessage(again);
    expect(msg).toContain('K-0001 sudah diputuskan oleh Kasubbag Humas');
    expectPlainMessage(msg);
    expect(snapshotWorkbook(sb)).toEqual(after);
    expect(logEntries(sb).filter((l) => /^(Setujui|Minta revisi) \(tingkat 1\)$/.test(l.Aksi))).toHaveLength(2);
  });

  it('a link of one request cannot decide the items of another (cross-request)', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const tokenA = latestToken(sb, KASUBBAG);
    // A second request for June with its own items.
    addConcepts(sb, '2026-06', 1);
    submitMonth(sb, STAFF, '2026-06');
    const konsep = records(sb, TAB.konsep);
    const june = konsep.find((r) => r.Periode === '2026-06');
    expect(june?.Status).toBe('Diajukan');
    const juneId = june?.ID ?? '';
    const before = rowsOf(snapshotWorkbook(sb), 'Persetujuan').filter((r) => r['ID Permintaan'] === 'P-0002');
    const res = post(sb, { t: tokenA, [`decision_${juneId}`]: 'revise', [`feedback_${juneId}`]: 'palsu', 'decision_K-0001': 'approve', 'decision_K-0002': 'approve', aksi: 'kirim' }, KASUBBAG);
    expect(pageMessage(res)).toContain('Keputusan tersimpan');
    expect(records(sb, TAB.konsep).find((r) => r.ID === juneId)?.Status).toBe('Diajukan');
    expect(rowsOf(snapshotWorkbook(sb), 'Persetujuan').filter((r) => r['ID Permintaan'] === 'P-0002')).toEqual(before);
    expect(logEntries(sb).some((l) => l.Objek === juneId && /Setujui|revisi/.test(l.Aksi))).toBe(false);
  });

  it('a forged approver: another signed-in colleague, and the next level, cannot use the Kasubbag\'s link', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const before = withoutLog(snapshotWorkbook(sb));
    const n = logEntries(sb).length;
    for (const who of [STAFF, OTHER, KABAG]) {
      const res = post(sb, { t: token, aksi: 'setujui-semua' }, who);
      const msg = pageMessage(res);
      expect(msg).toMatch(/^Bukan untuk akun ini/);
      expect(msg).toContain(who);
      expectPlainMessage(msg);
      expect(pageMessage(get(sb, `${WEB_APP_URL}?t=${token}`, who))).toMatch(/^Bukan untuk akun ini/);
    }
    // Someone outside the domain never reaches the script (the deployment is DOMAIN-only).
    const outsider = post(sb, { t: token, aksi: 'setujui-semua' }, 'penyerang@gmail.com');
    expect(outsider.status).toBe(403);
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    // A token minted for the Kabag with a guessed secret is refused.
    const forged = signToken({ v: 1, req: 'P-0001', ap: KABAG, lvl: 1, exp: T_MONDAY + 86400000, n: 'x'.repeat(32) }, 'guessed-secret-guessed-secret', hmac);
    expect(pageMessage(post(sb, { t: forged, aksi: 'setujui-semua' }, KABAG))).toMatch(/^Tautan tidak sah/);
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    // Each refused POST is one Log row naming the visitor and the reason (the GETs and the outsider, who never reaches the script, none).
    expect(logEntries(sb).slice(n).map((l) => [l.Aksi, l.Pengguna, l.Detail.split(';')[0]])).toEqual([
      ['Tautan ditolak', STAFF, 'tautan dibuka dengan akun lain'],
      ['Tautan ditolak', OTHER, 'tautan dibuka dengan akun lain'],
      ['Tautan ditolak', KABAG, 'tautan dibuka dengan akun lain'],
      ['Tautan ditolak', KABAG, 'tautan tidak sah: tanda tangan salah'],
    ]);
  });

  it('refused POSTs (forged, wrong account, expired) leave a Log entry saying a link was refused', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const n = logEntries(sb).length;
    post(sb, { t: `${token}x`, aksi: 'setujui-semua' }, KASUBBAG);
    post(sb, { t: token, aksi: 'setujui-semua' }, STAFF);
    const added = logEntries(sb).slice(n);
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(added.map((l) => `${l.Aksi} ${l.Detail}`).join('\n')).toMatch(/tautan/i);
  });
});

describe('links: GET-only visits, as mail scanners make them', () => {
  it('any number of GETs, with or without decision parameters, change nothing and send nothing', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const before = snapshotWorkbook(sb);
    const mailCount = mails(sb).length;
    const urls = [
      `${WEB_APP_URL}?t=${token}`,
      `${WEB_APP_URL}?t=${token}&aksi=setujui-semua`,
      `${WEB_APP_URL}?t=${token}&aksi=kirim&decision_K-0001=approve&decision_K-0002=revise&feedback_K-0002=x`,
      `${WEB_APP_URL}`,
      `${WEB_APP_URL}?aksi=setujui-semua`,
    ];
    for (let i = 0; i < 4; i++) for (const u of urls) for (const who of [KASUBBAG, OTHER]) get(sb, u, who);
    expect(snapshotWorkbook(sb)).toEqual(before);
    expect(mails(sb)).toHaveLength(mailCount);
    // The page a scanner renders has no script that could submit the form by itself.
    const page = get(sb, `${WEB_APP_URL}?t=${token}`, KASUBBAG);
    expect(page.body).toContain('method="post"');
    // Only Siaran's own review script, which never submits or calls anything by itself.
    const scripts = page.body.match(/<script[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script data-siaran="review">/);
    expect(scripts[0]).not.toMatch(/\.submit\(|requestSubmit|fetch\(|XMLHttpRequest|google\.script\.run|location\s*=/);
    expect(page.body).not.toMatch(/\bonload\s*=|http-equiv="refresh"/i);
    // And the person can still decide after all those visits.
    expect(pageMessage(post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG))).toContain('Keputusan tersimpan');
  });
});

describe('links: the secret is rotated while links are outstanding', () => {
  it('old links show "diganti" and change nothing; the fresh links work; the Log records the rotation', () => {
    const sb = world();
    setSetting(sb, 'kebijakan_persetujuan', 'paralel');
    submitMay(sb, STAFF);
    const oldKasub = latestToken(sb, KASUBBAG);
    const oldKabag = latestToken(sb, KABAG);
    const mailCount = mails(sb).length;
    const r = runMenu(sb, 'menuRotateSecret', KABAG, [{ button: 'YES' }, { button: 'YES' }]);
    expect(r.ok).toBe(true);
    expect(logEntries(sb).some((l) => l.Aksi === 'Kunci tautan diperbarui')).toBe(true);
    expect(logEntries(sb).filter((l) => l.Aksi === 'Tautan persetujuan diterbitkan ulang')).toHaveLength(2);
    expect(mails(sb).length).toBe(mailCount + 2);
    const before = withoutLog(snapshotWorkbook(sb));
    const n = logEntries(sb).length;
    for (const [t, who] of [[oldKasub, KASUBBAG], [oldKabag, KABAG]] as const) {
      for (const res of [get(sb, `${WEB_APP_URL}?t=${t}`, who), post(sb, { t, aksi: 'setujui-semua' }, who)]) {
        const msg = pageMessage(res);
        expect(msg).toMatch(/^Tautan sudah diganti/);
        expectPlainMessage(msg);
      }
    }
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    expect(logEntries(sb).slice(n).map((l) => `${l.Aksi} ${l.Pengguna}: ${l.Detail.split(' (')[0]}`)).toEqual([`Tautan ditolak ${KASUBBAG}: tautan sudah diganti`, `Tautan ditolak ${KABAG}: tautan sudah diganti`]);
    const fresh = latestToken(sb, KASUBBAG);
    expect(fresh).not.toBe(oldKasub);
    expect(pageMessage(post(sb, { t: fresh, aksi: 'setujui-semua' }, KASUBBAG))).toContain('Keputusan tersimpan');
    expect(lastLog(sb)?.Objek).toBeTruthy();
  });

  it('rotating without re-sending: old links are refused, the panel still decides', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const old = latestToken(sb, KASUBBAG);
    runMenu(sb, 'menuRotateSecret', KABAG, [{ button: 'YES' }, { button: 'NO' }]);
    expect(mailsTo(sb, KASUBBAG)).toHaveLength(1);
    const before = withoutLog(snapshotWorkbook(sb));
    expect(pageMessage(post(sb, { t: old, aksi: 'setujui-semua' }, KASUBBAG))).toMatch(/^Tautan sudah diganti/);
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
    // The panel opens the review page with a fresh link, which decides.
    // (The page asks for a decision on every item.)
    const d = decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] });
    expect(d.ok).toBe(true);
  });

  it('only an approver may rotate; staff get a plain refusal and nothing changes', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const before = snapshotWorkbook(sb);
    const r = runMenu(sb, 'menuRotateSecret', STAFF, [{ button: 'YES' }, { button: 'YES' }]);
    expectPlainMessage(r.ui.map((e) => (e.type === 'alert' ? e.prompt : '')).join(''));
    expect(snapshotWorkbook(sb)).toEqual(before);
    expect(pageMessage(get(sb, `${WEB_APP_URL}?t=${token}`, KASUBBAG))).not.toMatch(/^Tautan sudah diganti/);
  });
});
