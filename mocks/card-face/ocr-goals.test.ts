import { describe, expect, it } from 'vitest';
import { goalReport, goalSummary, setTalliesIn, wilsonInterval, type GroupTally, type SetTally } from './ocr-goals';

/** A group of 100 fronts and 10 backs with `birth` birth dates right and the wrong values given. */
const group = (birth: number, wrong = { birth: 0, expiry: 0, code: 0 }, yielded = 0): GroupTally => ({
  images: 100,
  right: { birth, expiry: birth - 5, code: 50 },
  wrong,
  backs: { images: 10, refused: 10 - yielded, yielded },
});
const set = (name: string, clean: number, degraded: number, more: Partial<SetTally> = {}): SetTally => ({
  set: name,
  clean: group(clean),
  degraded: group(degraded),
  ...more,
});

describe('wilsonInterval', () => {
  it("gives the score interval of Newcombe's worked examples", () => {
    // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven methods",
    // Statistics in Medicine 17 (1998) 857–872, Table II, method 3 (Wilson's score interval), to four places.
    const examples: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, low, high] of examples) {
      const [lo, hi] = wilsonInterval(k, n);
      expect(lo).toBeCloseTo(low, 4);
      expect(hi).toBeCloseTo(high, 4);
    }
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('goalSummary', () => {
  it('pools the sets, and lists the ones below a goal without failing the pooled figure', () => {
    const summary = goalSummary([set('fresh', 100, 93), set('fresh2', 97, 87), set('fresh3', 100, 92)]);
    expect(summary.clean).toMatchObject({ right: 297, images: 300, met: true, setsBelow: [{ set: 'fresh2' }] });
    expect(summary.degraded).toMatchObject({ right: 272, images: 300, met: true, setsBelow: [{ set: 'fresh2' }] });
    expect(summary.degraded.interval[0]).toBeLessThan(272 / 300);
    expect(goalSummary([set('fresh', 99, 89), set('fresh2', 97, 90)]).degraded.met).toBe(false);
    expect(goalSummary([set('fresh', 99, 89), set('fresh2', 96, 90)]).clean.met).toBe(false);
  });

  it('counts every wrong value and every back that yielded one, on both groups', () => {
    const wrong = set('fresh', 100, 95, { degraded: group(95, { birth: 1, expiry: 0, code: 2 }, 1) });
    const summary = goalSummary([wrong, set('fresh2', 100, 95)]);
    expect(summary.wrong).toEqual({ birth: 1, expiry: 0, code: 2 });
    expect(summary.backs).toEqual({ images: 40, yielded: 1 });
    const report = goalReport(summary).join('\n');
    expect(report).toContain('wrong values accepted: birth 1, expiry 0, code 2 — goal 0: NOT MET');
    expect(report).toContain('backs yielding a value: 1 of 40 — goal 0: NOT MET');
    expect(goalReport(goalSummary([set('fresh2', 100, 95)])).join('\n')).not.toContain('NOT MET');
  });
});

describe('setTalliesIn', () => {
  // A line `npm run bench:ocr -- --sets fresh14` wrote (sixteenth round), the pipeline's degraded group shortened.
  const line =
    'fresh14 done (load 1.04 1.64 2.34): [{"method":"baseline","groups":{"clean":{"images":100,"right":{"birth":86,' +
    '"expiry":84,"code":29},"wrong":{"birth":2,"expiry":1,"code":0},"usable":78,"backs":{"images":10,"refused":10,' +
    '"yielded":0}},"degraded":{"images":100,"right":{"birth":30,"expiry":37,"code":7},"wrong":{"birth":2,"expiry":1,' +
    '"code":0},"usable":25,"backs":{"images":10,"refused":7,"yielded":0}}}},{"method":"pipeline","groups":{"clean":' +
    '{"images":100,"right":{"birth":99,"expiry":98,"code":67},"wrong":{"birth":0,"expiry":0,"code":0},"usable":98,' +
    '"backs":{"images":10,"refused":10,"yielded":0}},"degraded":{"images":100,"right":{"birth":92,"expiry":88,' +
    '"code":49},"wrong":{"birth":0,"expiry":0,"code":0},"usable":88,"backs":{"images":10,"refused":10,"yielded":0}}}}]';

  it("takes the pipeline's tallies of each set from a run's stderr, and nothing else", () => {
    const sets = setTalliesIn(['fresh14 100/220', line, 'fresh14 220/220'].join('\n'));
    expect(sets).toHaveLength(1);
    expect(sets[0]?.set).toBe('fresh14');
    expect(sets[0]?.clean.right.birth).toBe(99);
    expect(sets[0]?.degraded.right.birth).toBe(92);
    // A run of the baseline alone gives no pipeline tallies.
    const baselineOnly = line.replace(/,\{"method":"pipeline".*\]$/u, ']');
    expect(setTalliesIn(baselineOnly)).toEqual([]);
  });

  it('refuses a set found twice, which would be counted twice', () => {
    expect(() => setTalliesIn(`${line}\n${line}`)).toThrow('fresh14');
  });
});
