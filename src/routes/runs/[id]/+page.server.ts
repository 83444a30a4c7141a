// /runs/[id]: one run with its summary and items (prompt, output, expected, score, timings).
import { error, fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { getRun, runCharts } from '$lib/server/runner/analysis';
import { cancelBackgroundRun, displayStatus, getBackgroundRun, isBackgroundRunActive, startBackgroundRun, startFailureStatus, wiringFromServerConfig } from '$lib/server/runner/background';
import { secretRedactor } from '$lib/server/runner/wiring';

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const MAX_ITEMS = 2000;

interface ItemRow {
  item_id: string;
  status: string;
  attempts: number;
  output: string | null;
  error: string | null;
  error_kind: string | null;
  expected: string | null;
  prompt: string | null;
  ttft_ms: number | null;
  tpot_ms: number | null;
  e2e_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_eur: number | null;
  score: number | null;
}

function parseJson(v: string | null): unknown {
  if (v === null) return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));

export const load: PageServerLoad = async ({ params }) => {
  const id = idSchema.safeParse(params.id);
  if (!id.success) error(404, 'Lauf nicht gefunden');
  const store = await getStore();
  const run = await getRun(store, id.data);
  if (!run) error(404, `Lauf ${id.data} nicht gefunden`);
  const rows = await store.query<ItemRow & Record<string, unknown>>(
    `SELECT item_id, status, attempts, output, error, error_kind, expected::VARCHAR AS expected, prompt::VARCHAR AS prompt, ttft_ms, tpot_ms, e2e_ms, input_tokens, output_tokens, cost_eur, score
     FROM results WHERE run_id = $id ORDER BY item_id LIMIT ${MAX_ITEMS + 1}`,
    { id: run.id }
  );
  const truncated = rows.length > MAX_ITEMS;
  const items = rows.slice(0, MAX_ITEMS).map((r) => {
    const prompt = parseJson(r.prompt);
    const messages = Array.isArray(prompt) ? (prompt as { role: string; content: string }[]) : [];
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    return {
      itemId: r.item_id,
      status: r.status,
      attempts: r.attempts,
      output: r.output,
      error: r.error,
      errorKind: r.error_kind,
      expected: asText(parseJson(r.expected)),
      prompt: lastUser?.content ?? '',
      promptFull: messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n'),
      ttftMs: r.ttft_ms,
      tpotMs: r.tpot_ms,
      e2eMs: r.e2e_ms,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      costEur: r.cost_eur,
      score: r.score
    };
  });
  // the charts cover every item of the run, not only the items listed
  const charts = await runCharts(store, run.id);
  const bg = getBackgroundRun(run.id);
  const live = Boolean(bg && !bg.done);
  // running here, or being resumed by another request right now (before its first progress)
  const active = isBackgroundRunActive(run.id);
  // items still without an ok result (what a resume would send)
  const okCount = Number((await store.query<{ ok: number | bigint }>(`SELECT count(*) FILTER (WHERE status = 'ok') AS ok FROM results WHERE run_id = $id`, { id: run.id }))[0]?.ok ?? 0);
  const total = Number(run.options?.limit ?? run.summary?.items.total ?? 0);
  const openItems = Math.max(0, total - okCount);
  return {
    run: {
      id: run.id,
      suite: run.suiteId,
      target: run.targetId,
      route: run.route,
      tier: run.tier,
      status: run.status,
      statusReason: run.statusReason,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      synthetic: run.synthetic,
      summary: run.summary,
      live,
      /** Stored as running, but no process runs it any more (the server is the store's only writer while it is up). */
      interrupted: displayStatus(run.status, run.id) === 'interrupted',
      starting: active && !live,
      stopping: live && Boolean(bg?.controller.signal.aborted),
      openItems,
      resumable: !active && openItems > 0
    },
    items,
    truncated,
    charts
  };
};

/** The form actions of a run page: stop a run of this server, resume a stopped or interrupted one. */
export const actions: Actions = {
  cancel: async ({ params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) error(404, 'Lauf nicht gefunden');
    if (!cancelBackgroundRun(id.data)) return fail(409, { error: 'Dieser Lauf läuft nicht in diesem Server; es gibt nichts zu stoppen.' });
    redirect(303, `/runs/${encodeURIComponent(id.data)}`);
  },
  resume: async ({ params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) error(404, 'Lauf nicht gefunden');
    const config = getServerConfig();
    try {
      // as the start form: the stored options, never an exception for third-country targets
      // (a second resume while this one starts or runs is refused: BackgroundRunBusyError)
      await startBackgroundRun({ resumeId: id.data, allowThirdCountry: false }, { store: await getStore(), wiring: wiringFromServerConfig(config) });
    } catch (err) {
      return fail(startFailureStatus(err), { error: secretRedactor(config.env)((err as Error).message) });
    }
    redirect(303, `/runs/${encodeURIComponent(id.data)}`);
  }
};
