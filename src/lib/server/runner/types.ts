// Runner types: what the run engine consumes (items, a target, an adapter) and what it produces
// (one ItemResult per item, audit rows per request, progress events). Kept small so the engine can
// be tested with fake adapters and fake sinks.
import type { ChatMessage, GenerateResult, ProviderAdapter, Usage } from '../providers/types';

/** One suite item, already rendered into chat messages. */
export interface RunItem {
  id: string;
  messages: ChatMessage[];
  expected?: unknown;
  maxTokens?: number;
  jsonMode?: boolean;
}

/** The target as the engine and the audit log see it. */
export interface EngineTarget {
  /** Target id as given by the user, e.g. `ollama/llama3.2` or `local/tiny.gguf`. */
  id: string;
  route: string;
  provider: string;
  /** Provider model id sent in the request. */
  model: string;
  tier?: number;
  region?: string;
}

export interface ScoreOutcome {
  /** Primary score in 0..1 (null when the item could not be scored). */
  score?: number | null;
  /** All metrics of the item. */
  scores?: Record<string, unknown>;
}

export type ItemStatus = 'ok' | 'error';

export interface ItemResult {
  itemId: string;
  status: ItemStatus;
  /** Requests sent for this item (0 for a cache hit). */
  attempts: number;
  output?: string;
  error?: string;
  errorKind?: string;
  finishReason?: string;
  startedAt: string;
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
  itlMs?: number[];
  outputTokensPerSec?: number;
  usage?: Usage;
  costEur?: number;
  score?: number | null;
  scores?: Record<string, unknown>;
  serverTiming?: Record<string, unknown>;
  cached?: boolean;
  expected?: unknown;
  prompt?: unknown;
}

/** One row per provider request; never prompt or output content. */
export interface AuditRow {
  occurredAt: string;
  event: string;
  runId?: string;
  target?: string;
  route?: string;
  region?: string;
  tier?: number;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  status: string;
  detail?: Record<string, unknown>;
}

/** Passed to scoring: lets a scorer that calls a model (LLM judge) write its own audit rows. */
export interface ScoreContext {
  audit(row: AuditRow): void;
}

export interface ResultSink {
  add(result: ItemResult): void;
  audit(row: AuditRow): void;
  /** Write everything buffered so far. */
  flush(): Promise<void>;
}

export interface ProgressEvent {
  type: 'start' | 'progress' | 'end';
  runId: string;
  total: number;
  done: number;
  ok: number;
  error: number;
  retries: number;
  elapsedMs: number;
  /** Items per second in this session. */
  ratePerSec: number | null;
  etaSec: number | null;
  spentEur: number;
  status?: string;
  reason?: string;
  synthetic?: boolean;
}

export interface ResponseCacheLike {
  get(key: string): Promise<GenerateResult | undefined>;
  set(key: string, value: GenerateResult): Promise<void>;
}

export type { ProviderAdapter };
