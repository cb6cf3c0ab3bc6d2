/**
 * Platform copy checks: length limits, hashtags, mentions, links, and the part shown before
 * "more" / "lainnya". Limits come in as a parameter; the defaults below follow the field notes
 * (checked late 2025 / 2026) and belong in the workbook's settings.
 *
 * How each platform is counted (and why):
 * - X: weighted length per twitter-text v3 config. The text is NFC-normalised; every URL counts
 *   23; code points in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and U+2032-U+2037 count 1,
 *   every other code point 2; an emoji sequence (ZWJ sequences, skin tones, flags, keycaps, tag
 *   sequences) counts 2 as a whole. A pictographic character in text presentation (e.g. a lone
 *   "©" without U+FE0F) is weighed as a plain code point.
 *   URLs: http(s):// URLs, www. URLs and bare domains with a known gTLD or any two-letter ccTLD;
 *   like twitter-text, a bare "name.cc" (ccTLD other than .co/.tv, no subdomain, no path) is not a
 *   URL, so "mkri.id" alone is text but "mkri.id/berita" and "www.mkri.id" are URLs. The gTLD
 *   list is a common subset, not IANA's full list.
 * - Instagram, Facebook, TikTok, YouTube title: "karakter" = UTF-16 code units (JavaScript string
 *   length). This is the conservative choice: it is never smaller than the count of code points,
 *   so a caption that passes here also passes a code-point count (emoji count 2 here).
 * - YouTube description: UTF-8 bytes (the Data API limit is in bytes).
 * - Hashtags and mentions are counted once each, case-insensitively.
 *
 * visibleBeforeMore (the start of the copy a feed shows before "more"): Instagram ~125
 * characters, Facebook ~477, TikTok ~100 (an estimate: TikTok shows about two lines), X and
 * YouTube none. The cut is made on a grapheme boundary, so an emoji is never split. Real feeds
 * also cut at line breaks and by pixel width; these are approximations.
 */

import type { Platform } from './platforms';

export interface CopyLimits {
  readonly X: { readonly maxWeighted: number; readonly urlLength: number };
  readonly Instagram: { readonly maxChars: number; readonly maxHashtags: number; readonly appHashtagCap: number; readonly maxMentions: number; readonly foldChars: number };
  readonly Facebook: { readonly maxChars: number; readonly foldChars: number };
  readonly YouTube: { readonly titleMaxChars: number; readonly descriptionMaxBytes: number };
  readonly TikTok: { readonly maxChars: number; readonly foldChars: number };
}

export const DEFAULT_COPY_LIMITS: CopyLimits = {
  X: { maxWeighted: 280, urlLength: 23 },
  Instagram: { maxChars: 2200, maxHashtags: 30, appHashtagCap: 5, maxMentions: 20, foldChars: 125 },
  Facebook: { maxChars: 63206, foldChars: 477 },
  YouTube: { titleMaxChars: 100, descriptionMaxBytes: 5000 },
  TikTok: { maxChars: 2200, foldChars: 100 },
};

export type CopyLimitsOverride = { readonly [P in Platform]?: Partial<CopyLimits[P]> };

/**
 * The limits the office may change in Pengaturan (`batas_naskah.<key>`), and which limit each key
 * sets. The defaults of these keys are read from DEFAULT_COPY_LIMITS, so each default lives once.
 */
export const COPY_LIMIT_SETTINGS = {
  X: { platform: 'X', field: 'maxWeighted' },
  Instagram: { platform: 'Instagram', field: 'maxChars' },
  'Instagram.hashtag': { platform: 'Instagram', field: 'maxHashtags' },
  Facebook: { platform: 'Facebook', field: 'maxChars' },
  'YouTube.judul': { platform: 'YouTube', field: 'titleMaxChars' },
  'YouTube.deskripsi': { platform: 'YouTube', field: 'descriptionMaxBytes' },
  TikTok: { platform: 'TikTok', field: 'maxChars' },
} as const;
export type CopyLimitKey = keyof typeof COPY_LIMIT_SETTINGS;
export const COPY_LIMIT_KEYS = Object.keys(COPY_LIMIT_SETTINGS) as CopyLimitKey[];

export function isCopyLimitKey(key: string): key is CopyLimitKey {
  return Object.prototype.hasOwnProperty.call(COPY_LIMIT_SETTINGS, key);
}

/** The default of each setting key, e.g. { X: 280, 'Instagram.hashtag': 30, ... }. */
export function defaultCopyLimitSettings(): Record<CopyLimitKey, number> {
  const out = {} as Record<CopyLimitKey, number>;
  for (const key of COPY_LIMIT_KEYS) {
    const { platform, field } = COPY_LIMIT_SETTINGS[key];
    out[key] = (DEFAULT_COPY_LIMITS[platform] as Record<string, number>)[field];
  }
  return out;
}

/**
 * The settings' flat limits ({ X: 280, 'YouTube.judul': 100, ... }) in the shape the checks take.
 * The server and the sidebar both call this; a missing or non-positive value keeps the default.
 */
export function limitsFromSettings(flat: Readonly<Record<string, number>>): CopyLimitsOverride {
  const out: { [P in Platform]?: Record<string, number> } = {};
  for (const key of COPY_LIMIT_KEYS) {
    const v = flat[key];
    if (typeof v !== 'number' || !(v > 0)) continue;
    const { platform, field } = COPY_LIMIT_SETTINGS[key];
    (out[platform] ??= {})[field] = v;
  }
  return out as CopyLimitsOverride;
}

export type CopyUnit = 'karakter' | 'karakter berbobot' | 'byte';

export interface CopyProblem {
  readonly code: 'empty' | 'too-long' | 'too-many-hashtags' | 'hashtag-app-cap' | 'too-many-mentions' | 'feed-truncation'
    | 'title-empty' | 'title-too-long' | 'title-newline' | 'angle-brackets';
  readonly severity: 'error' | 'warning';
  readonly message_id: string;
  readonly message_en: string;
}

export interface FieldCount {
  readonly count: number;
  readonly limit: number;
  readonly unit: CopyUnit;
  readonly over: number;
}

export interface CopyCheck {
  readonly platform: Platform;
  /** False when any problem is an error (warnings do not block). */
  readonly ok: boolean;
  readonly count: number;
  readonly limit: number;
  readonly unit: CopyUnit;
  /** How far over the limit (0 if within). */
  readonly over: number;
  readonly hashtags: string[];
  readonly mentions: string[];
  readonly links: string[];
  readonly visibleBeforeMore?: string;
  readonly problems: CopyProblem[];
  /** YouTube only: the title and the description counted separately (count/limit above = description). */
  readonly fields?: { readonly title: FieldCount; readonly description: FieldCount };
}

// ---------------------------------------------------------------------------------------------
// Graphemes and emoji

interface SegmenterLike {
  segment(input: string): Iterable<{ segment: string }>;
}
type SegmenterCtor = new (locale?: string, options?: { granularity: 'grapheme' }) => SegmenterLike;

function intlSegmenter(): SegmenterLike | null {
  if (typeof Intl === 'undefined') return null;
  const ctor = (Intl as unknown as { Segmenter?: SegmenterCtor }).Segmenter;
  return typeof ctor === 'function' ? new ctor(undefined, { granularity: 'grapheme' }) : null;
}

const EMOJI_TAIL = '(?:\\uFE0F|\\p{Emoji_Modifier})?(?:[\\u{E0020}-\\u{E007E}]+\\u{E007F})?';
const EMOJI_CORE = '\\p{Extended_Pictographic}' + EMOJI_TAIL + '(?:\\u200D\\p{Extended_Pictographic}' + EMOJI_TAIL + ')*';
const KEYCAP = '[#*0-9]\\uFE0F?\\u20E3';
const FLAG = '\\p{Regional_Indicator}\\p{Regional_Indicator}';

/** One emoji sequence at the current position (sticky). */
const EMOJI_AT = new RegExp('(?:' + FLAG + '|' + KEYCAP + '|' + EMOJI_CORE + ')', 'uy');

/** Fallback grapheme splitter: emoji sequences as one, CRLF as one, a base with its marks. */
const GRAPHEME_FALLBACK = new RegExp(
  '\\r\\n|' + FLAG + '|' + KEYCAP + '|' + EMOJI_CORE + '|[\\s\\S](?:\\p{M}|\\u200C|\\u200D)*', 'gu');

/**
 * Split text into user-perceived characters. Uses Intl.Segmenter when the runtime has it, else
 * (or when useIntl is false) a regex that keeps emoji sequences, flags and keycaps together and
 * attaches combining marks to their base.
 */
export function splitGraphemes(text: string, useIntl = true): string[] {
  const seg = useIntl ? intlSegmenter() : null;
  if (seg) {
    const out: string[] = [];
    for (const s of seg.segment(text)) out.push(s.segment);
    return out;
  }
  return text.match(GRAPHEME_FALLBACK) || [];
}

/** Is this matched pictographic sequence shown as an emoji (so X counts it as one unit of 2)? */
function isEmojiPresentation(seq: string): boolean {
  if (/\p{Regional_Indicator}/u.test(seq) || seq.indexOf('\u20E3') >= 0) return true;
  if (/[\uFE0F\u200D]|\p{Emoji_Modifier}|[\u{E0020}-\u{E007F}]/u.test(seq)) return true;
  return /^\p{Emoji_Presentation}/u.test(seq);
}

// ---------------------------------------------------------------------------------------------
// Links, hashtags, mentions

export interface LinkMatch {
  readonly url: string;
  /** UTF-16 index of the first character. */
  readonly start: number;
  /** UTF-16 index after the last character. */
  readonly end: number;
}

const GTLDS = new Set((
  'com net org info biz edu gov mil int name pro mobi asia app dev page xyz online site website web store shop '
  + 'blog news tech live club media digital cloud art design link travel museum jobs tel aero coop cat post global '
  + 'world today social video music photo academy center network group email space fun top icu vip wiki foundation '
  + 'institute law legal consulting agency studio systems solutions services events education school university '
  + 'gallery tv co').split(' '));

// Labels are bounded (63 characters, as in DNS) so a long run of letters cannot make the scan quadratic.
const URL_CANDIDATE = /(https?:\/\/)?((?:[a-z0-9\u00C0-\u024F](?:[a-z0-9\u00C0-\u024F_-]{0,61}[a-z0-9\u00C0-\u024F])?\.){1,10}(?:xn--[a-z0-9-]{1,59}|[a-z]{2,63}))(:\d{1,5})?([/?#][^\s]{0,4096})?/gi;
const PATH_CHAR = /[A-Za-z0-9!*';:=+,.$/%#[\]\-_~@|&()?\u00C0-\u024F\u0400-\u04FF]/;
const PATH_END_CHAR = /[A-Za-z0-9=_#/+\-&\u00C0-\u024F\u0400-\u04FF]/;
const NOT_BEFORE_URL = /[A-Za-z0-9@\uFF20$#\uFF03\u202A-\u202E]/;
const NOT_BEFORE_BARE_URL = /[-_./]/;

function trimPath(path: string): string {
  let end = 0;
  while (end < path.length && PATH_CHAR.test(path.charAt(end))) end++;
  let p = path.slice(0, end);
  for (;;) {
    const last = p.charAt(p.length - 1);
    if (p === '') return p;
    if (last === ')') {
      const opens = p.split('(').length - 1;
      const closes = p.split(')').length - 1;
      if (closes <= opens) return p;
    } else if (PATH_END_CHAR.test(last)) {
      return p;
    }
    p = p.slice(0, -1);
  }
}

/** Links in the text, in the way twitter-text finds them (see the notes at the top). */
export function extractLinks(text: string): LinkMatch[] {
  const out: LinkMatch[] = [];
  URL_CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_CANDIDATE.exec(text))) {
    const start = m.index;
    const before = start > 0 ? text.charAt(start - 1) : '';
    const protocol = m[1] || '';
    const domain = m[2];
    const port = m[3] || '';
    const path = trimPath(m[4] || '');
    const tld = domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
    let valid = before === '' || !NOT_BEFORE_URL.test(before);
    if (valid && !protocol) {
      if (NOT_BEFORE_BARE_URL.test(before)) valid = false;
      else if (!(GTLDS.has(tld) || tld.length === 2 || tld.indexOf('xn--') === 0)) valid = false;
      else if (!port && !path && domain.split('.').length === 2 && tld.length === 2 && tld !== 'co' && tld !== 'tv') valid = false;
    }
    if (valid && protocol && !(GTLDS.has(tld) || /^[a-z]{2,63}$/i.test(tld) || tld.indexOf('xn--') === 0)) valid = false;
    if (!valid) {
      // Retry just after the rejected start, so "x.example.com" style overlaps are not lost.
      URL_CANDIDATE.lastIndex = start + Math.max(1, protocol.length || domain.indexOf('.') + 1);
      continue;
    }
    const url = protocol + domain + port + path;
    out.push({ url, start, end: start + url.length });
    URL_CANDIDATE.lastIndex = start + url.length;
  }
  return out;
}

function maskRanges(text: string, ranges: readonly LinkMatch[]): string {
  let out = '';
  let pos = 0;
  for (const r of ranges) {
    out += text.slice(pos, r.start) + new Array(r.end - r.start + 1).join(' ');
    pos = r.end;
  }
  return out + text.slice(pos);
}

function uniqueCaseless(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of list) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/** Hashtags without '#', unique (case-insensitive, first spelling kept). Links are skipped. */
export function extractHashtags(text: string): string[] {
  const masked = maskRanges(text, extractLinks(text));
  const re = /(^|[^\p{L}\p{M}\p{N}_&])[#\uFF03]([\p{L}\p{M}\p{N}_]+)/gu;
  const tags: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    if (/[\p{L}\p{M}]/u.test(m[2])) tags.push(m[2]);
  }
  return uniqueCaseless(tags);
}

/**
 * @mentions without '@', unique (case-insensitive). X usernames: letters, digits, '_' up to 15;
 * other platforms also allow '.' and up to 30. E-mail addresses are not mentions.
 */
export function extractMentions(text: string, platform: Platform = 'Instagram'): string[] {
  const masked = maskRanges(text, extractLinks(text));
  const re = /(^|[^A-Za-z0-9_!#$%&*@\uFF20.])[@\uFF20]([A-Za-z0-9_.]+)/g;
  const names: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    let name = m[2];
    if (platform === 'X') {
      name = name.replace(/\..*$/, '');
      if (name.length === 0 || name.length > 15) continue;
    } else {
      name = name.replace(/\.+$/, '');
      if (name.length === 0 || name.length > 30) continue;
    }
    names.push(name);
  }
  return uniqueCaseless(names);
}

// ---------------------------------------------------------------------------------------------
// Counting

function xWeight(cp: number): number {
  if (cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037)) return 1;
  return 2;
}

/** Weighted length of an X post (twitter-text v3 rules; see the notes at the top). */
export function weightedLengthX(text: string, urlLength: number = DEFAULT_COPY_LIMITS.X.urlLength): number {
  const t = text.normalize('NFC');
  const links = extractLinks(t);
  let li = 0;
  let total = 0;
  for (let i = 0; i < t.length; ) {
    if (li < links.length && links[li].start === i) {
      total += urlLength;
      i = links[li].end;
      li++;
      continue;
    }
    EMOJI_AT.lastIndex = i;
    const em = EMOJI_AT.exec(t);
    if (em && isEmojiPresentation(em[0])) {
      total += 2;
      i += em[0].length;
      continue;
    }
    const cp = t.codePointAt(i) as number;
    total += xWeight(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return total;
}

/** Number of UTF-8 bytes of the text (lone surrogates count 3, as U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The start of the text up to `maxUnits` UTF-16 units, cut on a grapheme boundary. */
export function visiblePrefix(text: string, maxUnits: number, useIntl = true): string {
  if (text.length <= maxUnits) return text;
  // Segment only the start: a grapheme cut by the slice ends past maxUnits and is never taken.
  let out = '';
  for (const g of splitGraphemes(text.slice(0, maxUnits + 65), useIntl)) {
    if (out.length + g.length > maxUnits) break;
    out += g;
  }
  return out.replace(/\s+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Messages

function formatNumber(n: number, sep: string): string {
  const s = String(Math.abs(Math.round(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s.charAt(i);
  }
  return (n < 0 ? '-' : '') + out;
}
const id = (n: number): string => formatNumber(n, '.');
const en = (n: number): string => formatNumber(n, ',');

function problem(code: CopyProblem['code'], severity: CopyProblem['severity'], message_id: string, message_en: string): CopyProblem {
  return { code, severity, message_id, message_en };
}

const COPY_NAME: Record<Platform, { id: string; en: string }> = {
  X: { id: 'Naskah X', en: 'The X copy' },
  Instagram: { id: 'Keterangan Instagram', en: 'The Instagram caption' },
  Facebook: { id: 'Naskah Facebook', en: 'The Facebook copy' },
  YouTube: { id: 'Deskripsi YouTube', en: 'The YouTube description' },
  TikTok: { id: 'Keterangan TikTok', en: 'The TikTok caption' },
};

const SHORTEN: Record<Platform, { id: string; en: string }> = {
  X: { id: 'Persingkat naskah atau pindahkan tautan ke balasan.', en: 'Shorten the copy or move the link to a reply.' },
  Instagram: { id: 'Persingkat keterangan atau pindahkan sebagian ke komentar pertama.', en: 'Shorten the caption or move part of it to the first comment.' },
  Facebook: { id: 'Persingkat naskah.', en: 'Shorten the copy.' },
  YouTube: {
    id: 'Persingkat deskripsi. YouTube menghitung huruf Latin biasa 1, huruf beraksen atau non-Latin 2–3, dan emoji 4.',
    en: 'Shorten the description. YouTube counts a plain Latin letter as 1, an accented or non-Latin letter as 2–3, and an emoji as 4.',
  },
  TikTok: { id: 'Persingkat keterangan atau pindahkan sebagian ke komentar.', en: 'Shorten the caption or move part of it to a comment.' },
};

const UNIT_EN: Record<CopyUnit, string> = { karakter: 'character', 'karakter berbobot': 'weighted-character', byte: 'byte' };

/**
 * A count's unit as people read it. YouTube's description limit is counted in UTF-8 bytes, a word
 * staff do not use: it reads "menurut hitungan YouTube" (the messages say how YouTube counts).
 */
export function copyUnitLabel(unit: CopyUnit | string, lang: 'id' | 'en'): string {
  const labels: Record<string, { id: string; en: string }> = {
    karakter: { id: 'karakter', en: 'characters' },
    'karakter berbobot': { id: 'karakter berbobot', en: 'weighted characters' },
    byte: { id: 'menurut hitungan YouTube', en: 'as YouTube counts' },
  };
  const l = labels[unit];
  return l ? l[lang] : unit;
}

function tooLong(platform: Platform, count: number, limit: number, unit: CopyUnit): CopyProblem {
  const over = count - limit;
  if (unit === 'byte') {
    return problem('too-long', 'error',
      COPY_NAME[platform].id + ' terlalu panjang: ' + id(count) + ' dari batas ' + id(limit) + ' menurut hitungan YouTube (lebih ' + id(over) + '). ' + SHORTEN[platform].id,
      COPY_NAME[platform].en + ' is too long: ' + en(count) + ' of the ' + en(limit) + ' limit as YouTube counts (' + en(over) + ' over). ' + SHORTEN[platform].en);
  }
  const overUnitId = 'karakter';
  const overUnitEn = over === 1 ? 'character' : 'characters';
  return problem('too-long', 'error',
    COPY_NAME[platform].id + ' melebihi batas ' + id(limit) + ' ' + unit + ' sebanyak ' + id(over) + ' ' + overUnitId + '. ' + SHORTEN[platform].id,
    COPY_NAME[platform].en + ' exceeds the ' + en(limit) + '-' + UNIT_EN[unit] + ' limit by ' + en(over) + ' ' + overUnitEn + '. ' + SHORTEN[platform].en);
}

function emptyProblem(platform: Platform): CopyProblem {
  return problem('empty', 'warning', COPY_NAME[platform].id + ' masih kosong. Tulis naskahnya sebelum diajukan.',
    COPY_NAME[platform].en + ' is empty. Write it before submitting.');
}

// ---------------------------------------------------------------------------------------------
// Checks

function mergedLimits<P extends Platform>(platform: P, limits?: CopyLimitsOverride): CopyLimits[P] {
  const over = limits ? limits[platform] : undefined;
  return { ...DEFAULT_COPY_LIMITS[platform], ...(over || {}) } as CopyLimits[P];
}

function field(count: number, limit: number, unit: CopyUnit): FieldCount {
  return { count, limit, unit, over: Math.max(0, count - limit) };
}

function finish(base: Omit<CopyCheck, 'ok' | 'over'>): CopyCheck {
  return { ...base, ok: !base.problems.some((p) => p.severity === 'error'), over: Math.max(0, base.count - base.limit) };
}

/**
 * Check copy for one platform. For YouTube, `text` is "title\n\ndescription": the first line is
 * the title and the rest (leading blank lines removed) the description; see checkYouTube.
 */
export function checkCopy(platform: Platform, text: string, limits?: CopyLimitsOverride): CopyCheck {
  const problems: CopyProblem[] = [];
  const links = extractLinks(platform === 'X' ? text.normalize('NFC') : text).map((l) => l.url);
  const hashtags = extractHashtags(text);
  const mentions = extractMentions(text, platform);
  const empty = text.trim() === '';
  switch (platform) {
    case 'X': {
      const lim = mergedLimits('X', limits);
      const count = weightedLengthX(text, lim.urlLength);
      if (empty) problems.push(emptyProblem('X'));
      if (count > lim.maxWeighted) problems.push(tooLong('X', count, lim.maxWeighted, 'karakter berbobot'));
      return finish({ platform, count, limit: lim.maxWeighted, unit: 'karakter berbobot', hashtags, mentions, links, problems });
    }
    case 'Instagram': {
      const lim = mergedLimits('Instagram', limits);
      const count = text.length;
      if (empty) problems.push(emptyProblem('Instagram'));
      if (count > lim.maxChars) problems.push(tooLong('Instagram', count, lim.maxChars, 'karakter'));
      if (hashtags.length > lim.maxHashtags) {
        const n = hashtags.length - lim.maxHashtags;
        problems.push(problem('too-many-hashtags', 'error',
          'Keterangan Instagram memuat ' + id(hashtags.length) + ' tagar, melebihi batas ' + id(lim.maxHashtags) + ' sebanyak ' + id(n) + '. Hapus ' + id(n) + ' tagar; jika terlalu banyak, Instagram membuang keterangan tanpa pemberitahuan.',
          'The Instagram caption has ' + en(hashtags.length) + ' hashtags, ' + en(n) + ' over the limit of ' + en(lim.maxHashtags) + '. Remove ' + en(n) + '; with too many, Instagram silently drops the caption.'));
      }
      if (hashtags.length > lim.appHashtagCap) {
        problems.push(problem('hashtag-app-cap', 'warning',
          'Aplikasi Instagram kini membatasi ' + id(lim.appHashtagCap) + ' tagar per unggahan; keterangan ini memuat ' + id(hashtags.length) + ' tagar. Kurangi menjadi ' + id(lim.appHashtagCap) + ' bila diunggah lewat aplikasi.',
          'The Instagram app now allows ' + en(lim.appHashtagCap) + ' hashtags per post; this caption has ' + en(hashtags.length) + '. Cut them to ' + en(lim.appHashtagCap) + ' when posting from the app.'));
      }
      if (mentions.length > lim.maxMentions) {
        const n = mentions.length - lim.maxMentions;
        problems.push(problem('too-many-mentions', 'error',
          'Keterangan Instagram menandai ' + id(mentions.length) + ' akun (@), melebihi batas ' + id(lim.maxMentions) + ' sebanyak ' + id(n) + '. Hapus ' + id(n) + ' sebutan akun.',
          'The Instagram caption mentions ' + en(mentions.length) + ' accounts, ' + en(n) + ' over the limit of ' + en(lim.maxMentions) + '. Remove ' + en(n) + ' mentions.'));
      }
      return finish({ platform, count, limit: lim.maxChars, unit: 'karakter', hashtags, mentions, links, visibleBeforeMore: visiblePrefix(text, lim.foldChars), problems });
    }
    case 'Facebook': {
      const lim = mergedLimits('Facebook', limits);
      const count = text.length;
      if (empty) problems.push(emptyProblem('Facebook'));
      if (count > lim.maxChars) problems.push(tooLong('Facebook', count, lim.maxChars, 'karakter'));
      if (count > lim.foldChars) {
        problems.push(problem('feed-truncation', 'warning',
          'Linimasa Facebook memotong naskah setelah sekitar ' + id(lim.foldChars) + ' karakter ("Lihat selengkapnya"); naskah ini ' + id(count) + ' karakter. Letakkan pesan utama di awal.',
          'The Facebook feed cuts the copy after about ' + en(lim.foldChars) + ' characters ("See more"); this copy has ' + en(count) + '. Put the key message first.'));
      }
      return finish({ platform, count, limit: lim.maxChars, unit: 'karakter', hashtags, mentions, links, visibleBeforeMore: visiblePrefix(text, lim.foldChars), problems });
    }
    case 'TikTok': {
      const lim = mergedLimits('TikTok', limits);
      const count = text.length;
      if (empty) problems.push(emptyProblem('TikTok'));
      if (count > lim.maxChars) problems.push(tooLong('TikTok', count, lim.maxChars, 'karakter'));
      return finish({ platform, count, limit: lim.maxChars, unit: 'karakter', hashtags, mentions, links, visibleBeforeMore: visiblePrefix(text, lim.foldChars), problems });
    }
    case 'YouTube': {
      const nl = text.indexOf('\n');
      const title = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
      const description = nl < 0 ? '' : text.slice(nl + 1).replace(/^(?:\r?\n)+/, '');
      return checkYouTube(title, description, limits);
    }
  }
}

/**
 * YouTube with separate fields: title <= 100 characters (UTF-16 units), required, one line;
 * description <= 5,000 UTF-8 bytes; neither may contain '<' or '>'.
 * count/limit/over of the result describe the description; `fields` has both.
 */
export function checkYouTube(title: string, description: string, limits?: CopyLimitsOverride): CopyCheck {
  const lim = mergedLimits('YouTube', limits);
  const problems: CopyProblem[] = [];
  const t = field(title.length, lim.titleMaxChars, 'karakter');
  const d = field(utf8Length(description), lim.descriptionMaxBytes, 'byte');
  if (title.trim() === '') {
    problems.push(problem('title-empty', 'error', 'Judul YouTube masih kosong. Isi kolom Judul dengan judul video.',
      'The YouTube title is empty. Fill in the Title field with the video title.'));
  }
  if (/[\r\n]/.test(title)) {
    problems.push(problem('title-newline', 'error', 'Judul YouTube tidak boleh berisi baris baru. Tulis judul dalam satu baris.',
      'The YouTube title must not contain line breaks. Keep it on one line.'));
  }
  if (t.over > 0) {
    problems.push(problem('title-too-long', 'error',
      'Judul YouTube melebihi batas ' + id(t.limit) + ' karakter sebanyak ' + id(t.over) + ' karakter. Persingkat judul.',
      'The YouTube title exceeds the ' + en(t.limit) + '-character limit by ' + en(t.over) + (t.over === 1 ? ' character' : ' characters') + '. Shorten the title.'));
  }
  if (d.over > 0) problems.push(tooLong('YouTube', d.count, d.limit, 'byte'));
  for (const [name, nameEn, value] of [['Judul', 'title', title], ['Deskripsi', 'description', description]] as const) {
    const bad = value.match(/[<>]/g);
    if (bad) {
      problems.push(problem('angle-brackets', 'error',
        name + ' YouTube memuat ' + id(bad.length) + ' tanda < atau >, yang ditolak YouTube. Hapus tanda itu atau ganti dengan ‹ ›.',
        'The YouTube ' + nameEn + ' contains ' + en(bad.length) + ' "<" or ">" sign' + (bad.length === 1 ? '' : 's') + ', which YouTube rejects. Remove them or use ‹ › instead.'));
    }
  }
  const both = title + '\n' + description;
  return finish({
    platform: 'YouTube', count: d.count, limit: d.limit, unit: 'byte',
    hashtags: extractHashtags(both), mentions: extractMentions(both, 'YouTube'), links: extractLinks(both).map((l) => l.url),
    problems, fields: { title: t, description: d },
  });
}

// ---------------------------------------------------------------------------------------------
// How the feed shows the copy (for approvers)

/** How X shows a link in a post: no scheme or "www.", cut after 23 characters with "…". */
export function xDisplayUrl(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  return bare.length > 23 ? `${bare.slice(0, 22)}…` : bare;
}

export interface FeedPreview {
  /** What the feed shows at first (X: links as X displays them). */
  visible: string;
  /** True when the feed cuts the copy there and shows "... lainnya" / "... more". */
  more: boolean;
}

/**
 * The copy as the platform's feed shows it: Instagram, Facebook and TikTok cut it at their fold
 * (visibleBeforeMore) and add "... lainnya"; X shows links shortened (xDisplayUrl); YouTube shows
 * the description as typed. Line breaks and hashtags are kept.
 */
export function feedPreview(platform: Platform, text: string, limits?: CopyLimitsOverride): FeedPreview {
  if (platform === 'X') {
    let out = '';
    let at = 0;
    for (const l of extractLinks(text)) {
      out += text.slice(at, l.start) + xDisplayUrl(text.slice(l.start, l.end));
      at = l.end;
    }
    return { visible: out + text.slice(at), more: false };
  }
  if (platform === 'YouTube') return { visible: text, more: false };
  const fold = mergedLimits(platform, limits).foldChars;
  const trimmed = text.replace(/\s+$/, '');
  const visible = visiblePrefix(trimmed, fold);
  return { visible, more: visible.length < trimmed.length };
}
