// Scoring entry point: the registry of scorers keyed by type, config validation, per-item scoring and
// aggregation. Pure (core layer). Callers: suite loader (validateScorerConfig), runner and `werkbank score`.
import { classificationScorer } from './classification';
import { extractiveQaScorer } from './extractive-qa';
import { jsonFieldsScorer } from './json-fields';
import { llmJudgeScorer } from './llm-judge';
import { multipleChoiceScorer } from './multiple-choice';
import { numericScorer } from './numeric';
import { piiRedactionScorer } from './pii-redaction';
import { rougeScorer } from './rouge';
import { rulesScorer } from './rules';
import { scorerConfigSchema, type ScorerConfig, type ScorerType } from './schema';
import type { ItemScore, ScoreContext, Scorer, ScoringItem } from './types';
import { clamp01 } from './util';

export * from './schema';
export type { ItemScore, ScoreContext, Scorer, ScoringItem } from './types';
export { JUDGE_ALLOWED_TIERS, isAllowedJudgeTier, buildJudgePrompt, parseJudgeReply } from './llm-judge';

type AnyScorer = Scorer<never>;

/** Scorer implementations keyed by config type. */
export const scorers: { [T in ScorerType]: Scorer<Extract<ScorerConfig, { type: T }>> } = {
  'extractive-qa': extractiveQaScorer,
  numeric: numericScorer,
  classification: classificationScorer,
  'multiple-choice': multipleChoiceScorer,
  'json-fields': jsonFieldsScorer,
  rouge: rougeScorer,
  rules: rulesScorer,
  'llm-judge': llmJudgeScorer,
  'pii-redaction': piiRedactionScorer
};

function scorerFor(config: ScorerConfig): Scorer<ScorerConfig> {
  return scorers[config.type] as unknown as AnyScorer as unknown as Scorer<ScorerConfig>;
}

/**
 * Validate a scorer config (e.g. the `scorer:` block of a suite file) and fill defaults. Throws a ZodError
 * whose issues name the field (path such as ["labels"] or ["rules", 0, "max"]); an unknown `type` is reported at path ["type"] with the known types.
 */
export function validateScorerConfig(config: unknown): ScorerConfig {
  return scorerConfigSchema.parse(config);
}

/** Issues of an invalid scorer config as "field: message" lines (for loaders that report file and line themselves). */
export function scorerConfigIssues(config: unknown): string[] {
  const r = scorerConfigSchema.safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(scorer)'}: ${i.message}`);
}

function sanitize(s: ItemScore): ItemScore {
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.metrics)) metrics[k] = Number.isFinite(v) ? v : 0;
  return { ...s, score: clamp01(s.score), metrics };
}

/**
 * Score one model output against one item. Never throws for model output: unparseable output scores 0
 * with `error`. `ctx.judgeReply` is required for llm-judge configs (the runner makes the judge call).
 */
export function scoreItem(config: ScorerConfig, output: string, item: ScoringItem, ctx?: ScoreContext): ItemScore {
  try {
    return sanitize(scorerFor(config).scoreItem(config, output, item, ctx));
  } catch (err) {
    return { score: 0, metrics: {}, error: `scorer ${config.type} failed on item ${item.id}: ${(err as Error).message}` };
  }
}

/**
 * Aggregate item scores into run-level metrics in 0..1 (e.g. exact_match and f1 for extractive QA,
 * accuracy and macro_f1 for classification). `itemScores[i]` belongs to `items[i]`. Empty input → {}.
 */
export function aggregateScores(config: ScorerConfig, itemScores: ItemScore[], items: ScoringItem[]): Record<string, number> {
  if (itemScores.length !== items.length) throw new Error(`aggregateScores: ${itemScores.length} scores for ${items.length} items`);
  if (itemScores.length === 0) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(scorerFor(config).aggregate(config, itemScores, items))) if (Number.isFinite(v)) out[k] = v;
  return out;
}

/** Name of the headline aggregate metric; it equals the mean of the items' `score`. */
export function primaryMetric(config: ScorerConfig): string {
  return scorerFor(config).primaryMetric(config);
}
