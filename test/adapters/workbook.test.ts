/**
 * Table's column keys: typed per tab (a misspelled key does not compile) and checked at run time
 * (set/append with a key the tab does not have throw a plain Error instead of dropping the value).
 */
import { Cell, SPARE_ROWS, Tab, Table } from '../../src/adapters/workbook';
import { SiaranError } from '../../src/core/errors';
import { ColumnKey, TabDef, tabDef, TabKey } from '../../src/core/schema';

/** A Tab that only knows its name: any other call on the sheet fails (nothing here reads or writes it). */
const noSheet = new Tab(
  new Proxy({} as GoogleAppsScript.Spreadsheet.Sheet, {
    get: (_t, name) => {
      if (name === 'getName') return () => 'Log';
      throw new Error(`unexpected sheet call ${String(name)}`);
    },
  }),
);

function table<K extends TabKey>(key: K, values: Cell[][]): Table<ColumnKey<K>> {
  return new Table(noSheet, tabDef(key) as TabDef<TabKey, ColumnKey<K>>, values);
}

const LOG_HEADER = ['Waktu', 'Pengguna', 'Langkah', 'Aksi', 'Objek', 'Detail'];

describe('Table column keys', () => {
  test('append with a key the tab does not have throws a plain Error and appends nothing', () => {
    const t = table('log', [LOG_HEADER]);
    const record = { waktu: 'x', aksi: 'y', diputusakanPada: 'z' } as unknown as Partial<Record<ColumnKey<'log'>, Cell>>;
    let thrown: unknown;
    try {
      t.append(record);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(SiaranError);
    expect((thrown as Error).message).toBe('Unknown column key "diputusakanPada" for tab "log"');
    expect(t.size).toBe(0);
    expect(t.dirty).toBe(false);
  });

  test('set with a key the tab does not have throws a plain Error and changes nothing', () => {
    const t = table('persetujuan', [tabDef('persetujuan').columns.map((c) => c.id), tabDef('persetujuan').columns.map(() => 'v')]);
    expect(() => t.set(0, 'diputusakanPada' as ColumnKey<'persetujuan'>, 'x')).toThrow(new Error('Unknown column key "diputusakanPada" for tab "persetujuan"'));
    expect(t.dirty).toBe(false);
    expect(t.rows[0].every((v) => v === 'v')).toBe(true);
  });

  test('known keys still work: append fills located columns, leaves out a column the sheet lacks', () => {
    // The sheet has no "Detail" column: the schema knows the key, so the value is left out quietly.
    const t = table('log', [LOG_HEADER.slice(0, 5)]);
    const row = t.append({ waktu: 'w', pengguna: 'p', detail: 'd' });
    expect(t.get(row, 'waktu')).toBe('w');
    expect(t.get(row, 'pengguna')).toBe('p');
    expect(t.get(row, 'detail')).toBe('');
    expect(t.dirty).toBe(true);
  });

  test('set of a known key whose column is missing asks for setup (SETUP_NEEDED), as before', () => {
    const t = table('log', [LOG_HEADER.slice(0, 5), ['a', 'b', 'c', 'd', 'e']]);
    expect(() => t.set(0, 'detail', 'x')).toThrow(expect.objectContaining({ code: 'SETUP_NEEDED' }));
  });
});

/** A sheet that records getRange/getFormulas/setValues on a grid (1-based getRange, as Sheets). */
function recordingSheet(grid: Cell[][], formulas: Record<string, string> = {}) {
  const calls: string[] = [];
  const writes: Array<{ row: number; col: number; values: Cell[][] }> = [];
  const sheet = {
    getName: () => 'Konsep Konten',
    getRange: (row: number, col: number, nRows: number, nCols: number) => ({
      getFormulas: () => {
        calls.push(`getFormulas ${row},${col},${nRows},${nCols}`);
        return Array.from({ length: nRows }, (_r, i) => Array.from({ length: nCols }, (_c, j) => formulas[`${row + i}:${col + j}`] ?? ''));
      },
      setValues: (values: Cell[][]) => {
        calls.push(`setValues ${row},${col},${nRows},${nCols}`);
        writes.push({ row, col, values });
      },
    }),
  } as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  const t = new Table(new Tab(sheet), tabDef('konsep') as TabDef<TabKey, ColumnKey<'konsep'>>, grid);
  return { t, calls, writes };
}

describe('Table.commit', () => {
  const header = tabDef('konsep').columns.map((c) => c.id);
  const row = (id: string, status: string): Cell[] => header.map((h) => (h === 'ID' ? id : h === 'Status' ? status : h === 'Periode' ? '2026-12' : ''));

  test('a block whose every cell was set is written without reading its formulas first', () => {
    const { t, calls } = recordingSheet([header, row('K-0001', 'Draf'), row('K-0002', 'Draf')]);
    t.set(0, 'status', 'Diajukan');
    t.set(1, 'status', 'Diajukan');
    t.commit();
    const status = header.indexOf('Status') + 1;
    expect(calls).toEqual([`setValues 2,${status},2,1`]);
  });

  test('a new row is one write: its blank record columns and the blank columns after its last value are left out', () => {
    const { t, calls } = recordingSheet([header, row('K-0001', 'Draf')]);
    t.append({ id: 'K-0002', periode: '2026-12', kegiatan: 'Sidang pengucapan putusan' });
    t.commit();
    expect(calls).toEqual([`setValues 3,1,1,${header.indexOf('Kegiatan/Informasi') + 1}`]);
  });

  test('an unchanged cell inside the block keeps its formula (read first) and text stays text', () => {
    const status = header.indexOf('Status') + 1;
    const { t, calls, writes } = recordingSheet([header, row('K-0001', 'Draf'), row('K-0002', '2026-11'), row('K-0003', 'Draf')], { [`3:${status}`]: '=A1' });
    t.set(0, 'status', 'Diajukan');
    t.set(2, 'status', 'Diajukan');
    t.commit();
    expect(calls).toEqual([`getFormulas 2,${status},3,1`, `setValues 2,${status},3,1`]);
    expect(writes[0].values).toEqual([['Diajukan'], ['=A1'], ['Diajukan']]);
  });

  test('kept cells join the columns around them into one range, written as read, with no formula read', () => {
    const { t, calls, writes } = recordingSheet([header, row('K-0001', 'Draf'), row('K-0002', 'Draf')]);
    t.set(1, 'status', 'Diajukan');
    t.set(1, 'diajukanPada', 'x');
    t.keep(1, 'catatan');
    t.keep(1, 'versi');
    t.keep(1, 'diajukanOleh');
    t.commit();
    const status = header.indexOf('Status') + 1;
    expect(calls).toEqual([`setValues 3,${status},1,5`]);
    expect(writes[0].values).toEqual([['Diajukan', '', '', '', 'x']]);
    expect(t.dirty).toBe(false);
  });

  test('a tab only Siaran writes (Persetujuan) is rewritten as read, with no formula read', () => {
    const def = tabDef('persetujuan') as TabDef<TabKey, ColumnKey<'persetujuan'>>;
    const head = def.columns.map((c) => c.id);
    const calls: string[] = [];
    const sheet = {
      getName: () => 'Persetujuan',
      getRange: (row: number, col: number, nRows: number, nCols: number) => ({
        getFormulas: () => calls.push('getFormulas'),
        setValues: (values: Cell[][]) => calls.push(`setValues ${row},${col},${nRows},${nCols} ${JSON.stringify(values)}`),
      }),
    } as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    const t = new Table(new Tab(sheet), def, [head, head.map(() => 'P-1'), head.map(() => '2026-12'), head.map(() => 'P-1')]);
    t.set(0, 'status', 'Selesai');
    t.set(2, 'status', 'Menunggu');
    t.commit();
    const status = head.indexOf('Status') + 1;
    expect(calls).toEqual([`setValues 2,${status},3,1 [["Selesai"],["'2026-12"],["Menunggu"]]`]);
  });

  test('changedRows lists the rows changed in the given columns', () => {
    const { t } = recordingSheet([header, row('K-0001', 'Draf'), row('K-0002', 'Draf'), row('K-0003', 'Draf')]);
    t.set(2, 'status', 'Diajukan');
    t.set(0, 'kegiatan', 'y');
    expect(t.changedRows([t.col.status])).toEqual([2]);
    expect(t.changedRows([t.col.status, t.col.kegiatan])).toEqual([0, 2]);
  });
});

/** Compile-time checks (npm run typecheck covers test/): never called. */
export function typeChecks(t: Table<ColumnKey<'persetujuan'>>): Cell[] {
  return [
    t.get(0, 'diputuskanPada'),
    // @ts-expect-error a misspelled column key does not compile
    t.get(0, 'diputusakanPada'),
    // @ts-expect-error a key of another tab does not compile either
    t.text(0, 'kegiatan'),
    // @ts-expect-error nor does appending one
    t.append({ diputusakanPada: 'x' }),
  ];
}

describe('Tab.roomBelow (rows for an appended block, without asking the sheet its size)', () => {
  /** A sheet of `maxRows` rows that, like Sheets, refuses a range beyond them at getRange. */
  function sheetOf(maxRows: number) {
    const calls: string[] = [];
    let rows = maxRows;
    const sheet = {
      getRange: (r: number, _c: number, n: number) => {
        if (r + n - 1 > rows) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
        return {};
      },
      insertRowsAfter: (after: number, n: number) => {
        calls.push(`insertRowsAfter(${after}, ${n})`);
        rows += n;
      },
      getMaxRows: () => {
        calls.push('getMaxRows');
        return rows;
      },
    } as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    return { tab: new Tab(sheet), calls, rows: () => rows };
  }

  test('a block that fits in the blank rows costs no call', () => {
    const s = sheetOf(1000);
    s.tab.roomBelow(500, 3);
    s.tab.roomBelow(997, 3);
    expect(s.calls).toEqual([]);
  });

  test('a block that does not fit gets its rows and SPARE_ROWS more, so the next appends fit', () => {
    const s = sheetOf(1000);
    s.tab.roomBelow(999, 3);
    expect(s.calls).toEqual([`insertRowsAfter(999, ${3 + SPARE_ROWS})`]);
    // Rows 1000-1002 written: 1003 to 1103 are blank.
    s.tab.roomBelow(1002, SPARE_ROWS + 1);
    expect(s.calls).toHaveLength(1);
    s.tab.roomBelow(1103, 1);
    expect(s.calls).toEqual([`insertRowsAfter(999, ${3 + SPARE_ROWS})`, `insertRowsAfter(1103, ${1 + SPARE_ROWS})`]);
  });

  test('below the header alone it grows at the end (inserting after row 1 would copy the header style)', () => {
    const s = sheetOf(1);
    s.tab.roomBelow(1, 2);
    expect(s.calls).toEqual(['getMaxRows', 'insertRowsAfter(1, 2)']);
    expect(s.rows()).toBe(3);
  });
});
