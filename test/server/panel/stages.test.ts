/** The panel endpoints' pure parts: where an item stands (stages), my tasks, request checks. */
import type { PanelConcept, PanelDesign } from '../../../src/shared/contract';
import { stageOf, StageDesign } from '../../../src/server/panel/stages';
import { staffTasks } from '../../../src/server/panel/tasks';
import { isHttpUrl, localMidnight, parseLocalDateTime } from '../../../src/server/panel/validate';

const STD = { 1: 3600, 2: 30, 3: 30, 4: 3600, 5: 30, 6: 90 };
const H = 3600000;
const T = Date.UTC(2026, 3, 6, 2, 0);
/** One working minute per elapsed minute: enough to test which clock runs from when. */
const elapsed = (a: number, b: number) => (b - a) / 60000;

describe('stageOf', () => {
  const c = (status: string, over: Partial<{ submittedAt: number | null; decidedAt: number | null; platforms: string[] }> = {}) => ({
    id: 'K-1', status, platforms: ['X', 'Instagram'], submittedAt: null, decidedAt: null, ...over,
  });
  const d = (platform: string, status: string, over: Partial<StageDesign> = {}): StageDesign => ({ conceptId: 'K-1', platform, status, submittedAt: null, decidedAt: null, published: false, ...over });

  test('a draft is in step 2 without a clock', () => {
    expect(stageOf(c('Draf'), [], STD, T, elapsed)).toEqual({ conceptId: 'K-1', step: 2, since: null, minutes: null, standardMinutes: 30, overdue: false, done: false });
  });

  test('sent back: step 2 from the revision request; submitted: step 3 from the submission', () => {
    const revised = stageOf(c('Perlu Revisi', { decidedAt: T - H }), [], STD, T, elapsed);
    expect(revised).toMatchObject({ step: 2, minutes: 60, standardMinutes: 30, overdue: true, since: new Date(T - H).toISOString() });
    expect(stageOf(c('Diajukan', { submittedAt: T - 20 * 60000 }), [], STD, T, elapsed)).toMatchObject({ step: 3, minutes: 20, overdue: false });
    expect(stageOf(c('Diajukan', { submittedAt: T - 31 * 60000 }), [], STD, T, elapsed)).toMatchObject({ step: 3, minutes: 31, overdue: true });
  });

  test('approved: step 4 until every platform has a submitted or approved design', () => {
    const plan = c('Disetujui', { decidedAt: T - 2 * H });
    expect(stageOf(plan, [], STD, T, elapsed)).toMatchObject({ step: 4, minutes: 120, standardMinutes: 3600 });
    expect(stageOf(plan, [d('X', 'Diajukan', { submittedAt: T - H })], STD, T, elapsed)).toMatchObject({ step: 4 });
    // A design sent back restarts the design clock from its revision request.
    expect(stageOf(plan, [d('X', 'Perlu Revisi', { decidedAt: T - 30 * 60000 }), d('Instagram', 'Ditetapkan')], STD, T, elapsed)).toMatchObject({ step: 4, minutes: 30 });
  });

  test('step 5 from the earliest waiting submission, step 6 from the last approval, then done', () => {
    const plan = c('Disetujui', { decidedAt: T - 10 * H });
    const waiting = [d('X', 'Diajukan', { submittedAt: T - 45 * 60000 }), d('Instagram', 'Diajukan', { submittedAt: T - 15 * 60000 })];
    expect(stageOf(plan, waiting, STD, T, elapsed)).toMatchObject({ step: 5, minutes: 45, standardMinutes: 30, overdue: true });
    const approved = [d('X', 'Ditetapkan', { decidedAt: T - 2 * H, published: true }), d('Instagram', 'Ditetapkan', { decidedAt: T - H })];
    expect(stageOf(plan, approved, STD, T, elapsed)).toMatchObject({ step: 6, minutes: 60, standardMinutes: 90, overdue: false });
    const published = approved.map((x) => ({ ...x, published: true }));
    expect(stageOf(plan, published, STD, T, elapsed)).toMatchObject({ step: null, done: true, overdue: false });
  });

  test('designs of other plan items do not count', () => {
    const plan = c('Disetujui', { decidedAt: T - H, platforms: ['X'] });
    expect(stageOf(plan, [{ ...d('X', 'Ditetapkan', { published: true }), conceptId: 'K-2' }], STD, T, elapsed)).toMatchObject({ step: 4 });
  });
});

describe('staffTasks', () => {
  const ME = 'andi@mk.example.id';
  const concept = (over: Partial<PanelConcept>): PanelConcept => ({
    id: 'K-0001', row: 2, period: '2026-04', date: '2026-04-14', activity: 'Putusan', category: '', platforms: ['X', 'Instagram'],
    pic: ME, picName: 'Andi', description: '', status: 'Draf', feedback: '', version: 1, submittedAt: null, decidedAt: null, ...over,
  });
  const design = (over: Partial<PanelDesign>): PanelDesign => ({
    id: 'D-0001', row: 2, conceptId: 'K-0002', platform: 'X', link: '', title: '', copy: '', status: 'Draf', feedback: '', version: 1,
    copyCheck: '', pic: ME, submittedAt: null, decidedAt: null, publication: null, ...over,
  });

  test('revisions first with their feedback, then publishing, missing designs, drafts; other people’s work is left out', () => {
    const concepts = [
      concept({ id: 'K-0001', status: 'Draf' }),
      concept({ id: 'K-0002', status: 'Disetujui' }),
      concept({ id: 'K-0003', status: 'Perlu Revisi', feedback: 'Tambahkan nomor perkara.' }),
      concept({ id: 'K-0004', status: 'Draf', pic: 'dewi@mk.example.id' }),
      concept({ id: 'K-0005', status: 'Diajukan' }),
    ];
    const designs = [
      design({ id: 'D-0001', platform: 'X', status: 'Perlu Revisi', feedback: 'Naskah terlalu panjang.' }),
      design({ id: 'D-0002', platform: 'Instagram', status: 'Ditetapkan' }),
      design({ id: 'D-0003', conceptId: 'K-0004', platform: 'X', status: 'Draf', pic: 'dewi@mk.example.id' }),
    ];
    const tasks = staffTasks('ANDI@mk.example.id', concepts, designs);
    expect(tasks.map((t) => [t.kind, t.id, t.platform ?? ''])).toEqual([
      ['concept-revise', 'K-0003', ''],
      ['design-revise', 'D-0001', 'X'],
      ['publish', 'D-0002', 'Instagram'],
      ['concept-draft', 'K-0001', ''],
    ]);
    expect(tasks[0].feedback).toBe('Tambahkan nomor perkara.');
    expect(tasks[1]).toMatchObject({ feedback: 'Naskah terlalu panjang.', conceptId: 'K-0002' });
  });

  test('an approved plan item asks for one design per platform that has none', () => {
    const tasks = staffTasks(ME, [concept({ status: 'Disetujui', platforms: ['X', 'Instagram', 'TikTok'] })], [design({ conceptId: 'K-0001', platform: 'Instagram' })]);
    expect(tasks.filter((t) => t.kind === 'design-needed').map((t) => t.platform)).toEqual(['X', 'TikTok']);
    expect(tasks.filter((t) => t.kind === 'design-draft').map((t) => t.platform)).toEqual(['Instagram']);
  });

  test('a published design is no longer a task', () => {
    expect(staffTasks(ME, [], [design({ status: 'Ditetapkan', publication: { url: 'https://x.com/1', at: null } })])).toEqual([]);
  });
});

describe('request checks', () => {
  test('local WIB date-times', () => {
    expect(parseLocalDateTime('2026-04-06T08:30')).toBe(Date.UTC(2026, 3, 6, 1, 30));
    expect(parseLocalDateTime('2026-04-06 00:15')).toBe(Date.UTC(2026, 3, 5, 17, 15));
    for (const bad of ['2026-04-31T08:00', '2026-02-29T08:00', '2026-04-06T24:00', '2026-04-06', '06/04/2026 08:00', '']) expect(parseLocalDateTime(bad)).toBeNull();
    expect(parseLocalDateTime('2028-02-29T23:59')).toBe(Date.UTC(2028, 1, 29, 16, 59));
  });

  test('local midnights', () => {
    expect(localMidnight('2026-04-14')).toBe(Date.UTC(2026, 3, 13, 17, 0));
    expect(localMidnight('2026-13-01')).toBeNull();
    expect(localMidnight('2026-4-1')).toBeNull();
  });

  test('links must be http(s) with a host', () => {
    for (const ok of ['https://youtu.be/abc', 'http://mkri.id/berita?id=1', 'https://www.instagram.com/p/Cx1/']) expect(isHttpUrl(ok)).toBe(true);
    for (const bad of ['youtu.be/abc', 'javascript:alert(1)', 'https://localhost', 'https://a b.com', 'ftp://x.com/a', `https://x.com/${'a'.repeat(2000)}`]) expect(isHttpUrl(bad)).toBe(false);
  });
});

describe('my tasks by planned date', () => {
  const ME = 'andi@mk.example.id';
  const concept = (over: Partial<PanelConcept>): PanelConcept => ({
    id: 'K-0001', row: 2, period: '2026-04', date: '2026-04-14', activity: 'Putusan', category: '', platforms: ['X'],
    pic: ME, picName: 'Andi', description: '', status: 'Draf', feedback: '', version: 1, submittedAt: null, decidedAt: null, ...over,
  });

  test('what is due first comes first, each task carrying its planned date', () => {
    const tasks = staffTasks(ME, [
      concept({ id: 'K-0001', date: '2026-04-20', status: 'Perlu Revisi', feedback: 'Perbaiki.' }),
      concept({ id: 'K-0002', date: '2026-04-07', status: 'Draf' }),
      concept({ id: 'K-0003', date: '2026-04-09', status: 'Disetujui' }),
    ], []);
    expect(tasks.map((t) => [t.id, t.date])).toEqual([
      ['K-0002', '2026-04-07'],
      ['K-0003', '2026-04-09'],
      ['K-0001', '2026-04-20'],
    ]);
  });
});
