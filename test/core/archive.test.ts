import {
  buildLinks,
  compareBack,
  decodeCell,
  encodeCell,
  fromSerial,
  nextTabStep,
  parseEntry,
  rowYear,
  toSerial,
  unreportedMonths,
  yearEnded,
  yearOfDate,
} from '../../src/core/archive';

describe('which year a row belongs to', () => {
  const links = buildLinks(
    [
      { id: 'K-0001', period: '2026-12' },
      { id: 'K-0002', period: '2027-01' },
      { id: 'K-0003', period: new Date('2026-05-01T00:00:00+07:00') },
    ],
    [
      { id: 'D-0001', conceptId: 'K-0001' },
      { id: 'D-0002', conceptId: 'K-0002' },
      { id: 'D-0009', conceptId: 'K-9999' },
    ],
  );

  it('plan items, insights and approvals by their Periode (text or the Date Sheets made of it)', () => {
    expect(rowYear('konsep', ['K-0001', '2026-12'], { id: 0, periode: 1 }, links)).toBe(2026);
    expect(rowYear('konsep', ['K-0003', new Date('2026-05-01T00:00:00+07:00')], { id: 0, periode: 1 }, links)).toBe(2026);
    expect(rowYear('insight', ['2027-01'], { periode: 0 }, links)).toBe(2027);
    expect(rowYear('persetujuan', ['P-1', 'konsep', 'bukan periode'], { periode: 2 }, links)).toBeNull();
  });

  it('designs through their plan item, publications through their design; unknown links stay', () => {
    expect(rowYear('desain', ['D-0001', 'K-0001'], { id: 0, konsepId: 1 }, links)).toBe(2026);
    expect(rowYear('desain', ['D-0009', 'K-9999'], { id: 0, konsepId: 1 }, links)).toBeNull();
    expect(rowYear('publikasi', ['D-0002'], { desainId: 0 }, links)).toBe(2027);
    expect(rowYear('publikasi', ['D-0009'], { desainId: 0 }, links)).toBeNull();
  });

  it('Log lines by their time in WIB (31 December 23:30 WIB is still that year)', () => {
    expect(rowYear('log', [new Date('2026-12-31T23:30:00+07:00')], { waktu: 0 }, links)).toBe(2026);
    expect(yearOfDate(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(rowYear('log', [''], { waktu: 0 }, links)).toBeNull();
  });
});

describe('a closed year', () => {
  it('lists the months without a report', () => {
    const all = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`);
    expect(unreportedMonths(2026, all)).toEqual([]);
    expect(unreportedMonths(2026, all.filter((p) => p !== '2026-12' && p !== '2026-03'))).toEqual(['2026-03', '2026-12']);
  });

  it('has ended in WIB', () => {
    expect(yearEnded(2026, Date.parse('2026-12-31T23:59:00+07:00'))).toBe(false);
    expect(yearEnded(2026, Date.parse('2027-01-01T00:00:00+07:00'))).toBe(true);
  });
});

describe('cells on their way to the archive and back', () => {
  it('dates travel as serial numbers of their WIB wall time and come back as the same instant', () => {
    const d = new Date('2026-06-15T10:30:15.250+07:00');
    expect(toSerial(new Date('1899-12-30T00:00:00+07:00'))).toBe(0);
    expect(fromSerial(toSerial(d)).getTime()).toBe(d.getTime());
    expect(decodeCell(encodeCell(d), true)).toEqual(d);
  });

  it('text stays text, numbers numbers; a number in a non-date column stays a number', () => {
    expect(encodeCell('=SUM(1,2)')).toBe('=SUM(1,2)');
    expect(encodeCell('0812')).toBe('0812');
    expect(decodeCell(45000, false)).toBe(45000);
    expect(decodeCell(true, false)).toBe(true);
    expect(decodeCell(undefined, false)).toBe('');
  });

  it('the check finds a missing row, an extra row and a changed cell', () => {
    const sent = [['K-0001', new Date('2026-01-01T00:00:00+07:00'), 3], ['K-0002', '', 'x']];
    const back = sent.map((r) => r.map(encodeCell));
    back[1] = back[1].slice(0, 1); // the API omits trailing empty cells: still equal
    back[1].push('', 'x');
    expect(compareBack(sent, back)).toBeNull();
    expect(compareBack(sent, back.slice(0, 1))).toBe('2 ≠ 1');
    expect(compareBack(sent, [...back, ['K-0003']])).toBe('2 ≠ 3');
    expect(compareBack(sent, [back[0], ['K-0002', '', 'y']])).toBe('2:3');
  });
});

describe('the journal', () => {
  it('a fresh tab is copied after the rows already committed', () => {
    expect(nextTabStep(5, undefined, 12)).toEqual({ kind: 'copy', start: 12, blankTail: 0 });
    expect(nextTabStep(0, undefined, 12)).toEqual({ kind: 'skip' });
  });

  it('a cut before the removal copies again to the same place, blanking what a longer attempt left', () => {
    expect(nextTabStep(5, { start: 12, n: 5, done: false }, 12)).toEqual({ kind: 'copy', start: 12, blankTail: 0 });
    expect(nextTabStep(3, { start: 12, n: 5, done: false }, 12)).toEqual({ kind: 'copy', start: 12, blankTail: 2 });
  });

  it('a cut after the removal only marks the tab done; a done tab is skipped', () => {
    expect(nextTabStep(0, { start: 12, n: 5, done: false }, 12)).toEqual({ kind: 'markDone', rows: 17 });
    expect(nextTabStep(4, { start: 12, n: 5, done: true }, 17)).toEqual({ kind: 'skip' });
  });

  it('a stored entry is read back; anything else is none', () => {
    expect(parseEntry('{"year":2026,"id":"abc","url":"u"}')).toMatchObject({ year: 2026, id: 'abc', rows: {}, journal: null });
    expect(parseEntry('nonsense')).toBeNull();
    expect(parseEntry(null)).toBeNull();
  });
});
