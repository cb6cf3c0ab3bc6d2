import fc from 'fast-check';
import { checkCopy, checkYouTube, DEFAULT_COPY_LIMITS, extractHashtags, extractLinks, extractMentions, splitGraphemes, utf8Length, visiblePrefix, weightedLengthX } from '../../src/core/copy-limits';
import { parsePlatform, PLATFORMS } from '../../src/core/platforms';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦
const THUMB_MEDIUM = '\u{1F44D}\u{1F3FD}'; // 👍🏽
const FLAG_ID = '\u{1F1EE}\u{1F1E9}'; // 🇮🇩
const KEYCAP_1 = '1\uFE0F\u20E3'; // 1️⃣
const HEART = '\u2764\uFE0F'; // ❤️
const SCOTLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
const WOMAN_TECH_DARK = '\u{1F469}\u{1F3FF}\u200D\u{1F4BB}'; // 👩🏿‍💻

describe('parsePlatform', () => {
  test('case-insensitive names and aliases', () => {
    expect(parsePlatform('Twitter')).toBe('X');
    expect(parsePlatform(' x ')).toBe('X');
    expect(parsePlatform('X (Twitter)')).toBe('X');
    expect(parsePlatform('INSTAGRAM')).toBe('Instagram');
    expect(parsePlatform('youtube')).toBe('YouTube');
    expect(parsePlatform('Tik Tok')).toBe('TikTok');
    expect(parsePlatform('fb')).toBe('Facebook');
    expect(parsePlatform('Threads')).toBeNull();
    expect(parsePlatform('')).toBeNull();
    for (const p of PLATFORMS) expect(parsePlatform(p)).toBe(p);
  });
});

describe('X weighted length', () => {
  test('Latin and Indonesian text count 1 per character', () => {
    const t = 'Sidang Pengujian UU Cipta Kerja digelar hari ini pukul 10.00 WIB.';
    expect(weightedLengthX(t)).toBe(t.length);
    const quotes = 'Putusan MK: “final dan mengikat” — berlaku sejak diucapkan';
    expect(weightedLengthX(quotes)).toBe(quotes.length); // U+201C, U+201D, U+2014 are in the weight-1 ranges
    expect(weightedLengthX(quotes + '…')).toBe(quotes.length + 2); // U+2026 is not
  });

  test('CJK, Arabic-range and other code points outside the weight-1 ranges count 2', () => {
    expect(weightedLengthX('日本語')).toBe(6);
    expect(weightedLengthX('한국')).toBe(4);
    expect(weightedLengthX('™')).toBe(2); // U+2122 is outside the ranges
    expect(weightedLengthX('\u{1D54F}')).toBe(2); // astral letter, not emoji
    expect(weightedLengthX('مرحبا')).toBe(5); // Arabic is inside U+0000-U+10FF
  });

  test('emoji sequences count 2 as one unit', () => {
    expect(weightedLengthX(FAMILY)).toBe(2);
    expect(weightedLengthX(THUMB_MEDIUM)).toBe(2);
    expect(weightedLengthX(FLAG_ID)).toBe(2);
    expect(weightedLengthX(KEYCAP_1)).toBe(2);
    expect(weightedLengthX(HEART)).toBe(2);
    expect(weightedLengthX(SCOTLAND)).toBe(2);
    expect(weightedLengthX(WOMAN_TECH_DARK)).toBe(2);
    expect(weightedLengthX('Selamat ' + FAMILY + THUMB_MEDIUM + FLAG_ID + '!')).toBe(8 + 6 + 1);
    expect(weightedLengthX('©')).toBe(1); // text presentation: a plain code point in the weight-1 range
    expect(weightedLengthX('#')).toBe(1);
  });

  test('NFC normalisation: a decomposed é counts 1', () => {
    expect(weightedLengthX('e\u0301')).toBe(1);
    expect(weightedLengthX('café')).toBe(4);
  });

  test('every URL counts 23 whatever its length', () => {
    expect(weightedLengthX('https://t.co')).toBe(23);
    expect(weightedLengthX('Baca https://www.mkri.id/index.php?page=web.Berita&id=21544 sekarang.')).toBe(5 + 23 + 10);
    expect(weightedLengthX('www.mkri.id')).toBe(23);
    expect(weightedLengthX('mkri.go.id/berita')).toBe(23);
    expect(weightedLengthX('example.com')).toBe(23);
    expect(weightedLengthX('mkri.id')).toBe(7); // bare name.ccTLD without path is not a URL
    expect(weightedLengthX('humas@mkri.go.id')).toBe(16); // e-mail: not a URL
  });

  test('the URL length is configurable', () => {
    expect(weightedLengthX('lihat https://mkri.id/a', 30)).toBe(6 + 30);
  });

  test('property: a URL between spaces always adds 23 + 2 spaces', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', 'é', '日', '1'), maxLength: 30 });
    const path = fc.string({ unit: fc.constantFrom('a', 'b', '1', '/', '-', '_', '?', '=', '&', '%'), maxLength: 200 });
    fc.assert(fc.property(word, word, path, (a, b, p) => {
      const url = 'https://www.mkri.id/' + p + 'x'; // a trailing '%', '?' or '-' is not part of a URL
      expect(weightedLengthX(a + ' ' + url + ' ' + b)).toBe(weightedLengthX(a) + weightedLengthX(b) + 25);
    }), { numRuns: 500 });
  });
});

describe('links, hashtags, mentions', () => {
  test('extractLinks trims trailing punctuation and keeps balanced parentheses', () => {
    expect(extractLinks('Lihat https://mkri.id/berita?id=1. Lalu (https://id.wikipedia.org/wiki/Mahkamah_(Indonesia)), ya!').map((l) => l.url))
      .toEqual(['https://mkri.id/berita?id=1', 'https://id.wikipedia.org/wiki/Mahkamah_(Indonesia)']);
    expect(extractLinks('www.mkri.id, mkri.id, mkri.id/x; t.co/abc')).toEqual([
      { url: 'www.mkri.id', start: 0, end: 11 },
      { url: 'mkri.id/x', start: 22, end: 31 },
      { url: 't.co/abc', start: 33, end: 41 },
    ]);
    expect(extractLinks('Pukul 10.00 WIB, Rp1.500, s.d. besok').map((l) => l.url)).toEqual([]);
  });

  test('hashtags: unique, letters required, not inside links', () => {
    expect(extractHashtags('#Sidang #MK2026 #2026 #sidang a#b https://x.com/#frag #KonstitusiRI. #MahkamahKonstitusi_RI'))
      .toEqual(['Sidang', 'MK2026', 'KonstitusiRI', 'MahkamahKonstitusi_RI']);
    expect(extractHashtags('#日本 #Ilmu\u0301')).toEqual(['日本', 'Ilmu\u0301']);
  });

  test('mentions: platform-specific usernames, e-mails excluded', () => {
    const t = '@Humas_MK, halo @mkri.id. email humas@mkri.go.id @HUMAS_MK';
    expect(extractMentions(t, 'Instagram')).toEqual(['Humas_MK', 'mkri.id']);
    expect(extractMentions(t, 'X')).toEqual(['Humas_MK', 'mkri']);
    expect(extractMentions('@abcdefghijklmnop', 'X')).toEqual([]); // 16 chars: not an X handle
  });
});

describe('graphemes', () => {
  const samples = ['abc', FAMILY + 'x' + THUMB_MEDIUM, FLAG_ID + FLAG_ID + KEYCAP_1, 'e\u0301a', 'a\r\nb', SCOTLAND + WOMAN_TECH_DARK + HEART, '日本語'];

  test('Intl.Segmenter and the fallback regex agree on emoji and marks', () => {
    for (const s of samples) expect(splitGraphemes(s, false)).toEqual(splitGraphemes(s, true));
    expect(splitGraphemes(FAMILY + 'x' + THUMB_MEDIUM, false)).toEqual([FAMILY, 'x', THUMB_MEDIUM]);
  });

  test('property: both splitters agree on strings built from emoji, flags, marks, CJK and ASCII', () => {
    const piece = fc.constantFrom('a', 'Z', ' ', '.', '日', 'e\u0301', FAMILY, THUMB_MEDIUM, FLAG_ID, KEYCAP_1, HEART, SCOTLAND, WOMAN_TECH_DARK, '\u{1F600}', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
      const s = pieces.join('');
      const fallback = splitGraphemes(s, false);
      expect(fallback).toEqual(splitGraphemes(s, true));
      expect(fallback.join('')).toBe(s);
    }), { numRuns: 1000 });
  });

  test('property: visiblePrefix never splits a grapheme and stays within the fold', () => {
    const piece = fc.constantFrom('kata ', 'a', FAMILY, FLAG_ID, 'e\u0301', '日');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (pieces, fold) => {
      const s = pieces.join('');
      const v = visiblePrefix(s, fold, false);
      expect(v.length).toBeLessThanOrEqual(Math.max(fold, s.length <= fold ? s.length : 0));
      expect(s.startsWith(v)).toBe(true);
      const g = splitGraphemes(s, false);
      let acc = '';
      let boundary = acc === v;
      for (const x of g) {
        acc += x;
        if (acc === v || acc.replace(/\s+$/, '') === v) boundary = true;
      }
      expect(boundary || v === '').toBe(true);
    }), { numRuns: 500 });
  });
});

describe('checkCopy', () => {
  test('X: exactly at the limit is ok, one over is reported with the amount', () => {
    const at = checkCopy('X', 'a'.repeat(280));
    expect(at).toMatchObject({ platform: 'X', ok: true, count: 280, limit: 280, unit: 'karakter berbobot', over: 0, problems: [] });
    const over = checkCopy('X', 'a'.repeat(281));
    expect(over).toMatchObject({ ok: false, count: 281, over: 1 });
    expect(over.problems[0].message_id).toBe('Naskah X melebihi batas 280 karakter berbobot sebanyak 1 karakter. Persingkat naskah atau pindahkan tautan ke balasan.');
    expect(over.problems[0].message_en).toBe('The X copy exceeds the 280-weighted-character limit by 1 character. Shorten the copy or move the link to a reply.');
  });

  test('X: the documented message, twelve over with a link and emoji', () => {
    // 250 + 1 + 23 (URL) + 1 + 2 (family emoji) * 8 ... = 250 + 1 + 23 + 1 + 16 + 1 = 292
    const text = 'a'.repeat(250) + ' https://www.mkri.id/berita ' + FAMILY.repeat(8) + '!';
    const platform = parsePlatform('Twitter');
    if (platform === null) throw new Error('Twitter must map to X');
    const r = checkCopy(platform, text);
    expect(r.count).toBe(292);
    expect(r.over).toBe(12);
    expect(r.links).toEqual(['https://www.mkri.id/berita']);
    expect(r.problems).toEqual([{
      code: 'too-long', severity: 'error',
      message_id: 'Naskah X melebihi batas 280 karakter berbobot sebanyak 12 karakter. Persingkat naskah atau pindahkan tautan ke balasan.',
      message_en: 'The X copy exceeds the 280-weighted-character limit by 12 characters. Shorten the copy or move the link to a reply.',
    }]);
    expect(r.visibleBeforeMore).toBeUndefined();
  });

  test('X: limits can be overridden', () => {
    expect(checkCopy('X', 'abcdefghijk', { X: { maxWeighted: 10 } })).toMatchObject({ ok: false, limit: 10, over: 1 });
  });

  test('Instagram: counts UTF-16 units, hashtag cap as warning, API limit as error', () => {
    expect(checkCopy('Instagram', 'a'.repeat(2200))).toMatchObject({ ok: true, count: 2200, limit: 2200, unit: 'karakter', over: 0 });
    const over = checkCopy('Instagram', '\u{1F600}'.repeat(1100) + 'a');
    expect(over).toMatchObject({ ok: false, count: 2201, over: 1 });
    expect(over.problems[0].message_id).toBe('Keterangan Instagram melebihi batas 2.200 karakter sebanyak 1 karakter. Persingkat keterangan atau pindahkan sebagian ke komentar pertama.');

    const six = checkCopy('Instagram', 'Sidang hari ini #a1 #b #c #d #e #f');
    expect(six.ok).toBe(true);
    expect(six.hashtags).toHaveLength(6);
    expect(six.problems.map((p) => [p.code, p.severity])).toEqual([['hashtag-app-cap', 'warning']]);
    expect(six.problems[0].message_id).toBe('Aplikasi Instagram kini membatasi 5 tagar per unggahan; keterangan ini memuat 6 tagar. Kurangi menjadi 5 bila diunggah lewat aplikasi.');

    const tags31 = Array.from({ length: 31 }, (_, i) => '#tag' + i).join(' ');
    const many = checkCopy('Instagram', tags31);
    expect(many.ok).toBe(false);
    expect(many.problems.map((p) => p.code)).toEqual(['too-many-hashtags', 'hashtag-app-cap']);
    expect(many.problems[0].message_id).toMatch(/^Keterangan Instagram memuat 31 tagar, melebihi batas 30 sebanyak 1\. Hapus 1 tagar/);
    expect(checkCopy('Instagram', Array.from({ length: 30 }, (_, i) => '#tag' + i).join(' ')).ok).toBe(true);
    expect(checkCopy('Instagram', tags31, { Instagram: { maxHashtags: 40 } }).ok).toBe(true);

    const mentions21 = Array.from({ length: 21 }, (_, i) => '@akun' + i).join(' ');
    const m = checkCopy('Instagram', mentions21);
    expect(m.mentions).toHaveLength(21);
    expect(m.problems.map((p) => p.code)).toEqual(['too-many-mentions']);
    expect(m.problems[0].message_id).toMatch(/menandai 21 akun \(@\), melebihi batas 20 sebanyak 1/);
  });

  test('Instagram: visibleBeforeMore is about 125 characters and never splits an emoji', () => {
    const text = 'a'.repeat(124) + FAMILY + ' sisanya';
    const r = checkCopy('Instagram', text);
    expect(r.visibleBeforeMore).toBe('a'.repeat(124));
    expect(checkCopy('Instagram', 'Pendek.').visibleBeforeMore).toBe('Pendek.');
  });

  test('Facebook: 63,206 characters and a warning past the ~477-character fold', () => {
    expect(checkCopy('Facebook', 'a'.repeat(477)).problems).toEqual([]);
    const long = checkCopy('Facebook', 'a'.repeat(478));
    expect(long.ok).toBe(true);
    expect(long.problems.map((p) => [p.code, p.severity])).toEqual([['feed-truncation', 'warning']]);
    expect(long.problems[0].message_id).toBe('Linimasa Facebook memotong naskah setelah sekitar 477 karakter ("Lihat selengkapnya"); naskah ini 478 karakter. Letakkan pesan utama di awal.');
    expect(long.visibleBeforeMore).toBe('a'.repeat(477));
    expect(checkCopy('Facebook', 'a'.repeat(63206)).ok).toBe(true);
    const over = checkCopy('Facebook', 'a'.repeat(63210));
    expect(over).toMatchObject({ ok: false, over: 4, limit: 63206 });
    expect(over.problems[0].message_id).toBe('Naskah Facebook melebihi batas 63.206 karakter sebanyak 4 karakter. Persingkat naskah.');
    expect(over.problems[0].message_en).toBe('The Facebook copy exceeds the 63,206-character limit by 4 characters. Shorten the copy.');
  });

  test('TikTok: 2,200 UTF-16 code units (an emoji counts 2)', () => {
    expect(checkCopy('TikTok', '\u{1F600}'.repeat(1100))).toMatchObject({ ok: true, count: 2200 });
    expect(checkCopy('TikTok', '\u{1F600}'.repeat(1100) + 'a')).toMatchObject({ ok: false, count: 2201, over: 1 });
    expect(checkCopy('TikTok', 'x'.repeat(150)).visibleBeforeMore).toBe('x'.repeat(100));
  });

  test('empty copy is a warning, not an error', () => {
    const r = checkCopy('Facebook', '   ');
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => p.code)).toEqual(['empty']);
  });
});

describe('YouTube', () => {
  test('description limit is in UTF-8 bytes', () => {
    expect(utf8Length('é日😀a')).toBe(2 + 3 + 4 + 1);
    expect(checkYouTube('Judul', 'é'.repeat(2500))).toMatchObject({ ok: true, count: 5000, unit: 'byte', over: 0 });
    const over = checkYouTube('Judul', '日'.repeat(1667)); // 5001 bytes, only 1667 characters
    expect(over).toMatchObject({ ok: false, count: 5001, limit: 5000, over: 1 });
    // Staff do not count bytes: the message says how YouTube counts, never "byte".
    expect(over.problems.map((p) => p.message_id)).toEqual(['Deskripsi YouTube terlalu panjang: 5.001 dari batas 5.000 menurut hitungan YouTube (lebih 1). Persingkat deskripsi. YouTube menghitung huruf Latin biasa 1, huruf beraksen atau non-Latin 2–3, dan emoji 4.']);
    expect(over.problems[0].message_en).toBe('The YouTube description is too long: 5,001 of the 5,000 limit as YouTube counts (1 over). Shorten the description. YouTube counts a plain Latin letter as 1, an accented or non-Latin letter as 2–3, and an emoji as 4.');
    expect(`${over.problems[0].message_id} ${over.problems[0].message_en}`).not.toMatch(/byte/i);
  });

  test('title: 100 characters, required, one line', () => {
    expect(checkYouTube('a'.repeat(100), '').ok).toBe(true);
    const long = checkYouTube('a'.repeat(103), '');
    expect(long.fields?.title).toEqual({ count: 103, limit: 100, unit: 'karakter', over: 3 });
    expect(long.problems.map((p) => p.message_id)).toEqual(['Judul YouTube melebihi batas 100 karakter sebanyak 3 karakter. Persingkat judul.']);
    expect(checkYouTube('  ', 'x').problems.map((p) => p.code)).toEqual(['title-empty']);
    expect(checkYouTube('a\nb', 'x').problems.map((p) => p.code)).toEqual(['title-newline']);
  });

  test('no < or > in title or description', () => {
    const r = checkYouTube('Sidang <live>', 'Nilai a > b');
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message_id)).toEqual([
      'Judul YouTube memuat 2 tanda < atau >, yang ditolak YouTube. Hapus tanda itu atau ganti dengan ‹ ›.',
      'Deskripsi YouTube memuat 1 tanda < atau >, yang ditolak YouTube. Hapus tanda itu atau ganti dengan ‹ ›.',
    ]);
  });

  test('checkCopy splits "title\\n\\ndescription"', () => {
    const r = checkCopy('YouTube', 'Sidang Pengucapan Putusan #PUU\r\n\r\nSiaran langsung: https://mkri.id/live @mahkamahkonstitusi');
    expect(r.fields?.title.count).toBe('Sidang Pengucapan Putusan #PUU'.length);
    expect(r.fields?.description.count).toBe(utf8Length('Siaran langsung: https://mkri.id/live @mahkamahkonstitusi'));
    expect(r.hashtags).toEqual(['PUU']);
    expect(r.links).toEqual(['https://mkri.id/live']);
    expect(r.mentions).toEqual(['mahkamahkonstitusi']);
    expect(r.ok).toBe(true);
    expect(checkCopy('YouTube', 'Hanya judul').fields?.description.count).toBe(0);
  });

  test('default limits match the field notes', () => {
    expect(DEFAULT_COPY_LIMITS).toEqual({
      X: { maxWeighted: 280, urlLength: 23 },
      Instagram: { maxChars: 2200, maxHashtags: 30, appHashtagCap: 5, maxMentions: 20, foldChars: 125 },
      Facebook: { maxChars: 63206, foldChars: 477 },
      YouTube: { titleMaxChars: 100, descriptionMaxBytes: 5000 },
      TikTok: { maxChars: 2200, foldChars: 100 },
    });
  });
});
