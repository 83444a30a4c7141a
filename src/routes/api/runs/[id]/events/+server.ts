// GET /api/runs/[id]/events: live progress of a background run as server-sent events. Sends the
// latest state at once, then each progress event; `end` closes the stream. A run that is not running
// in this process gets one `end` event with its stored status.
import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { RequestHandler } from './$types';
import { getStore } from '$lib/server/context';
import { getRun } from '$lib/server/runner/analysis';
import { getBackgroundRun, subscribe } from '$lib/server/runner/background';
import type { ProgressEvent } from '$lib/server/runner/types';

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

const frame = (ev: { type: string }) => `event: ${ev.type}\ndata: ${JSON.stringify(ev, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n\n`;

export const GET: RequestHandler = async ({ params, request }) => {
  const id = idSchema.safeParse(params.id);
  if (!id.success) error(404, 'Lauf nicht gefunden');
  const bg = getBackgroundRun(id.data);
  const encoder = new TextEncoder();
  if (!bg || bg.done) {
    const run = await getRun(await getStore(), id.data);
    if (!run) error(404, 'Lauf nicht gefunden');
    const s = run.summary;
    const ev = { type: 'end', runId: run.id, status: run.status, reason: run.statusReason, total: s?.items.total ?? 0, ok: s?.items.ok ?? 0, error: s?.items.error ?? 0, done: (s?.items.ok ?? 0) + (s?.items.error ?? 0), spentEur: s?.costEur ?? 0 };
    return new Response(frame(ev), { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
  }
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      const send = (ev: ProgressEvent) => {
        if (closed) return;
        controller.enqueue(encoder.encode(frame(ev)));
        if (ev.type === 'end') close();
      };
      if (bg.last) send({ ...bg.last, type: bg.last.type === 'end' ? 'end' : 'progress' });
      unsubscribe = subscribe(bg.runId, send);
      // finished between the check above and the subscription: close with the final state
      if (bg.done) send({ ...(bg.last ?? { runId: bg.runId, total: bg.total, done: 0, ok: 0, error: 0, retries: 0, elapsedMs: 0, ratePerSec: null, etaSec: null, spentEur: 0 }), type: 'end', status: bg.summary?.status ?? (bg.error ? 'failed' : undefined) });
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(': ping\n\n'));
      }, 15_000);
      request.signal.addEventListener('abort', close, { once: true });
    },
    cancel() {
      unsubscribe();
      clearInterval(heartbeat);
    }
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
};
