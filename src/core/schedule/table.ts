/**
 * A CSV file or a table pasted from a spreadsheet or a web page: the hearing schedule as the Court
 * publishes it (date, time, case number, the law under review, the agenda, room) and non-hearing
 * activities (visits, bimtek, seminars, anniversaries) in the same or another table.
 */
import { parseCsv } from '../csv';
import { parseDateCell } from '../calendar';
import { SCHEDULE_MESSAGES as M } from './messages';
import { classify, findLaw, isCaseNumber, normalizeCaseNumber } from './kinds';
import type { ParsedSchedule, ScheduleEvent, ScheduleProblem } from './types';

type Field = 'date' | 'time' | 'caseNo' | 'law' | 'agenda' | 'activity' | 'kind' | 'room' | 'id';

/** Header names, compared lower-case with spaces and punctuation squeezed. */
const HEADERS: Record<Field, string[]> = {
  date: ['tanggal', 'tgl', 'hari tanggal', 'hari tgl', 'tanggal sidang', 'tanggal kegiatan', 'date'],
  time: ['waktu', 'jam', 'pukul', 'time', 'waktu sidang', 'jam sidang', 'mulai'],
  caseNo: ['nomor perkara', 'no perkara', 'perkara', 'nomor', 'no', 'case number', 'registrasi'],
  law: ['pokok perkara', 'pokok permohonan', 'perihal', 'undang undang', 'uu', 'uu yang diuji', 'pengujian', 'law'],
  agenda: ['agenda', 'agenda sidang', 'acara sidang', 'jenis sidang', 'sidang'],
  activity: ['kegiatan', 'nama kegiatan', 'acara', 'judul', 'activity', 'event', 'keterangan kegiatan'],
  kind: ['jenis', 'jenis kegiatan', 'kategori', 'type'],
  room: ['ruang', 'ruang sidang', 'ruangan', 'tempat', 'lokasi', 'location', 'room'],
  id: ['id', 'uid', 'kode', 'id acara'],
};

const squeeze = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function locate(header: string[]): Partial<Record<Field, number>> {
  const norm = header.map(squeeze);
  const out: Partial<Record<Field, number>> = {};
  for (const f of Object.keys(HEADERS) as Field[]) {
    const i = norm.findIndex((h, k) => HEADERS[f].includes(h) && !Object.values(out).includes(k));
    if (i >= 0) out[f] = i;
  }
  return out;
}

const WEEKDAY_PREFIX = /^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*[,/]?\s*/i;

/** A date as the schedule writes it ("Kamis, 3 Desember 2026", "03/12/2026", "2026-12-03"). */
export function readScheduleDate(text: string): string | null {
  const t = text.trim().replace(WEEKDAY_PREFIX, '').replace(/\s+/g, ' ');
  return parseDateCell(t);
}

/** The start time ("09.00 WIB", "13:30 - 15:00") as HH:MM; '' when empty; null when unreadable. */
export function readScheduleTime(text: string): string | null {
  const t = text.trim();
  if (!t || /^(-|selesai|s\.?d\.?\s*selesai)$/i.test(t)) return '';
  const m = /^(\d{1,2})[.:](\d{2})\b/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** Reads a CSV or pasted table (comma, semicolon or tab separated). Problems stop the import. */
export function parseScheduleTable(text: string): ParsedSchedule {
  const events: ScheduleEvent[] = [];
  const problems: ScheduleProblem[] = [];
  const notes: ScheduleProblem[] = [];
  if (!text.replace(/^\uFEFF/, '').trim()) return { events, problems: [{ line: 0, msg: M.empty, params: {} }], notes };
  // The delimiter is the one that makes a header row appear (a title line above the table may have none).
  let h = -1;
  let col: Partial<Record<Field, number>> = {};
  let csv = parseCsv(text);
  for (const delimiter of [undefined, '\t', ';', ',']) {
    const attempt = delimiter === undefined ? csv : parseCsv(text, { delimiter });
    for (let i = 0; i < Math.min(attempt.records.length, 20) && h < 0; i++) {
      const c = locate(attempt.records[i].fields);
      if (c.date !== undefined && (c.agenda !== undefined || c.activity !== undefined)) {
        h = i;
        col = c;
      }
    }
    if (h >= 0) {
      csv = attempt;
      break;
    }
  }
  if (h < 0) return { events, problems: [{ line: 0, msg: M.noHeader, params: {} }], notes };
  for (const e of csv.errors) problems.push({ line: e.line, msg: M.unterminated, params: {} });
  const records = csv.records;
  const cell = (r: string[], f: Field) => (col[f] !== undefined ? String(r[col[f] as number] ?? '').trim() : '');
  let lastDate = '';
  for (const rec of records.slice(h + 1)) {
    const r = rec.fields;
    if (r.every((x) => !x.trim())) continue;
    const agenda = cell(r, 'agenda');
    const activity = cell(r, 'activity');
    const title = agenda || activity;
    const dateText = cell(r, 'date');
    let date: string | null;
    if (dateText) {
      date = readScheduleDate(dateText);
      if (!date) {
        problems.push({ line: rec.line, msg: M.badDate, params: { value: dateText } });
        continue;
      }
      lastDate = date;
    } else if (lastDate && !activity && agenda) {
      // The Court's list writes the date once, above the hearings of that day.
      date = lastDate;
    } else {
      problems.push({ line: rec.line, msg: M.noDate, params: { title: title || '-' } });
      continue;
    }
    if (!title) {
      problems.push({ line: rec.line, msg: M.noWhat, params: {} });
      continue;
    }
    const timeText = cell(r, 'time');
    const time = readScheduleTime(timeText);
    if (time === null) {
      problems.push({ line: rec.line, msg: M.badTime, params: { value: timeText } });
      continue;
    }
    const caseText = cell(r, 'caseNo');
    const caseNumber = caseText ? normalizeCaseNumber(caseText) : '';
    if (caseText && !isCaseNumber(caseText)) {
      problems.push({ line: rec.line, msg: M.badCase, params: { value: caseText } });
      continue;
    }
    const law = cell(r, 'law') || findLaw(title);
    const kind = classify(agenda, cell(r, 'kind'), activity);
    const ownId = cell(r, 'id');
    events.push({
      uid: ownId ? `tabel:${ownId}` : `tabel:${date}|${time}|${caseNumber || squeeze(title)}`,
      line: rec.line,
      date,
      time,
      allDay: time === '',
      title,
      location: cell(r, 'room'),
      caseNumber,
      law,
      kind,
    });
  }
  if (!events.length && !problems.length) problems.push({ line: 0, msg: M.empty, params: {} });
  return { events, problems, notes };
}
