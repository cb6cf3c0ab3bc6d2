/** Report charts: category labels are thinned so they never overlap at the chart's width. */
import { labelStep } from '../../src/core/chart';

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
