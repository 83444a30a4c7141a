// Background runs inside the server process (started from the /runs form): keeps the latest progress
// event per run and fans events out to listeners (the SSE endpoint). The compliance guard and all
// validation run before the start resolves, so the form can show those errors directly.
import type { Store } from '../store/db';
import { executeRun, type RunRequest, type RunSummary } from './run-service';
import { defaultSources, secretRedactor, type WiringConfig } from './wiring';
import type { ProgressEvent } from './types';
import type { ServerConfig } from '../context';

export interface BackgroundRun {
  runId: string;
  total: number;
  synthetic: boolean;
  last?: ProgressEvent;
  done: boolean;
  summary?: RunSummary;
  error?: string;
  listeners: Set<(ev: ProgressEvent) => void>;
  controller: AbortController;
}

const runs = new Map<string, BackgroundRun>();
/** Runs still starting (suite, target, model loading; before onStarted), by their controller. */
const starting = new Set<AbortController>();
/** Resumes still starting, by run id: a second resume of the same run is refused meanwhile. */
const claimed = new Map<string, AbortController>();
/** Set once the server is shutting down: no new runs from then on. */
let shuttingDown = false;

/** A run cannot start now: it is running or being resumed already, or the server is shutting down. */
export class BackgroundRunBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackgroundRunBusyError';
  }
}

/** HTTP status for a start or resume that failed: 403 compliance guard, 409 busy, 400 anything else (bad input). */
export function startFailureStatus(err: unknown): 400 | 403 | 409 {
  const name = (err as Error | undefined)?.name;
  return name === 'ComplianceGuardError' ? 403 : name === 'BackgroundRunBusyError' ? 409 : 400;
}

export function getBackgroundRun(runId: string): BackgroundRun | undefined {
  return runs.get(runId);
}

export function activeBackgroundRuns(): string[] {
  return [...runs.values()].filter((r) => !r.done).map((r) => r.runId);
}

/** Whether this server runs the run, or is starting (resuming) it. */
export function isBackgroundRunActive(runId: string): boolean {
  const r = runs.get(runId);
  return claimed.has(runId) || Boolean(r && !r.done);
}

/**
 * Stop a background run of this process (the form on the run page): requests in flight are aborted,
 * what has arrived is stored, and the run ends `cancelled` and can be resumed. False when no such run
 * is going here.
 */
export function cancelBackgroundRun(runId: string, reason = 'in der Web-Oberfläche gestoppt'): boolean {
  const r = runs.get(runId);
  const controller = r && !r.done ? r.controller : claimed.get(runId);
  if (!controller) return false;
  if (!controller.signal.aborted) controller.abort(new Error(reason));
  return true;
}

/**
 * The server is shutting down: stop every background run of this process, those still starting
 * included, and start no new ones. Returns how many were stopped.
 */
export function stopAllBackgroundRuns(reason: string): number {
  shuttingDown = true;
  let n = 0;
  for (const id of activeBackgroundRuns()) if (cancelBackgroundRun(id, reason)) n++;
  for (const c of starting) {
    if (c.signal.aborted) continue;
    c.abort(new Error(reason));
    n++;
  }
  return n;
}

/**
 * The status to show for a stored run: 'interrupted' for one stored as running that this server does
 * not run. While the server is up the DuckDB file is its alone (no CLI process can open it to write),
 * so such a run's process has ended without finishing it.
 */
export function displayStatus(status: string, runId: string): string {
  return status === 'running' && !isBackgroundRunActive(runId) ? 'interrupted' : status;
}

/** Subscribe to a run's events; returns the unsubscribe function. */
export function subscribe(runId: string, fn: (ev: ProgressEvent) => void): () => void {
  const r = runs.get(runId);
  if (!r) return () => undefined;
  r.listeners.add(fn);
  return () => r.listeners.delete(fn);
}

/** What a background run needs from the server's configuration (files, environment for credentials). */
export function wiringFromServerConfig(c: ServerConfig): WiringConfig {
  return { rootDir: c.rootDir, dataDir: c.dataDir, catalogOverridePath: c.catalogOverridePath, configPath: c.configPath, configRequired: c.configRequired, env: c.env };
}

export interface BackgroundDeps {
  store: Store;
  wiring: WiringConfig;
}

/**
 * Start a run in the background. Resolves with the run id once the run row exists and the first
 * request is about to be sent; rejects for validation or guard errors (nothing is started then), and
 * with BackgroundRunBusyError when the run to resume is running or being resumed already (a double
 * click, a second tab) or the server is shutting down.
 */
export function startBackgroundRun(req: RunRequest, deps: BackgroundDeps): Promise<{ runId: string }> {
  if (shuttingDown) return Promise.reject(new BackgroundRunBusyError('Der Server wird beendet; es startet kein Lauf mehr.'));
  if (req.resumeId && isBackgroundRunActive(req.resumeId)) return Promise.reject(new BackgroundRunBusyError(`Lauf ${req.resumeId} läuft schon oder wird gerade fortgesetzt.`));
  // claimed before the first await, so that a second request finds it
  const controller = new AbortController();
  starting.add(controller);
  if (req.resumeId) claimed.set(req.resumeId, controller);
  const release = () => {
    starting.delete(controller);
    if (req.resumeId && claimed.get(req.resumeId) === controller) claimed.delete(req.resumeId);
  };
  return new Promise((resolve, reject) => {
    let entry: BackgroundRun | undefined;
    const emit = (ev: ProgressEvent) => {
      if (!entry) return;
      entry.last = ev;
      for (const l of entry.listeners) {
        try {
          l(ev);
        } catch {
          /* a broken listener must not break the run */
        }
      }
    };
    const sources = defaultSources({ ...deps.wiring, concurrency: req.concurrency ?? 4 });
    executeRun(req, {
      store: deps.store,
      dataDir: deps.wiring.dataDir,
      ...sources,
      signal: controller.signal,
      redact: secretRedactor(deps.wiring.env),
      onStarted: ({ runId, total, synthetic }) => {
        entry = { runId, total, synthetic, done: false, listeners: new Set(), controller };
        runs.set(runId, entry);
        release();
        resolve({ runId });
      },
      onProgress: emit
    })
      .then((summary) => {
        release();
        if (entry) {
          entry.summary = summary;
          entry.done = true;
          // executeRun already sent the 'end' event (after the summary was written)
          entry.listeners.clear();
        }
      })
      .catch((err: Error) => {
        release();
        if (!entry) return reject(err);
        entry.error = err.message;
        entry.done = true;
        emit({ type: 'end', runId: entry.runId, total: entry.total, done: entry.last?.done ?? 0, ok: entry.last?.ok ?? 0, error: entry.last?.error ?? 0, retries: entry.last?.retries ?? 0, elapsedMs: entry.last?.elapsedMs ?? 0, ratePerSec: null, etaSec: null, spentEur: entry.last?.spentEur ?? 0, status: 'failed', reason: err.message, synthetic: entry.synthetic });
        entry.listeners.clear();
      });
  });
}
