// Compare maths: Pareto frontier, EUR per 1,000 requests, cost per solved item, score matrix.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costPerSolved, eurPer1kRequests, paretoFrontier, scoreMatrix, type RunSummary } from '../../src/lib/core/analysis/compare';

describe('paretoFrontier', () => {
  it('keeps exactly the non-dominated routes, cheapest first', () => {
    const ids = paretoFrontier([
      { id: 'cheap-bad', quality: 0.5, cost: 0.1 },
      { id: 'mid', quality: 0.7, cost: 0.5 },
      { id: 'dominated', quality: 0.6, cost: 0.6 },
      { id: 'best', quality: 0.9, cost: 2 },
      { id: 'expensive-same', quality: 0.9, cost: 3 }
    ]);
    expect(ids).toEqual(['cheap-bad', 'mid', 'best']);
  });

  it('ignores non-finite points and keeps ties that are not strictly dominated', () => {
    expect(paretoFrontier([{ id: 'a', quality: NaN, cost: 1 }, { id: 'b', quality: 0.5, cost: 1 }, { id: 'c', quality: 0.5, cost: 1 }])).toEqual(['b', 'c']);
  });

  it('property: no frontier point is dominated by any input point', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ quality: fc.double({ min: 0, max: 1, noNaN: true }), cost: fc.double({ min: 0, max: 10, noNaN: true }) }), { maxLength: 30 }), (raw) => {
        const pts = raw.map((p, i) => ({ id: String(i), ...p }));
        const front = new Set(paretoFrontier(pts));
        for (const p of pts.filter((x) => front.has(x.id)))
          for (const q of pts) expect(q.quality >= p.quality && q.cost <= p.cost && (q.quality > p.quality || q.cost < p.cost)).toBe(false);
        if (pts.length) expect(front.size).toBeGreaterThan(0);
      })
    );
  });
});

describe('cost figures', () => {
  it('EUR per 1,000 requests and per solved item, null where undefined', () => {
    expect(eurPer1kRequests(0.5, 200)).toBeCloseTo(2.5);
    expect(eurPer1kRequests(null, 200)).toBeNull();
    expect(eurPer1kRequests(1, 0)).toBeNull();
    expect(costPerSolved(0.5, 20)).toBeCloseTo(0.025);
    expect(costPerSolved(0.5, 0)).toBeNull();
  });
});

describe('scoreMatrix', () => {
  const base: Omit<RunSummary, 'runId' | 'suiteId' | 'targetId' | 'meanScore'> = {
    route: null, tier: 1, status: 'completed', synthetic: false, items: 10, ok: 10, errors: 0, scoreCiLow: null, scoreCiHigh: null, solved: 5,
    costEur: 0, eurPer1kRequests: 0, eurPerSolvedItem: 0, ttftMsP50: 1, ttftMsP95: 2, e2eMsP50: 3
  };
  it('places each run in its target × suite cell, the first (latest) run winning', () => {
    const m = scoreMatrix([
      { ...base, runId: 'r3', suiteId: 'xquad-de', targetId: 'a', meanScore: 0.8 },
      { ...base, runId: 'r2', suiteId: 'xquad-de', targetId: 'a', meanScore: 0.1 },
      { ...base, runId: 'r1', suiteId: 'mgsm-de', targetId: 'b', meanScore: 0.4 }
    ]);
    expect(m.targets).toEqual(['a', 'b']);
    expect(m.suites).toEqual(['mgsm-de', 'xquad-de']);
    expect(m.cells.a['xquad-de'].runId).toBe('r3');
    expect(m.cells.a['mgsm-de']).toBeUndefined();
    expect(m.cells.b['mgsm-de'].meanScore).toBe(0.4);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and guards text cells against spreadsheet formulas, not numbers', async () => {
    const { toCsvTable } = await import('../../src/lib/core/analysis/csv');
    const csv = toCsvTable(['id', 'output', 'delta'], [['a', '=HYPERLINK("x")', -1], ['b', 'Zeile 1\nZeile 2, mit "Zitat"', null]], (v) => typeof v === 'string');
    expect(csv).toBe('id,output,delta\r\na,"\'=HYPERLINK(""x"")",-1\r\nb,"Zeile 1\nZeile 2, mit ""Zitat""",\r\n');
  });
});
