// GET /api/report?profile=…&personalData=1&preset=…&runs=a,b — the report as a standalone HTML download.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getServerConfig, getStore } from '$lib/server/context';
import { reportFor, reportQueryFrom } from '$lib/server/report/report-request';

export const GET: RequestHandler = async ({ url }) => {
  const q = reportQueryFrom((k) => url.searchParams.get(k), (k) => url.searchParams.getAll(k));
  if (!q.success) error(400, q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const config = getServerConfig();
  const outcome = await reportFor(q.data, { rootDir: config.rootDir, catalogOverridePath: config.catalogOverridePath, store: await getStore(), now: new Date() });
  if (!outcome.ok) error(400, `${outcome.field}: ${outcome.message}`);
  return new Response(outcome.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="werkbank-bericht-${q.data.profile.replace(/[^a-z0-9-]/g, '')}.html"`,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'cache-control': 'no-store'
    }
  });
};
