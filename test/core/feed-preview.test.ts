import { feedPreview, xDisplayUrl } from '../../src/core/copy-limits';
import { tr } from '../../src/core/i18n';
import { fitContents, CONTENT_BUDGET, formatKeputusan, parseKeputusan } from '../../src/core/approval';

describe('the copy as the feed shows it', () => {
  it('X shows links without scheme and www, cut after 23 characters', () => {
    expect(xDisplayUrl('https://www.mkri.id/berita')).toBe('mkri.id/berita');
    expect(xDisplayUrl('https://mkri.id/index.php?page=web.Putusan&id=1')).toBe('mkri.id/index.php?page…');
    expect(feedPreview('X', 'Baca https://mkri.id/a/very/long/path/to/the/ruling #MK')).toEqual({ visible: 'Baca mkri.id/a/very/long/pa… #MK', more: false });
  });

  it('Instagram folds after its fold length and keeps line breaks; short copy does not fold', () => {
    const p = feedPreview('Instagram', `Baris satu.\nBaris dua.\n${'x'.repeat(200)}`);
    expect(p.more).toBe(true);
    expect(p.visible.startsWith('Baris satu.\nBaris dua.\n')).toBe(true);
    expect(p.visible.length).toBeLessThanOrEqual(125);
    expect(feedPreview('Instagram', 'Pendek. #MK')).toEqual({ visible: 'Pendek. #MK', more: false });
  });
});

describe('the submitted content kept with a request', () => {
  it('round-trips through the Keputusan cell and fits its budget', () => {
    const content = { 'D-0001': { copy: 'a'.repeat(20000), link: 'https://x' }, 'D-0002': { copy: 'b'.repeat(20000), link: '' } };
    const fitted = fitContents(content);
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(CONTENT_BUDGET);
    expect(fitted['D-0001'].link).toBe('https://x');
    const cell = formatKeputusan({ nonce: 'n', decisions: {}, content: fitted });
    expect(parseKeputusan(cell).content).toEqual(fitted);
    expect(parseKeputusan(formatKeputusan({ nonce: 'n', decisions: {} })).content).toBeUndefined();
  });
});

describe('messages', () => {
  it('a name ending in a full stop does not get a second one', () => {
    expect(tr('id', { id: 'Disetujui oleh {by}.', en: 'Approved by {by}.' }, { by: 'Dr. Rahmat Hidayat, M.Si.' })).toBe('Disetujui oleh Dr. Rahmat Hidayat, M.Si.');
    expect(tr('id', { id: 'Disetujui oleh {by}.', en: '' }, { by: 'Sri Wahyuni' })).toBe('Disetujui oleh Sri Wahyuni.');
    expect(tr('id', { id: '{n}... lainnya', en: '' }, { n: 3 })).toBe('3... lainnya');
  });
});
