/**
 * Table's column keys: typed per tab (a misspelled key does not compile) and checked at run time
 * (set/append with a key the tab does not have throw a plain Error instead of dropping the value).
 */
import { Cell, Tab, Table } from '../../src/adapters/workbook';
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
