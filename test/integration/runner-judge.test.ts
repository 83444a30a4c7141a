// LLM-as-judge through the runner wiring: a suite with an llm-judge scorer sends each output to the
// judge target with the prompt built by core/scoring and stores the parsed rating; a judge route that
// is not tier 1 or 4 is refused before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { executeRun, RunUsageError } from '../../src/lib/server/runner/run-service';
import { suiteSource, targetSource } from '../../src/lib/server/runner/wiring';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';

const repoRoot = resolve(import.meta.dirname, '../..');
const suiteRoot = mkdtempSync(join(tmpdir(), 'wb-judge-'));
let server: ProtocolServer;

function writeSuite(id: string, judgeTarget: string) {
  mkdirSync(join(suiteRoot, 'benchmarks'), { recursive: true });
  mkdirSync(join(suiteRoot, 'datasets', id), { recursive: true });
  writeFileSync(
    join(suiteRoot, 'benchmarks', `${id}.yaml`),
    [
      `id: ${id}`,
      'name: Judge-Test',
      'description: Kurze Antworten, bewertet von einem Gutachter-Modell.',
      'language: de',
      'dataset:',
      `  path: datasets/${id}/items.jsonl`,
      '  licence: CC0-1.0',
      '  source: Werkbank-Test',
      '  attribution: Werkbank-Team',
      'personalData: false',
      'template:',
      '  system: Antworte höflich in der Sie-Form.',
      '  user: "{{frage}}"',
      'generation: { maxTokens: 64, temperature: 0 }',
      'output: { parse: text }',
      'scorer:',
      '  type: llm-judge',
      '  rubric: Ist die Antwort höflich, korrekt und in der Sie-Form?',
      `  judgeTarget: ${judgeTarget}`,
      'metrics: { primary: judge_score }'
    ].join('\n') + '\n'
  );
  writeFileSync(
    join(suiteRoot, 'datasets', id, 'items.jsonl'),
    ['Wann öffnet die Praxis?', 'Wie kündige ich den Vertrag?', 'Wo parke ich?'].map((q, i) => JSON.stringify({ id: `j${i + 1}`, input: { frage: q }, expected: 'höfliche Auskunft' })).join('\n') + '\n'
  );
}

beforeAll(async () => {
  server = await startOllamaServer({
    script: (req) => {
      const msgs = (req.body as { messages: { role: string; content: string }[] }).messages;
      const isJudge = msgs[0].content.includes('Gutachter');
      return { text: isJudge ? 'Die Antwort ist höflich und korrekt.\nBewertung: 4' : 'Sehr geehrte Damen und Herren, gerne helfen wir Ihnen.' };
    }
  });
  writeSuite('judge-ok', 'ollama/judge-model');
  writeSuite('judge-us', 'openai/gpt-5-mini');
});
afterAll(async () => {
  await server?.close();
});

function deps(store: Store) {
  const env = { OLLAMA_HOST: server.url, OPENAI_API_KEY: 'x', OPENAI_BASE_URL: server.url };
  const targets = targetSource({ rootDir: repoRoot, dataDir: suiteRoot, env });
  return { store, dataDir: suiteRoot, targets, suites: suiteSource({ rootDir: suiteRoot, dataDir: suiteRoot, env }, targets) };
}

describe('llm-judge scoring in the runner', () => {
  it('calls the judge target for each output and aggregates the ratings', async () => {
    const store = await Store.open(join(suiteRoot, 'a.duckdb'));
    try {
      const before = server.requests.length;
      const s = await executeRun({ suiteId: 'judge-ok', targetId: 'ollama/kandidat', runId: 'j1', concurrency: 1 }, deps(store));
      expect(s.items).toMatchObject({ total: 3, ok: 3, error: 0 });
      // rating 4 on 1..5 → 0.75
      expect(s.scores.judge_score).toBeCloseTo(0.75, 10);
      expect(s.scores.judged_rate).toBe(1);
      const sent = server.requests.slice(before).map((r) => r.body as { model: string; messages: { role: string; content: string }[] });
      expect(sent).toHaveLength(6);
      const judgeCalls = sent.filter((b) => b.model === 'judge-model');
      expect(judgeCalls).toHaveLength(3);
      // the candidate output is fenced in the judge prompt, with the rubric
      expect(judgeCalls[0].messages.at(-1)!.content).toContain('<antwort>\nSehr geehrte Damen und Herren');
      expect(judgeCalls[0].messages.at(-1)!.content).toContain('Sie-Form');
      // judge requests are audited like any other request (no content)
      const audit = await store.query<{ event: string; n: number }>(`SELECT event, count(*)::INTEGER AS n FROM audit_log WHERE run_id = 'j1' GROUP BY event ORDER BY event`);
      expect(audit).toEqual([
        { event: 'judge_request', n: 3 },
        { event: 'request', n: 3 }
      ]);
      const rows = await store.query<{ score: number }>(`SELECT score FROM results WHERE run_id = 'j1'`);
      expect(rows.map((r) => r.score)).toEqual([0.75, 0.75, 0.75]);
    } finally {
      await store.close();
    }
  });

  it('refuses a judge route outside tier 1 and 4 before sending anything', async () => {
    const store = await Store.open(join(suiteRoot, 'b.duckdb'));
    try {
      const before = server.requests.length;
      await expect(executeRun({ suiteId: 'judge-us', targetId: 'ollama/kandidat', runId: 'j2' }, deps(store))).rejects.toThrow(RunUsageError);
      await expect(executeRun({ suiteId: 'judge-us', targetId: 'ollama/kandidat', runId: 'j3' }, deps(store))).rejects.toThrow(/Tier 3/);
      expect(server.requests.length).toBe(before);
    } finally {
      await store.close();
    }
  });
});
