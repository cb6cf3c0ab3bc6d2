/** Report charts: category labels are thinned so they never overlap at the chart's width. */
import { labelStep, valueTicks } from '../../src/core/chart';

describe('labelStep', () => {
  test('a 31-day axis at 900 px shows every second day; a few platforms show every label', () => {
    expect(labelStep(31, 900)).toBe(2);
    expect(labelStep(5, 900)).toBe(1);
    expect(labelStep(31, 640)).toBe(3);
  });
  test('no categories or a tiny chart never divides by zero', () => {
    expect(labelStep(0, 900)).toBe(1);
    expect(labelStep(10, 50)).toBe(400);
  });
});

describe('valueTicks', () => {
  test('round steps from 0 past the largest value, labelled with Indonesian digit grouping', () => {
    expect(valueTicks([4200, 3500, 900], 'id')).toEqual([0, 1000, 2000, 3000, 4000, 5000].map((v) => ({ v, f: v === 0 ? '0' : `${v / 1000}.000` })));
    expect(valueTicks([12345], 'en').map((t) => t.f)).toEqual(['0', '5,000', '10,000', '15,000']);
  });
  test('small counts step by whole numbers; an empty month still has an axis', () => {
    expect(valueTicks([0, 2, 1, 3], 'id').map((t) => t.v)).toEqual([0, 1, 2, 3]);
    expect(valueTicks([], 'id').map((t) => t.v)).toEqual([0, 1]);
    expect(valueTicks([37], 'id').map((t) => t.v)).toEqual([0, 10, 20, 30, 40]);
  });
});
