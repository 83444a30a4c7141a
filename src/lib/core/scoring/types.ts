// Scoring contract shared by all scorers: the item shape a scorer sees, the per-item result and the
// scorer interface the registry dispatches on. Pure types; no runtime code.

/** One suite item as the scorer sees it (the suite loader produces these). */
export interface ScoringItem {
  id: string;
  input: Record<string, unknown>;
  expected: unknown;
}

/** The result of scoring one model output against one item. Every number is finite. */
export interface ItemScore {
  /** Primary score of the item in 0..1 (what the run's headline metric averages). */
  score: number;
  /** Named per-item metrics, each finite (most in 0..1). */
  metrics: Record<string, number>;
  /** What the scorer read from the output (label, number, JSON object, ...), for display and debugging. */
  parsed?: unknown;
  /** Why the output could not be parsed or scored; the item then scores 0. */
  error?: string;
}

/** Extra inputs for scorers that need a second model call (llm-judge): the runner passes the judge's reply. */
export interface ScoreContext {
  judgeReply?: string;
}

export interface Scorer<C> {
  type: string;
  /** Score one output. Must not throw for any model output; bad output → score 0 with `error`. */
  scoreItem(config: C, output: string, item: ScoringItem, ctx?: ScoreContext): ItemScore;
  /** Aggregate item scores (same order as `items`) into named metrics in 0..1. Empty input → {}. */
  aggregate(config: C, itemScores: ItemScore[], items: ScoringItem[]): Record<string, number>;
  /** Name of the headline aggregate metric (e.g. 'f1' for extractive QA). */
  primaryMetric(config: C): string;
}
