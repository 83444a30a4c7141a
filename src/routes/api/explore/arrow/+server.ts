// GET /api/explore/arrow?runs=a,b — selected runs' results as an Arrow IPC stream for duckdb-wasm.
import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { RequestHandler } from './$types';
import { getStore } from '$lib/server/context';
import { ExploreTooLargeError, ExploreUnknownRunsError, resultsToArrowIpc } from '$lib/server/explore/arrow-export';

const runsParam = z
  .string()
  .max(20_000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200)).max(500));

export const GET: RequestHandler = async ({ url }) => {
  const parsed = runsParam.safeParse(url.searchParams.get('runs') ?? '');
  if (!parsed.success) error(400, `runs: ${parsed.error.issues[0]?.message}`);
  let out: Awaited<ReturnType<typeof resultsToArrowIpc>>;
  try {
    out = await resultsToArrowIpc(await getStore(), parsed.data);
  } catch (err) {
    if (err instanceof ExploreTooLargeError) error(413, err.message);
    if (err instanceof ExploreUnknownRunsError) error(404, err.message);
    throw err;
  }
  const { bytes, rows } = out;
  return new Response(bytes as BodyInit, {
    headers: { 'content-type': 'application/vnd.apache.arrow.stream', 'x-werkbank-rows': String(rows), 'cache-control': 'no-store' }
  });
};
