import { describe, expect, it } from 'vitest';
import {
  goalReport,
  goalSummary,
  heldOutOnly,
  setTalliesIn,
  wilsonInterval,
  type GroupTally,
  type SetTally,
} from './ocr-goals';

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
    expect(summary.clean).toMatchObject({ right: 297, images: 300, setsBelow: [{ set: 'fresh2' }] });
    expect(summary.degraded).toMatchObject({ right: 272, images: 300, setsBelow: [{ set: 'fresh2' }] });
    expect(summary.degraded.interval).toEqual(wilsonInterval(272, 300));
    // 90.7% pooled, its interval reaching below 90%: met by the pooled figure only.
    expect(summary.degraded.verdict).toBe('met by the pooled figure');
    expect(goalSummary([set('fresh', 99, 89), set('fresh2', 97, 90)]).degraded.verdict).toBe('not met');
    expect(goalSummary([set('fresh', 99, 89), set('fresh2', 96, 90)]).clean.verdict).toBe('not met');
  });

  it('takes a figure exactly at the goal as reaching it, for the pooled figure and for a set', () => {
    const atGoal = goalSummary([set('fresh', 98, 90)]);
    expect(atGoal.clean).toMatchObject({ verdict: 'met by the pooled figure', setsBelow: [] });
    expect(atGoal.degraded).toMatchObject({ verdict: 'met by the pooled figure', setsBelow: [] });
    // Enough fronts that the whole interval clears the goal.
    const many: SetTally = {
      set: 'fresh',
      clean: { ...group(0), images: 4000, right: { birth: 3990, expiry: 0, code: 0 } },
      degraded: { ...group(0), images: 4000, right: { birth: 3800, expiry: 0, code: 0 } },
    };
    expect(goalSummary([many]).clean.verdict).toBe('met');
    expect(goalSummary([many]).degraded.verdict).toBe('met');
  });

  it("pools fronts, not the sets' rates", () => {
    // 10 of 10 and 80 of 100: 90/110 = 81.8% pooled, where the mean of the two rates would be 90%.
    const small: SetTally = {
      set: 'fresh',
      clean: group(100),
      degraded: { ...group(0), images: 10, right: { birth: 10, expiry: 0, code: 0 } },
    };
    const summary = goalSummary([small, set('fresh2', 100, 80)]);
    expect(summary.degraded).toMatchObject({ right: 90, images: 110, verdict: 'not met' });
  });

  it('counts every wrong value and every back that yielded one, on both groups', () => {
    const wrong = set('fresh', 100, 95, { degraded: group(95, { birth: 1, expiry: 0, code: 2 }, 1) });
    const summary = goalSummary([wrong, set('fresh2', 100, 95)]);
    expect(summary.wrong).toEqual({ birth: 1, expiry: 0, code: 2 });
    expect(summary.backs).toEqual({ images: 40, yielded: 1 });
    const report = goalReport(summary).join('\n');
    expect(report).toContain('wrong values accepted: birth 1, expiry 0, code 2 — goal 0: NOT MET');
    expect(report).toContain('backs yielding a value: 1 of 40 — goal 0: NOT MET');
    const clear = goalReport(goalSummary([set('fresh2', 100, 95)])).join('\n');
    expect(clear).not.toContain('NOT MET');
    // None wrong in 200 fronts still allows up to 1.88% (Wilson: z² / (n + z²)): the bound is printed beside the 0.
    expect(clear).toContain('goal 0: met (0 of 200 fronts: 95% upper bound 1.88%)');
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

  it('refuses a set found twice, which would be counted twice, and a count that is not one', () => {
    expect(() => setTalliesIn(`${line}\n${line}`)).toThrow('fresh14');
    expect(() => setTalliesIn(line.replace('"birth":92', '"birth":"92"'))).toThrow("fresh14 set's birth");
    expect(() => setTalliesIn(line.replace('"images":100,"right":{"birth":99', '"right":{"birth":99'))).toThrow(
      "fresh14 set's images",
    );
  });
});

describe('heldOutOnly', () => {
  it('keeps the held-out sets: neither the tuning sets nor a name no set has', () => {
    const sets = ['heldout', 'tune', 'tune7', 'fresh15', 'fresh99'].map((name) => ({ set: name }));
    expect(heldOutOnly(sets).map((s) => s.set)).toEqual(['heldout', 'fresh15']);
  });
});
