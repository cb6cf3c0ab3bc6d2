/**
 * What an item looks like in the approval mails and pages: item tables, the request, outcome and
 * digest mails (subject, plain text and HTML; all user text escaped).
 */
import { escapeHtml, formatDate, formatDateTime, formatMinutes, formatPeriod, Lang, defineMessages, Msg, tr, statusLabel } from '../i18n';
import { ApprovalPolicy, approvalStep, ItemKind } from '../sop';
import { Decision } from './record';

// What an item looks like in mails and pages

export interface ItemView {
  id: string;
  version: number;
  kind: ItemKind;
  status: string;
  /** Concepts. */
  date?: number | null;
  activity?: string;
  category?: string;
  platforms?: string;
  pic?: string;
  picName?: string;
  description?: string;
  /** Designs. */
  conceptId?: string;
  platform?: string;
  link?: string;
  title?: string;
  copy?: string;
  copyCheck?: string;
  feedback?: string;
  /** Designs: the plan item's Kegiatan/Informasi and planned date. */
  conceptTitle?: string;
  conceptDate?: number | null;
  /** Designs: the copy as the feed shows it (core/copy-limits feedPreview). */
  preview?: { visible: string; more: boolean };
  /** A resubmission: the note the previous version was sent back with, and by whom. */
  previousNote?: { text: string; by: string };
  /** A resubmission: what changed since the version the approvers saw (null: not known). */
  changes?: ItemChange[] | null;
}

/** One changed field of a resubmitted item. */
export interface ItemChange {
  field: string;
  before: string;
  after: string;
}

/** An href for a user-typed link: only http(s) URLs become links. */
export function safeHref(url: string | undefined): string | null {
  const u = String(url ?? '').trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null;
}

/**
 * Mail bodies list at most this many items (Apps Script caps a body at 200-400 KB; a month of
 * thousands of items would not fit): the rest are on the review page and in the workbook.
 */
export const MAIL_ITEM_LIMIT = 50;

export const APPROVAL_TEXT = defineMessages({
  moreItems: { id: '… dan {n} item lainnya. Semua item ada di halaman tinjauan dan di workbook.', en: '… and {n} more items. All items are on the review page and in the workbook.' },
  kindKonsep: { id: 'konsep konten', en: 'content plan' },
  kindDesain: { id: 'desain konten', en: 'content designs' },
  colId: { id: 'ID', en: 'ID' },
  colDate: { id: 'Rencana Tayang', en: 'Planned date' },
  colActivity: { id: 'Kegiatan/Informasi', en: 'Activity/Information' },
  colPlatforms: { id: 'Platform', en: 'Platforms' },
  colPic: { id: 'PIC', en: 'Owner' },
  colConcept: { id: 'ID Konsep', en: 'Plan ID' },
  colLink: { id: 'Tautan Desain', en: 'Design link' },
  colTitle: { id: 'Judul', en: 'Title' },
  colCopy: { id: 'Naskah', en: 'Copy' },
  colCheck: { id: 'Cek Naskah', en: 'Copy check' },
  colStatus: { id: 'Status', en: 'Status' },
  colCategory: { id: 'Kategori', en: 'Category' },
  colDescription: { id: 'Deskripsi', en: 'Description' },
  colConceptTitle: { id: 'Konsep', en: 'Plan item' },
  previewOn: { id: 'Tampilan di {platform}', en: 'As shown on {platform}' },
  more: { id: '... lainnya', en: '... more' },
  thumbnail: { id: 'Pratinjau desain (buka tautan bila gambar tidak tampil)', en: 'Design preview (open the link if the image does not show)' },
  previousNote: { id: 'Catatan revisi sebelumnya ({by})', en: 'Previous revision note ({by})' },
  changesHead: { id: 'Yang berubah sejak versi {v}', en: 'What changed since version {v}' },
  changesNone: { id: 'Tidak ada isian yang berubah sejak versi {v}.', en: 'No field changed since version {v}.' },
  changesUnknown: { id: 'Isi versi {v} tidak tersimpan; bandingkan dengan workbook.', en: 'The content of version {v} was not stored; compare in the workbook.' },
  before: { id: 'Sebelumnya', en: 'Before' },
  after: { id: 'Sekarang', en: 'Now' },
  colFeedback: { id: 'Catatan Revisi', en: 'Revision notes' },
  requestSubject: { id: '[Siaran] Mohon persetujuan {kind} {period} ({n} item) – {id}', en: '[Siaran] Approval requested: {kind} {period} ({n} items) – {id}' },
  urgentSubject: { id: '[Siaran] MENDESAK – Mohon persetujuan {kind} {period} ({n} item) – {id}', en: '[Siaran] URGENT – Approval requested: {kind} {period} ({n} items) – {id}' },
  urgentTag: { id: 'MENDESAK', en: 'URGENT' },
  urgentNote: {
    id: 'MENDESAK: {submitter} menandai pengajuan ini mendesak, sehingga email ini dikirim tanpa menunggu ringkasan. Mohon diputuskan secepatnya.',
    en: 'URGENT: {submitter} marked this submission urgent, so this mail was sent on its own instead of in a digest. Please decide as soon as you can.',
  },
  greeting: { id: 'Yth. Bapak/Ibu {name},', en: 'Dear {name},' },
  greetingMany: { id: 'Yth. Bapak/Ibu {names},', en: 'Dear {names},' },
  shareWa: { id: 'Bagikan ke WhatsApp', en: 'Share to WhatsApp' },
  batchSubject: { id: '[Siaran] Mohon persetujuan: {r} permintaan ({n} item) – {ids}', en: '[Siaran] Approval requested: {r} requests ({n} items) – {ids}' },
  batchIntro: {
    id: 'Berikut {r} permintaan persetujuan ({n} item) yang diajukan berdekatan, dalam satu email. Setiap permintaan punya tautan tinjauannya sendiri.',
    en: 'Here are {r} approval requests ({n} items) submitted close together, in one mail. Each request has its own review link.',
  },
  strategySubject: { id: '[Siaran] Strategi {period} disimpan oleh {by}', en: '[Siaran] Strategy for {period} saved by {by}' },
  strategyIntro: { id: '{by} menyimpan strategi dan arahan untuk {period} (langkah 1 SOP). Arahan per platform:', en: '{by} saved the strategy and directions for {period} (SOP step 1). Directions per platform:' },
  strategyEmpty: { id: '(belum ada arahan)', en: '(no directions yet)' },
  requestIntro: {
    id: '{submitter} mengajukan {n} item {kind} untuk {period} (langkah {step} SOP). Mohon setujui atau minta revisi per item.',
    en: '{submitter} submitted {n} item(s) of the {kind} for {period} (SOP step {step}). Please approve each item or send it back for revision.',
  },
  levelInfo: { id: 'Tingkat {level} dari {levels} ({policy}).', en: 'Level {level} of {levels} ({policy}).' },
  reviewLink: { id: 'Tinjau dan putuskan', en: 'Review and decide' },
  workbookLink: { id: 'Buka workbook', en: 'Open the workbook' },
  safety: {
    id: 'Membuka email atau tautan ini tidak memutuskan apa pun: keputusan baru tersimpan setelah Anda menekan tombol Kirim di halaman peninjauan. Tautan berlaku sampai {expiry} dan hanya untuk Anda.',
    en: 'Opening this mail or the link decides nothing: a decision is saved only when you press Send on the review page. The link is valid until {expiry} and only for you.',
  },
  outcomeSubject: { id: '[Siaran] Hasil persetujuan {kind} {period} – {id}', en: '[Siaran] Approval result: {kind} {period} – {id}' },
  outcomeIntro: { id: 'Keputusan atas {kind} {period} yang diajukan {submitter}:', en: 'Decisions on the {kind} for {period} submitted by {submitter}:' },
  outcomeRevise: {
    id: 'Item berstatus Perlu Revisi: perbaiki sesuai catatan, lalu ajukan kembali (versi baru akan dibuat).',
    en: 'Items marked Needs revision: fix them as noted, then submit again (a new version is made).',
  },
  digestSubject: { id: '[Siaran] Pengingat: {n} permintaan persetujuan menunggu', en: '[Siaran] Reminder: {n} approval request(s) waiting' },
  digestIntro: { id: 'Permintaan berikut menunggu keputusan Anda:', en: 'These requests are waiting for your decision:' },
  digestEscalated: { id: 'Eskalasi: permintaan berikut menunggu di Kasubbag melebihi batas waktu:', en: 'Escalation: these requests have waited at the Kasubbag beyond the limit:' },
  digestLine: { id: '{id} – {kind} {period}, tingkat {level}, sudah menunggu {waited} dalam jam kerja{on}', en: '{id} – {kind} {period}, level {level}, waiting for {waited} of working hours{on}' },
  digestOn: { id: ', di {who}', en: ', at {who}' },
  footer: { id: 'Email ini dikirim otomatis oleh Siaran (SOP 170/SOP/2300/06/2022).', en: 'This mail was sent automatically by Siaran (SOP 170/SOP/2300/06/2022).' },
  policyBerurutan: { id: 'berurutan: Kasubbag lalu Kabag', en: 'sequential: Kasubbag then Kabag' },
  policyParalel: { id: 'paralel: semua penyetuju harus menyetujui', en: 'parallel: every approver must approve' },
  policySalahSatu: { id: 'salah satu penyetuju cukup', en: 'any one approver decides' },
  approved: { id: 'Disetujui', en: 'Approved' },
  revise: { id: 'Perlu Revisi', en: 'Needs revision' },
});

export function kindLabel(kind: ItemKind, lang: Lang): string {
  return tr(lang, kind === 'konsep' ? APPROVAL_TEXT.kindKonsep : APPROVAL_TEXT.kindDesain);
}

export function policyLabel(policy: ApprovalPolicy, lang: Lang): string {
  return tr(lang, policy === 'berurutan' ? APPROVAL_TEXT.policyBerurutan : policy === 'paralel' ? APPROVAL_TEXT.policyParalel : APPROVAL_TEXT.policySalahSatu);
}

export type ItemFieldKey = 'id' | 'date' | 'activity' | 'category' | 'platforms' | 'pic' | 'description' | 'conceptId' | 'concept' | 'platform' | 'link' | 'title' | 'copy' | 'copyCheck';

const FIELD_LABEL: Record<ItemFieldKey, Msg> = {
  id: APPROVAL_TEXT.colId,
  date: APPROVAL_TEXT.colDate,
  activity: APPROVAL_TEXT.colActivity,
  category: APPROVAL_TEXT.colCategory,
  platforms: APPROVAL_TEXT.colPlatforms,
  pic: APPROVAL_TEXT.colPic,
  description: APPROVAL_TEXT.colDescription,
  conceptId: APPROVAL_TEXT.colConcept,
  concept: APPROVAL_TEXT.colConceptTitle,
  platform: APPROVAL_TEXT.colPlatforms,
  link: APPROVAL_TEXT.colLink,
  title: APPROVAL_TEXT.colTitle,
  copy: APPROVAL_TEXT.colCopy,
  copyCheck: APPROVAL_TEXT.colCheck,
};

const KEYS: Record<ItemKind, ItemFieldKey[]> = {
  konsep: ['id', 'date', 'activity', 'category', 'platforms', 'pic', 'description'],
  desain: ['id', 'conceptId', 'concept', 'platform', 'link', 'title', 'copy', 'copyCheck'],
};

export function fieldLabel(key: ItemFieldKey, lang: Lang): string {
  return tr(lang, FIELD_LABEL[key]);
}

/** The item's fields in order: key, label and plain text (not escaped). */
export function itemFields(item: ItemView, lang: Lang): Array<{ key: ItemFieldKey; label: string; text: string }> {
  const text = (key: ItemFieldKey): string => {
    switch (key) {
      case 'id':
        return `${item.id} v${item.version}`;
      case 'date':
        return item.date ? formatDate(item.date, lang) : '';
      case 'pic':
        return item.picName && item.picName !== item.pic ? `${item.picName} <${item.pic ?? ''}>` : (item.pic ?? '');
      case 'concept':
        return [item.conceptTitle ?? '', item.conceptDate ? formatDate(item.conceptDate, lang) : ''].filter(Boolean).join(' · ');
      default:
        return String(item[key] ?? '');
    }
  };
  return KEYS[item.kind].map((key) => ({ key, label: fieldLabel(key, lang), text: text(key) }));
}

/** Column headers and cell texts of the item table (plain text, not escaped). */
export function itemColumns(kind: ItemKind, lang: Lang): string[] {
  return KEYS[kind].map((k) => fieldLabel(k, lang));
}

export function itemCells(item: ItemView, lang: Lang): string[] {
  return itemFields(item, lang).map((f) => f.text);
}

/** The Drive file id of a Drive link (…/file/d/ID/…, …open?id=ID, …uc?id=ID), else null. */
export function driveFileId(url: string | undefined): string | null {
  const u = safeHref(url);
  if (!u || !/^https:\/\/(drive|docs)\.google\.com\//i.test(u)) return null;
  const m = /\/file\/d\/([A-Za-z0-9_-]+)/.exec(u) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(u);
  return m ? m[1] : null;
}

/** Drive's thumbnail of a file (shown to people who may open the file). */
export function driveThumbnailUrl(fileId: string): string {
  return `https://drive.google.com/thumbnail?id=${encodeURIComponent(fileId)}&sz=w480`;
}

/** Styles shared by the mails and the review page so both read on a 320 px phone. */
export const WRAP_STYLE = 'overflow-wrap:anywhere;word-break:break-word';
export const ID_STYLE = 'white-space:nowrap';

/** An item id (and version) that never breaks across lines ("K-0041" stays whole). */
export function idHtml(text: string): string {
  return `<span class="id" style="${ID_STYLE}">${escapeHtml(text)}</span>`;
}

/** A field value as HTML: escaped; the design link a link when it is http(s); ids unbroken. */
export function cellHtml(item: ItemView, key: ItemFieldKey, text: string): string {
  if (key === 'id' || key === 'conceptId') return idHtml(text);
  if (key === 'link') {
    const href = safeHref(item.link);
    return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener" style="${WRAP_STYLE}">${escapeHtml(text)}</a>` : escapeHtml(text);
  }
  return escapeHtml(text);
}

/** Copy as HTML with hashtags, mentions and links coloured as a feed does. */
function feedHtml(text: string): string {
  return text
    .split(/(#[\p{L}\p{N}_]+|@[A-Za-z0-9_.]+|https?:\/\/\S+)/u)
    .map((part, i) => (i % 2 ? `<span style="color:#00376b">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join('');
}

/**
 * What an approver needs beyond the fields: the Drive thumbnail of the design, the copy as the
 * feed shows it, and for a resubmission the previous note and the marked list of changes.
 */
export function itemExtrasHtml(item: ItemView, lang: Lang): string {
  let out = '';
  const label = 'color:#5f6368;font-size:12px;margin-top:8px';
  const fileId = item.kind === 'desain' ? driveFileId(item.link) : null;
  if (fileId) {
    out +=
      `<div style="${label}">${escapeHtml(tr(lang, APPROVAL_TEXT.thumbnail))}</div>` +
      `<a href="${escapeHtml(safeHref(item.link) ?? '')}" target="_blank" rel="noopener"><img src="${escapeHtml(driveThumbnailUrl(fileId))}" alt="${escapeHtml(tr(lang, APPROVAL_TEXT.colLink))}" width="240" style="max-width:100%;height:auto;border:1px solid #dadce0;border-radius:4px"></a>`;
  }
  if (item.kind === 'desain' && item.preview && item.platform) {
    out +=
      `<div style="${label}">${escapeHtml(tr(lang, APPROVAL_TEXT.previewOn, { platform: item.platform }))}</div>` +
      `<div class="feed" style="border:1px solid #dadce0;border-radius:8px;padding:8px 10px;background:#fafafa;white-space:pre-wrap;${WRAP_STYLE}">${feedHtml(item.preview.visible)}` +
      (item.preview.more ? `<span style="color:#737373"> ${escapeHtml(tr(lang, APPROVAL_TEXT.more))}</span>` : '') +
      `</div>`;
  }
  if (item.previousNote) {
    out += `<div class="prev-note" style="margin-top:8px;padding:6px 10px;border-left:3px solid #d93025;background:#fce8e6;white-space:pre-wrap;${WRAP_STYLE}"><b>${escapeHtml(tr(lang, APPROVAL_TEXT.previousNote, { by: item.previousNote.by }))}:</b> ${escapeHtml(item.previousNote.text)}</div>`;
  }
  if (item.version > 1 && item.changes !== undefined) {
    const v = item.version - 1;
    if (item.changes === null) out += `<p class="changes" style="${label}">${escapeHtml(tr(lang, APPROVAL_TEXT.changesUnknown, { v }))}</p>`;
    else if (!item.changes.length) out += `<p class="changes" style="${label}">${escapeHtml(tr(lang, APPROVAL_TEXT.changesNone, { v }))}</p>`;
    else {
      out +=
        `<div class="changes" style="margin-top:8px"><b>${escapeHtml(tr(lang, APPROVAL_TEXT.changesHead, { v }))}</b><ul style="margin:4px 0;padding-left:20px">` +
        item.changes
          .map(
            (c) =>
              `<li style="${WRAP_STYLE}"><b>${escapeHtml(c.field)}</b><br><span style="color:#5f6368">${escapeHtml(tr(lang, APPROVAL_TEXT.before))}:</span> <del style="background:#fce8e6;white-space:pre-wrap">${escapeHtml(c.before || '—')}</del><br>` +
              `<span style="color:#5f6368">${escapeHtml(tr(lang, APPROVAL_TEXT.after))}:</span> <ins style="background:#e6f4ea;text-decoration:none;white-space:pre-wrap">${escapeHtml(c.after || '—')}</ins></li>`,
          )
          .join('') +
        `</ul></div>`;
    }
  }
  return out;
}

/** The same, as plain text for the text part of a mail. */
export function itemExtrasText(item: ItemView, lang: Lang): string {
  const lines: string[] = [];
  if (item.kind === 'desain' && item.preview && item.platform) {
    lines.push(`  ${tr(lang, APPROVAL_TEXT.previewOn, { platform: item.platform })}:`, `    ${(item.preview.visible + (item.preview.more ? ` ${tr(lang, APPROVAL_TEXT.more)}` : '')).replace(/\n/g, '\n    ')}`);
  }
  if (item.previousNote) lines.push(`  ${tr(lang, APPROVAL_TEXT.previousNote, { by: item.previousNote.by })}: ${item.previousNote.text.replace(/\n/g, '\n    ')}`);
  if (item.version > 1 && item.changes !== undefined) {
    const v = item.version - 1;
    if (item.changes === null) lines.push(`  ${tr(lang, APPROVAL_TEXT.changesUnknown, { v })}`);
    else if (!item.changes.length) lines.push(`  ${tr(lang, APPROVAL_TEXT.changesNone, { v })}`);
    else {
      lines.push(`  ${tr(lang, APPROVAL_TEXT.changesHead, { v })}:`);
      for (const c of item.changes) lines.push(`  * ${c.field}: ${tr(lang, APPROVAL_TEXT.before)} "${c.before.slice(0, 300)}" → ${tr(lang, APPROVAL_TEXT.after)} "${c.after.slice(0, 300)}"`);
    }
  }
  return lines.join('\n');
}

/**
 * The items as HTML for a mail: one stacked block per item (label above value), no wide table,
 * so a 320 px phone shows everything without scrolling sideways; long links and copy wrap.
 */
export function itemTableHtml(items: readonly ItemView[], kind: ItemKind, lang: Lang, extra?: { header: string; cell: (item: ItemView) => string }): string {
  void kind;
  const box = `border:1px solid #dadce0;border-radius:6px;padding:8px 10px;margin:8px 0;${WRAP_STYLE}`;
  const label = 'color:#5f6368;font-size:12px;margin-top:6px';
  const value = `white-space:pre-wrap;${WRAP_STYLE}`;
  return items
    .map((it) => {
      const fields = itemFields(it, lang);
      const rows = fields
        .map((f) => (f.key === 'id' || !f.text ? '' : `<div style="${label}">${escapeHtml(f.label)}</div><div style="${value}">${cellHtml(it, f.key, f.text)}</div>`))
        .join('');
      const more = extra ? `<div style="${label}">${escapeHtml(extra.header)}</div><div style="${value}">${extra.cell(it)}</div>` : '';
      return `<div class="item" style="${box}"><div style="font-weight:bold">${cellHtml(it, 'id', fields[0].text)}</div>${rows}${itemExtrasHtml(it, lang)}${more}</div>`;
    })
    .join('');
}

export function itemTableText(items: readonly ItemView[], kind: ItemKind, lang: Lang): string {
  const heads = itemColumns(kind, lang);
  return items
    .map((it) => {
      const cells = itemCells(it, lang);
      const extras = itemExtrasText(it, lang);
      return cells.map((c, i) => `  ${heads[i]}: ${c.replace(/\n/g, '\n    ')}`).join('\n') + (extras ? `\n${extras}` : '');
    })
    .join('\n\n');
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

function wrapHtml(inner: string): string {
  return `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.45;max-width:640px;${WRAP_STYLE}">${inner}</div>`;
}

function button(href: string, label: string, primary: boolean): string {
  const bg = primary ? '#1a73e8' : '#ffffff';
  const fg = primary ? '#ffffff' : '#1a73e8';
  return `<a href="${escapeHtml(href)}" target="_blank" style="display:inline-block;box-sizing:border-box;min-height:44px;line-height:26px;padding:8px 16px;margin:4px 8px 4px 0;border:1px solid #1a73e8;border-radius:4px;background:${bg};color:${fg};text-decoration:none">${escapeHtml(label)}</a>`;
}

export interface RequestMailInput {
  lang: Lang;
  requestId: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  level: number;
  levels: number;
  approverName: string;
  submitterName: string;
  items: readonly ItemView[];
  reviewUrl: string;
  workbookUrl: string;
  expiresAt: number;
  /** The submitter marked it "Mendesak": the subject and the text say MENDESAK. */
  urgent?: boolean;
}

/** The MENDESAK line of an urgent request (mail and page), or ''. */
export function urgentLine(urgent: boolean | undefined, submitter: string, lang: Lang): string {
  return urgent ? tr(lang, APPROVAL_TEXT.urgentNote, { submitter }) : '';
}

/** The MENDESAK banner as HTML (red, bold; fits any width). */
export function urgentHtml(urgent: boolean | undefined, submitter: string, lang: Lang): string {
  const line = urgentLine(urgent, submitter, lang);
  return line ? `<p class="urgent" style="margin:8px 0;padding:8px 12px;border-left:4px solid #c5221f;background:#fce8e6;color:#a50e0e;font-weight:bold">${escapeHtml(line)}</p>` : '';
}

/** One request's part of a mail: who submitted what, its items and its review button. */
function requestSection(p: RequestMailInput): { text: string; html: string } {
  const { lang } = p;
  const kind = kindLabel(p.kind, lang);
  const period = formatPeriod(p.period, lang);
  const step = approvalStep(p.kind);
  const intro = tr(lang, APPROVAL_TEXT.requestIntro, { submitter: p.submitterName, n: p.items.length, kind, period, step });
  const level = tr(lang, APPROVAL_TEXT.levelInfo, { level: p.level, levels: p.levels, policy: policyLabel(p.policy, lang) });
  const review = tr(lang, APPROVAL_TEXT.reviewLink);
  const shown = p.items.slice(0, MAIL_ITEM_LIMIT);
  const more = p.items.length > shown.length ? tr(lang, APPROVAL_TEXT.moreItems, { n: p.items.length - shown.length }) : '';
  const urgent = urgentLine(p.urgent, p.submitterName, lang);
  return {
    text: [...(urgent ? [urgent, ''] : []), intro, level, '', itemTableText(shown, p.kind, lang), more, '', `${review}: ${p.reviewUrl}`].join('\n'),
    html: urgentHtml(p.urgent, p.submitterName, lang) + `<p>${escapeHtml(intro)}<br>${escapeHtml(level)}</p>` + itemTableHtml(shown, p.kind, lang) + (more ? `<p>${escapeHtml(more)}</p>` : '') + `<p>${button(p.reviewUrl, review, true)}</p>`,
  };
}

/** The mail to an approver whose turn it is. */
export function buildRequestMail(p: RequestMailInput): MailContent {
  const { lang } = p;
  const kind = kindLabel(p.kind, lang);
  const period = formatPeriod(p.period, lang);
  const subject = tr(lang, p.urgent ? APPROVAL_TEXT.urgentSubject : APPROVAL_TEXT.requestSubject, { kind, period, n: p.items.length, id: p.requestId });
  const greeting = tr(lang, APPROVAL_TEXT.greeting, { name: p.approverName });
  const safety = tr(lang, APPROVAL_TEXT.safety, { expiry: formatDateTime(p.expiresAt, lang) });
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const part = requestSection(p);
  const text = [greeting, '', part.text, `${workbook}: ${p.workbookUrl}`, '', safety, '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(greeting)}</p>` +
      part.html.replace(/<\/p>$/, `${button(p.workbookUrl, workbook, false)}</p>`) +
      `<p style="color:#5f6368;font-size:12px">${escapeHtml(safety)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

/**
 * One mail for several requests to the same approver (submissions close together, see the
 * Pengaturan key jeda_ringkasan_menit): each request with its items and its own review link.
 */
export function buildBatchRequestMail(parts: readonly RequestMailInput[]): MailContent {
  const first = parts[0];
  const { lang } = first;
  const ids = parts.map((p) => p.requestId).join(', ');
  const n = parts.reduce((a, p) => a + p.items.length, 0);
  const subject = tr(lang, APPROVAL_TEXT.batchSubject, { r: parts.length, n, ids });
  const greeting = tr(lang, APPROVAL_TEXT.greeting, { name: first.approverName });
  const intro = tr(lang, APPROVAL_TEXT.batchIntro, { r: parts.length, n });
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const safety = tr(lang, APPROVAL_TEXT.safety, { expiry: formatDateTime(Math.min(...parts.map((p) => p.expiresAt)), lang) });
  const head = (p: RequestMailInput) => `${p.requestId} – ${kindLabel(p.kind, lang)} ${formatPeriod(p.period, lang)}`;
  const text = [greeting, '', intro, '', ...parts.map((p) => `== ${head(p)} ==\n${requestSection(p).text}\n`), `${workbook}: ${first.workbookUrl}`, '', safety, '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>` +
      parts.map((p) => `<h3 style="font-size:15px;margin:16px 0 4px">${idHtml(p.requestId)} – ${escapeHtml(`${kindLabel(p.kind, lang)} ${formatPeriod(p.period, lang)}`)}</h3>${requestSection(p).html}`).join('') +
      `<p>${button(first.workbookUrl, workbook, false)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(safety)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

/** The mail to the submitter (and the PICs) with the final outcome of items, feedback included. */
export function buildOutcomeMail(p: {
  lang: Lang;
  requestId: string;
  kind: ItemKind;
  period: string;
  submitterName: string;
  items: ReadonlyArray<ItemView & { outcome: Decision; decidedBy: string }>;
  workbookUrl: string;
  /** Everyone the mail goes to (the submitter, then the PICs), for the salutation. */
  recipientNames?: readonly string[];
  /** "Bagikan ke WhatsApp" (a wa.me link). */
  shareUrl?: string;
}): MailContent {
  const { lang } = p;
  const names = p.recipientNames && p.recipientNames.length ? p.recipientNames : [p.submitterName];
  const greeting = tr(lang, APPROVAL_TEXT.greetingMany, { names: names.join(lang === 'id' ? ', Bapak/Ibu ' : ', ') });
  const share = tr(lang, APPROVAL_TEXT.shareWa);
  const kind = kindLabel(p.kind, lang);
  const period = formatPeriod(p.period, lang);
  const subject = tr(lang, APPROVAL_TEXT.outcomeSubject, { kind, period, id: p.requestId });
  const intro = tr(lang, APPROVAL_TEXT.outcomeIntro, { kind, period, submitter: p.submitterName });
  const label = (d: Decision) => tr(lang, d === 'approve' ? APPROVAL_TEXT.approved : APPROVAL_TEXT.revise);
  const anyRevise = p.items.some((i) => i.outcome === 'revise');
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const feedbackHead = tr(lang, APPROVAL_TEXT.colFeedback);
  const shown = p.items.slice(0, MAIL_ITEM_LIMIT);
  const more = p.items.length > shown.length ? tr(lang, APPROVAL_TEXT.moreItems, { n: p.items.length - shown.length }) : '';
  const textItems = shown
    .map((i) => {
      const cells = itemCells(i, lang);
      const lines = [`- ${cells[0]}: ${label(i.outcome)} (${i.decidedBy})`, `  ${cells.slice(1).filter(Boolean).join(' | ').replace(/\n/g, ' ')}`];
      if (i.outcome === 'revise' && i.feedback) lines.push(`  ${feedbackHead}: ${i.feedback.replace(/\n/g, '\n    ')}`);
      return lines.join('\n');
    })
    .join('\n');
  const text = [greeting, '', intro, '', textItems, more, '', anyRevise ? tr(lang, APPROVAL_TEXT.outcomeRevise) : '', `${workbook}: ${p.workbookUrl}`, p.shareUrl ? `${share}: ${p.shareUrl}` : '', '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>` +
      itemTableHtml(shown, p.kind, lang, {
        header: `${tr(lang, APPROVAL_TEXT.colStatus)} / ${feedbackHead}`,
        cell: (it) => {
          const o = (it as ItemView & { outcome: Decision; decidedBy: string }).outcome;
          const by = (it as ItemView & { decidedBy: string }).decidedBy;
          return `<strong>${escapeHtml(label(o))}</strong> (${escapeHtml(by)})${o === 'revise' && it.feedback ? `<br>${escapeHtml(it.feedback)}` : ''}`;
        },
      }) +
      (more ? `<p>${escapeHtml(more)}</p>` : '') +
      (anyRevise ? `<p>${escapeHtml(tr(lang, APPROVAL_TEXT.outcomeRevise))}</p>` : '') +
      `<p>${button(p.workbookUrl, workbook, true)}${p.shareUrl ? button(p.shareUrl, share, false) : ''}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

export interface DigestLine {
  requestId: string;
  kind: ItemKind;
  period: string;
  level: number;
  waitedMinutes: number;
  waitingOn?: string;
  reviewUrl?: string;
}

/** One daily digest: what waits on the person, and (for the Kabag) what is escalated. */
export function buildDigestMail(p: { lang: Lang; name: string; own: readonly DigestLine[]; escalated: readonly DigestLine[]; workbookUrl: string }): MailContent {
  const { lang } = p;
  const n = p.own.length + p.escalated.length;
  const subject = tr(lang, APPROVAL_TEXT.digestSubject, { n });
  const line = (l: DigestLine) =>
    tr(lang, APPROVAL_TEXT.digestLine, {
      id: l.requestId,
      kind: kindLabel(l.kind, lang),
      period: formatPeriod(l.period, lang),
      level: l.level,
      waited: formatMinutes(l.waitedMinutes, lang),
      on: l.waitingOn ? tr(lang, APPROVAL_TEXT.digestOn, { who: l.waitingOn }) : '',
    });
  const review = tr(lang, APPROVAL_TEXT.reviewLink);
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const textParts = [tr(lang, APPROVAL_TEXT.greeting, { name: p.name }), ''];
  const htmlParts = [`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.greeting, { name: p.name }))}</p>`];
  if (p.own.length) {
    textParts.push(tr(lang, APPROVAL_TEXT.digestIntro));
    htmlParts.push(`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.digestIntro))}</p><ul>`);
    for (const l of p.own) {
      textParts.push(`- ${line(l)}${l.reviewUrl ? `\n  ${review}: ${l.reviewUrl}` : ''}`);
      htmlParts.push(`<li>${idHtml(l.requestId)}${escapeHtml(line(l).slice(l.requestId.length))}${l.reviewUrl ? ` – <a href="${escapeHtml(l.reviewUrl)}" target="_blank">${escapeHtml(review)}</a>` : ''}</li>`);
    }
    htmlParts.push('</ul>');
    textParts.push('');
  }
  if (p.escalated.length) {
    textParts.push(tr(lang, APPROVAL_TEXT.digestEscalated));
    htmlParts.push(`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.digestEscalated))}</p><ul>`);
    for (const l of p.escalated) {
      textParts.push(`- ${line(l)}`);
      htmlParts.push(`<li>${idHtml(l.requestId)}${escapeHtml(line(l).slice(l.requestId.length))}</li>`);
    }
    htmlParts.push('</ul>');
    textParts.push('');
  }
  textParts.push(`${workbook}: ${p.workbookUrl}`, '', tr(lang, APPROVAL_TEXT.footer));
  htmlParts.push(`<p>${button(p.workbookUrl, workbook, true)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(tr(lang, APPROVAL_TEXT.footer))}</p>`);
  return { subject, text: textParts.join('\n'), html: wrapHtml(htmlParts.join('')) };
}

/** The mail to the heads when the strategy of a month is saved (step 1). */
export function buildStrategyMail(p: { lang: Lang; name: string; byName: string; period: string; directions: ReadonlyArray<{ platform: string; text: string }>; workbookUrl: string }): MailContent {
  const { lang } = p;
  const period = formatPeriod(p.period, lang);
  const subject = tr(lang, APPROVAL_TEXT.strategySubject, { period, by: p.byName });
  const greeting = tr(lang, APPROVAL_TEXT.greeting, { name: p.name });
  const intro = tr(lang, APPROVAL_TEXT.strategyIntro, { by: p.byName, period });
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const lines = p.directions.length ? p.directions.map((d) => `- ${d.platform}: ${d.text}`) : [tr(lang, APPROVAL_TEXT.strategyEmpty)];
  const text = [greeting, '', intro, ...lines, '', `${workbook}: ${p.workbookUrl}`, '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>` +
      (p.directions.length ? `<ul>${p.directions.map((d) => `<li style="white-space:pre-wrap;${WRAP_STYLE}"><b>${escapeHtml(d.platform)}:</b> ${escapeHtml(d.text)}</li>`).join('')}</ul>` : `<p>${escapeHtml(tr(lang, APPROVAL_TEXT.strategyEmpty))}</p>`) +
      `<p>${button(p.workbookUrl, workbook, true)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

/** A status as shown (the stored value, or its English label). */
export function shownStatus(status: string, lang: Lang): string {
  return statusLabel(status, lang);
}
