// Explorer: lists runs to load into duckdb-wasm; the SQL itself runs only in the browser.
import type { PageServerLoad } from './$types';
import { getStore } from '$lib/server/context';
import { listExploreRuns } from '$lib/server/explore/arrow-export';
import { displayStatus } from '$lib/server/runner/background';

export const load: PageServerLoad = async () => ({ runs: (await listExploreRuns(await getStore())).map((r) => ({ ...r, status: displayStatus(r.status, r.id) })) });
