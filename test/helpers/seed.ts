// Test helper: seed a database with runs and results (as the runner stores them) for page tests.
import { Store } from '../../src/lib/server/store/db';

export interface SeedRun {
  id: string;
  suite: string;
  target: string;
  items: { id: string; status?: 'ok' | 'error'; output?: string; score?: number; ttftMs?: number; e2eMs?: number; costEur?: number; inputTokens?: number; outputTokens?: number }[];
  synthetic?: boolean;
  tier?: number;
}

export async function seedRuns(dbPath: string, runs: SeedRun[]): Promise<void> {
  const store = await Store.open(dbPath);
  try {
    await store.insertRows(
      'runs',
      runs.map((r, i) => ({ id: r.id, suite_id: r.suite, target_id: r.target, route: r.target, tier: r.tier ?? 4, status: 'completed', synthetic: r.synthetic ?? false, started_at: new Date(Date.UTC(2026, 10, 27, 9, i)), finished_at: new Date(Date.UTC(2026, 10, 27, 9, i, 30)) }))
    );
    await store.insertRows(
      'results',
      runs.flatMap((r) =>
        r.items.map((it, i) => ({
          run_id: r.id,
          item_id: it.id,
          status: it.status ?? 'ok',
          attempts: 1,
          output: it.output ?? `Antwort ${i}`,
          started_at: new Date(Date.UTC(2026, 10, 27, 10 + (i % 3), i)),
          ttft_ms: it.ttftMs ?? 100 + i,
          e2e_ms: it.e2eMs ?? 500 + i,
          input_tokens: it.inputTokens ?? 100,
          output_tokens: it.outputTokens ?? 20,
          cost_eur: it.costEur ?? 0.001,
          score: it.score ?? (i % 2)
        }))
      )
    );
  } finally {
    await store.close();
  }
}
