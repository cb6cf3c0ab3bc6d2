/** The Persetujuan cells stay within Sheets' 50,000-character cell limit, and older cells still read. */
import { buildDigestMail, buildRequestMail, CELL_MAX_CHARS, compressIds, CONTENT_BUDGET, expandIds, fitContents, formatKeputusan, formatObjek, isUrgent, ItemDecision, parseKeputusan, parseObjek } from '../../../src/core/approval';

const ids = (n: number, from = 1, prefix = 'K-', width = 5) => Array.from({ length: n }, (_v, i) => `${prefix}${String(from + i).padStart(width, '0')}`);

describe('ID runs', () => {
  test('consecutive IDs of one prefix and width become a run; a gap or another width starts a new one', () => {
    expect(compressIds(['K-0001', 'K-0002', 'K-0003', 'K-0007', 'D-0008', 'K-0009', 'K-00010'])).toBe('K-0001..K-0003, K-0007, D-0008, K-0009, K-00010');
    expect(expandIds('K-0001..K-0003, K-0007')).toEqual(['K-0001', 'K-0002', 'K-0003', 'K-0007']);
  });
  test('round trip for any list', () => {
    const list = [...ids(40), ...ids(3, 100), 'D-0001', ...ids(2, 7, 'K-', 4)];
    expect(expandIds(compressIds(list))).toEqual(list);
  });
  test('a pasted run that is backwards, mixed or huge expands to nothing', () => {
    expect(expandIds('K-0009..K-0001')).toEqual([]);
    expect(expandIds('K-0001..D-0009')).toEqual([]);
    expect(expandIds('K-1..K-99999999', 1000)).toEqual([]);
  });
});

describe('Objek', () => {
  test('a month of 10,000 items of one version is one short run', () => {
    const items = ids(10000).map((id) => ({ id, version: 1 }));
    const text = formatObjek(items);
    expect(text).toBe('K-00001..K-10000 v1');
    expect(parseObjek(text)).toEqual(items);
  });
  test('versions stay with their items; the old one-by-one form still reads', () => {
    const items = [{ id: 'K-0001', version: 1 }, { id: 'K-0002', version: 1 }, { id: 'K-0003', version: 2 }];
    expect(formatObjek(items)).toBe('K-0001..K-0002 v1, K-0003 v2');
    expect(parseObjek('K-0001 v1, K-0002 v1, K-0003 v2')).toEqual(items);
  });
});

describe('Keputusan', () => {
  const approve = (by: string, at: number): ItemDecision => ({ decision: 'approve', by, at, via: 'panel' });
  test('approving 10,000 items at once fits a cell, and reads back exactly', () => {
    const decisions: Record<string, ItemDecision> = {};
    for (const id of ids(10000)) decisions[id] = approve('kabag@x.go.id', Date.UTC(2026, 11, 1, 2));
    decisions['K-00005'] = { decision: 'revise', by: 'kabag@x.go.id', at: Date.UTC(2026, 11, 1, 2), via: 'panel', feedback: 'Ganti foto' };
    const text = formatKeputusan({ nonce: 'n1', decisions });
    expect(text.length).toBeLessThan(CELL_MAX_CHARS);
    const back = parseKeputusan(text);
    expect(back.nonce).toBe('n1');
    expect(back.decisions).toEqual(decisions);
  });
  test('a single decision is written as before, and the old per-item form still reads', () => {
    const old = '{"nonce":"n","items":{"K-0001":{"decision":"approve","by":"a@x.go.id","at":"2026-03-02T02:00:00.000Z","via":"tautan"}}}';
    const d = parseKeputusan(old);
    expect(formatKeputusan({ nonce: d.nonce, decisions: d.decisions })).toBe(old);
  });
});

describe('the content snapshot of a request', () => {
  test('10,000 items still fit the budget: short fields first, then only the items that fit', () => {
    const content: Record<string, Record<string, string>> = {};
    for (const id of ids(10000)) content[id] = { kegiatan: `Sidang perkara ${id}`, platform: 'Instagram, X' };
    const fitted = fitContents(content);
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(CONTENT_BUDGET);
    const kept = Object.keys(fitted);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept).toEqual(ids(kept.length));
  });
});

test('a Keputusan or Objek cell pasted full of huge runs expands to at most 100,000 IDs', () => {
  const pasted = Array.from({ length: 3000 }, () => 'K-00001..K-99999').join(', ');
  expect(expandIds(pasted).length).toBeLessThanOrEqual(100000);
  expect(parseObjek(pasted.replace(/K-99999/g, 'K-99999 v1')).length).toBeLessThanOrEqual(100000);
});

test('a Keputusan cell pasted with many huge groups also stops at 100,000 decisions', () => {
  const grup = Array.from({ length: 500 }, () => ({ ids: 'K-00001..K-99999', decision: 'approve', by: 'x@x.go.id', at: '2026-12-01T02:00:00.000Z', via: 'panel' }));
  expect(Object.keys(parseKeputusan(JSON.stringify({ nonce: 'n', items: {}, grup })).decisions).length).toBeLessThanOrEqual(100000);
});

describe('Mendesak (urgent) requests', () => {
  it('the first row keeps "mendesak" in its Keputusan cell, and only when set', () => {
    const cell = formatKeputusan({ nonce: 'n1', decisions: {}, urgent: true });
    expect(JSON.parse(cell)).toEqual({ nonce: 'n1', items: {}, mendesak: true });
    expect(parseKeputusan(cell).urgent).toBe(true);
    const plain = formatKeputusan({ nonce: 'n1', decisions: {} });
    expect(JSON.parse(plain)).toEqual({ nonce: 'n1', items: {} });
    expect(parseKeputusan(plain).urgent).toBeUndefined();
    // Only a real true counts (a pasted "mendesak": "ya" does not).
    expect(parseKeputusan('{"nonce":"n","items":{},"mendesak":"ya"}').urgent).toBeUndefined();
  });

  it('isUrgent reads any row of the request', () => {
    expect(isUrgent({ rows: [{ urgent: true }, {}] })).toBe(true);
    expect(isUrgent({ rows: [{}, {}] })).toBe(false);
  });

  it('the request mail says MENDESAK in its subject and text, in both languages; the digest line says jam kerja', () => {
    const base = {
      requestId: 'P-0009', kind: 'konsep' as const, period: '2026-06', policy: 'berurutan' as const, level: 1, levels: 2,
      approverName: 'Kasubbag', submitterName: 'Andi', items: [], reviewUrl: 'https://x/exec?t=a', workbookUrl: 'https://w', expiresAt: Date.UTC(2026, 5, 20),
    };
    const id = buildRequestMail({ ...base, lang: 'id', urgent: true });
    expect(id.subject).toBe('[Siaran] MENDESAK – Mohon persetujuan konsep konten Juni 2026 (0 item) – P-0009');
    expect(id.text).toContain('MENDESAK: Andi menandai pengajuan ini mendesak');
    expect(id.html).toContain('class="urgent"');
    const en = buildRequestMail({ ...base, lang: 'en', urgent: true });
    expect(en.subject).toBe('[Siaran] URGENT – Approval requested: content plan June 2026 (0 items) – P-0009');
    expect(en.text).toContain('URGENT: Andi marked this submission urgent');
    const plain = buildRequestMail({ ...base, lang: 'id' });
    expect(plain.subject).toBe('[Siaran] Mohon persetujuan konsep konten Juni 2026 (0 item) – P-0009');
    expect(`${plain.text}${plain.html}`).not.toContain('MENDESAK');
    const digest = buildDigestMail({ lang: 'id', name: 'Sri', own: [{ requestId: 'P-1', kind: 'konsep', period: '2026-03', level: 1, waitedMinutes: 1480 }], escalated: [], workbookUrl: 'https://w' });
    expect(digest.text).toContain('sudah menunggu 24 jam 40 menit dalam jam kerja');
    expect(digest.text).not.toMatch(/menit kerja|waktu kerja/);
  });
});
