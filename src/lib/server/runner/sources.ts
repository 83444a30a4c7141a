// What the run service needs from suites and targets, as small interfaces: a prepared suite
// (rendered items, scoring) and a prepared target (adapter, tier, price). The default
// implementations that wire in the suite loader, scorers, provider registry and catalog live in
// wiring.ts; tests pass fakes.
import type { ProviderAdapter } from '../providers/types';
import type { PriceFigures } from '../../core/cost';
import type { RateLimits } from './rate-limit';
import type { EngineTarget, RunItem, ScoreContext, ScoreOutcome } from './types';

export interface PreparedSuite {
  id: string;
  name: string;
  personalData: boolean;
  scorerType: string;
  primaryMetric: string;
  generation: { maxTokens?: number; temperature?: number; jsonMode?: boolean };
  /** All items in file order (the runner takes the first `limit`). */
  items: RunItem[];
  contentHash?: string;
  /** Score one output (may call a judge target). */
  score(item: RunItem, output: string, ctx?: ScoreContext): Promise<ScoreOutcome> | ScoreOutcome;
  /**
   * Aggregate metrics (0..1) over scored items, given outputs in item order; missing outputs are errors.
   * `scores` (the stored per-item details) is filled for the llm-judge scorer only, `output` for the others.
   */
  aggregate(rows: { item: RunItem; output: string | null; scores: Record<string, unknown> | null }[]): Record<string, number>;
  /** Release resources (e.g. the judge adapter). */
  close?(): Promise<void>;
}

export interface PriceSnapshot {
  route: string;
  figures: PriceFigures;
  usdPerEur: number;
  source?: string;
  asOf?: string;
  regionalPremium?: number;
}

export interface PreparedTarget {
  target: EngineTarget;
  adapter: ProviderAdapter;
  /** Speed-only model (random weights): the run is labelled "nur Geschwindigkeit, keine Qualität". */
  synthetic: boolean;
  price?: PriceSnapshot;
  rateLimit?: RateLimits;
  /** Most requests this target may have in flight (from werkbank.config.yaml); caps --concurrency. */
  maxConcurrency?: number;
  hardware?: Record<string, unknown>;
}

export interface SuiteSource {
  /** `maxItems`: only the first items are needed (the run's limit); the others need not be read. */
  load(id: string, opts?: { maxItems?: number }): Promise<PreparedSuite>;
}

export interface TargetSource {
  /** `check` runs once tier and region are known, before an adapter (and credentials) are needed. */
  resolve(id: string, opts?: { check?: (target: EngineTarget) => void }): Promise<PreparedTarget>;
  /** Start loading what `resolve` needs (catalog, config) without waiting; errors surface in `resolve`. */
  warm?(): void;
}
