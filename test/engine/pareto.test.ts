import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../engine/index.js';

describe('Pareto front', () => {
  it('keeps the points no other beats on every metric at once', () => {
    // (time, energy, cost): b is beaten by a everywhere; c trades time for energy; d equals a (neither dominates).
    const a = [1, 2, 3],
      b = [2, 3, 4],
      c = [3, 1, 3],
      d = [1, 2, 3];
    expect(paretoFront([a, b, c, d])).toEqual([true, false, true, true]);
    expect(paretoFront([])).toEqual([]);
  });

  it('leaves out the points that are not eligible (over HBM), which then beat no other', () => {
    // a is infeasible: it is off the front and no longer hides b, which it dominates.
    const a = [1, 2, 3],
      b = [2, 3, 4],
      c = [3, 1, 3];
    expect(paretoFront([a, b, c], [false, true, true])).toEqual([false, true, true]);
  });
});
