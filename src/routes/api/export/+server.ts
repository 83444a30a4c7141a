// GET /api/export?runs=a,b&format=csv|parquet|jsonl — items of one run or a comparison as a download.
// The file is produced inside the data folder under a generated name; no path comes from the request.
import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { RequestHandler } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { exportContentTypes, exportDownload, exportFormats, ExportError } from '$lib/server/analysis/export';
import { RunNotFoundError } from '$lib/server/runner/analysis';

const query = z.object({
  runs: z
    .string()
    .min(1, 'mindestens ein Lauf')
    .max(20_000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(200)).min(1, 'mindestens ein Lauf').max(100)),
  format: z.enum(exportFormats)
});

export const GET: RequestHandler = async ({ url }) => {
  const parsed = query.safeParse({ runs: url.searchParams.get('runs') ?? '', format: url.searchParams.get('format') ?? '' });
  if (!parsed.success) error(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { runs, format } = parsed.data;
  try {
    const { body, records } = await exportDownload(await getStore(), getServerConfig().dataDir, runs, format);
    const name = `werkbank-${runs.length === 1 ? runs[0].replace(/[^A-Za-z0-9._-]/g, '_') : 'vergleich'}.${format}`;
    return new Response(body as BodyInit, {
      headers: {
        'content-type': exportContentTypes[format],
        'content-disposition': `attachment; filename="${name}"`,
        'x-werkbank-records': String(records),
        'cache-control': 'no-store'
      }
    });
  } catch (err) {
    if (err instanceof ExportError || err instanceof RunNotFoundError) error(404, err.message);
    throw err;
  }
};
