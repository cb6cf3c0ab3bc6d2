/**
 * The registry of files Siaran made, batched: inside registryBatch registrations are held and
 * written in ONE setProperties when the batch ends (also when it ends by an error), reads see
 * them at once, and flushRegistry writes what is held so far.
 */
type Registry = typeof import('../../src/adapters/registry');

function withProperties(): { calls: string[]; store: Record<string, string>; reg: Registry } {
  const calls: string[] = [];
  const store: Record<string, string> = {};
  const props = {
    getProperties: () => {
      calls.push('getProperties');
      return { ...store };
    },
    setProperty: (k: string, v: string) => {
      calls.push(`setProperty ${k}`);
      store[k] = v;
      return props;
    },
    setProperties: (o: Record<string, string>) => {
      calls.push(`setProperties ${Object.keys(o).sort().join(',')}`);
      Object.assign(store, o);
      return props;
    },
    deleteProperty: (k: string) => {
      calls.push(`deleteProperty ${k}`);
      delete store[k];
      return props;
    },
  };
  (globalThis as unknown as { PropertiesService: unknown }).PropertiesService = { getUserProperties: () => props };
  let reg: Registry | undefined;
  jest.isolateModules(() => {
    reg = jest.requireActual<Registry>('../../src/adapters/registry');
  });
  return { calls, store, reg: reg! };
}

describe('registryBatch', () => {
  test('registrations in a batch are one setProperties at its end; reads see them before', () => {
    const { calls, store, reg } = withProperties();
    const r = reg.fileRegistry();
    reg.registryBatch(() => {
      r.add('folder1', 'folder');
      r.add('doc1', 'report');
      expect(r.has('doc1', 'report')).toBe(true);
      expect(store['siaran.drive.f.doc1']).toBeUndefined();
    });
    expect(calls).toEqual(['getProperties', 'setProperties siaran.drive.f.doc1,siaran.drive.f.folder1']);
    expect(store).toEqual({ 'siaran.drive.f.folder1': 'folder', 'siaran.drive.f.doc1': 'report' });
  });

  test('a batch ended by an error still writes what it registered', () => {
    const { store, reg } = withProperties();
    expect(() =>
      reg.registryBatch(() => {
        reg.fileRegistry().add('doc1', 'report');
        throw new Error('Docs down');
      }),
    ).toThrow('Docs down');
    expect(store['siaran.drive.f.doc1']).toBe('report');
  });

  test('flushRegistry writes what is held now; nested batches write once, at the outer end', () => {
    const { calls, reg } = withProperties();
    const r = reg.fileRegistry();
    reg.registryBatch(() => {
      r.add('pdf1', 'pdf');
      r.setReport('2026-12', 'doc1', 'pdf1');
      reg.flushRegistry();
      reg.registryBatch(() => r.add('x', 'temp'));
      reg.flushRegistry();
      reg.flushRegistry();
    });
    expect(calls).toEqual(['getProperties', 'setProperties siaran.drive.f.pdf1,siaran.drive.report.2026-12', 'setProperties siaran.drive.f.x']);
  });

  test('outside a batch each registration is written at once; a removal drops a held one', () => {
    const { calls, store, reg } = withProperties();
    const r = reg.fileRegistry();
    r.add('a', 'pdf');
    expect(calls).toEqual(['getProperties', 'setProperty siaran.drive.f.a']);
    reg.registryBatch(() => {
      r.add('b', 'temp');
      r.remove('b');
    });
    expect(store['siaran.drive.f.b']).toBeUndefined();
    expect(r.has('b')).toBe(false);
  });
});
