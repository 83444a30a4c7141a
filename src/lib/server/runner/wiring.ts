// Default suite and target sources for the run service: suites from benchmarks/ (loader + prompt
// rendering + scorers, including the LLM judge call), targets through the provider registry and the
// embedded engine, prices from the catalog. The CLI and the UI both use these.
import { loadSuite } from '../suites/loader';
import { renderPrompt, type SuiteItem } from '../../core/suites';
import { aggregateScores, buildJudgePrompt, isAllowedJudgeTier, JUDGE_ALLOWED_TIERS, scoreItem, validateScorerConfig, type ItemScore, type ScorerConfig, type ScoringItem } from '../../core/scoring';
import type { PreparedSuite, PreparedTarget, SuiteSource, TargetSource } from './sources';
import type { AuditRow, EngineTarget, RunItem, ScoreOutcome } from './types';
import { RunUsageError } from './run-service';
import { asProviderError } from './retry';
import { createAdapter, resolveTarget, type ResolvedTarget } from '../providers/registry';
import { ProviderError, type ProviderAdapter } from '../providers/types';
import { loadConfig, type WerkbankConfig } from '../config';
import { loadCatalog } from '../catalog';
import type { Catalog } from '../../core/catalog/schema';
import type { LocalAdapter } from '../engine/local-adapter';

export interface WiringConfig {
  rootDir: string;
  dataDir: string;
  catalogOverridePath?: string;
  configPath?: string;
  /** WERKBANK_CONFIG named the file: a missing file is an error. */
  configRequired?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Requests the adapter may run at once (the embedded engine sizes its sequence pool to it). */
  concurrency?: number;
}

/** Stored per-item scores: the scorer's metrics plus parse error and parsed value (for display). */
function outcomeOf(s: ItemScore): ScoreOutcome {
  const scores: Record<string, unknown> = { ...s.metrics };
  if (s.error) scores.error = s.error;
  if (s.parsed !== undefined) scores.parsed = s.parsed;
  return { score: s.score, scores };
}

export function suiteSource(cfg: WiringConfig, targets: TargetSource): SuiteSource {
  return {
    async load(id: string, opts?: { maxItems?: number }): Promise<PreparedSuite> {
      const loaded = await loadSuite(cfg.rootDir, id, { maxItems: opts?.maxItems });
      const { suite } = loaded;
      const config: ScorerConfig = validateScorerConfig(suite.scorer);
      const byId = new Map<string, SuiteItem>(loaded.items.map((i) => [i.id, i]));
      const scoringItem = (item: RunItem): ScoringItem => {
        const src = byId.get(item.id);
        return { id: item.id, input: src?.input ?? {}, expected: src?.expected ?? item.expected };
      };
      const items: RunItem[] = loaded.items.map((i) => ({ id: i.id, messages: renderPrompt(suite, i), expected: i.expected, maxTokens: suite.generation.maxTokens, jsonMode: suite.generation.jsonMode }));

      let judge: PreparedTarget | undefined;
      let judgeLoading: Promise<PreparedTarget> | undefined;
      const getJudge = async (): Promise<PreparedTarget> => {
        if (judge) return judge;
        if (config.type !== 'llm-judge') throw new Error('no judge');
        const judgeId = config.judgeTarget;
        if (!judgeId) throw new RunUsageError(`Suite ${suite.id}: llm-judge braucht scorer.judgeTarget (ein Ziel mit Tier ${JUDGE_ALLOWED_TIERS.join(' oder ')})`);
        judgeLoading ??= targets.resolve(judgeId);
        const t = await judgeLoading;
        if (t.target.tier === undefined || !isAllowedJudgeTier(t.target.tier)) {
          throw new RunUsageError(`Judge-Ziel ${judgeId} hat Tier ${t.target.tier ?? 'unbekannt'}; erlaubt sind nur Tier ${JUDGE_ALLOWED_TIERS.join(' und ')} / judge target must be tier 1 or 4`);
        }
        judge = t;
        return t;
      };
      if (config.type === 'llm-judge') await getJudge();

      return {
        id: suite.id,
        name: suite.name,
        personalData: suite.personalData,
        scorerType: config.type,
        primaryMetric: suite.metrics.primary,
        generation: { maxTokens: suite.generation.maxTokens, temperature: suite.generation.temperature, jsonMode: suite.generation.jsonMode },
        items,
        contentHash: loaded.contentHash,
        async score(item, output, ctx) {
          const si = scoringItem(item);
          if (config.type !== 'llm-judge') return outcomeOf(scoreItem(config, output, si));
          const j = await getJudge();
          const prompt = buildJudgePrompt(config, si, output);
          const t0 = performance.now();
          const audit = (status: string, extra: Partial<AuditRow> = {}) =>
            ctx?.audit({ occurredAt: new Date().toISOString(), event: 'judge_request', target: j.target.id, route: j.target.route, region: j.target.region, tier: j.target.tier, latencyMs: performance.now() - t0, status, ...extra });
          let judgeReply: string;
          try {
            const res = await j.adapter.generate({ model: j.target.model, messages: [{ role: 'system', content: prompt.system }, { role: 'user', content: prompt.user }], maxTokens: 400, temperature: 0 });
            audit('ok', { inputTokens: res.usage?.inputTokens, outputTokens: res.usage?.outputTokens, detail: { item: item.id } });
            judgeReply = res.text;
          } catch (err) {
            const pe = asProviderError(err, j.adapter.id);
            audit('error', { detail: { item: item.id, errorKind: pe.kind, httpStatus: pe.status ?? null } });
            return { score: null, scores: { judge_score: 0, judged: 0, error: `Judge-Aufruf fehlgeschlagen (${pe.kind})` } };
          }
          return outcomeOf(scoreItem(config, output, si, { judgeReply }));
        },
        aggregate(rows) {
          const list = rows.map((r) => {
            const si = scoringItem(r.item);
            let s: ItemScore;
            if (config.type === 'llm-judge') {
              const stored = r.scores ?? {};
              const js = typeof stored.judge_score === 'number' ? stored.judge_score : 0;
              s = { score: r.output === null ? 0 : js, metrics: { judge_score: r.output === null ? 0 : js, judged: typeof stored.judged === 'number' ? stored.judged : 0 } };
            } else {
              // errors count as wrong answers: scored as empty output
              s = scoreItem(config, r.output ?? '', si);
            }
            return { s, si };
          });
          return aggregateScores(
            config,
            list.map((x) => x.s),
            list.map((x) => x.si)
          );
        },
        async close() {
          await judge?.adapter.close?.().catch(() => undefined);
        }
      };
    }
  };
}

/** Errors that mean "the user named something wrong" become usage errors (exit 2), with their message. */
function asUsage(err: unknown): never {
  const e = err as Error;
  if (['TargetError', 'ConfigError', 'CatalogError', 'CatalogValidationError'].includes(e?.name)) throw new RunUsageError(e.message);
  throw err;
}

export function targetSource(cfg: WiringConfig): TargetSource {
  let catalogP: Promise<Catalog | undefined> | undefined;
  let configP: Promise<WerkbankConfig> | undefined;
  const catalog = () => (catalogP ??= loadCatalog({ rootDir: cfg.rootDir, overridePath: cfg.catalogOverridePath }).catch(asUsage));
  const config = () => (configP ??= (cfg.configPath ? loadConfig(cfg.configPath, { rootDir: cfg.rootDir, required: cfg.configRequired }) : Promise.resolve({ rootDir: cfg.rootDir, targets: {} } as WerkbankConfig)).catch(asUsage));
  return {
    warm() {
      void catalog().catch(() => undefined);
      void config().catch(() => undefined);
    },
    async resolve(id: string, opts?: { check?: (target: EngineTarget) => void }): Promise<PreparedTarget> {
      const cat = await catalog();
      let t: ResolvedTarget;
      try {
        t = resolveTarget(id, await config(), cat);
      } catch (err) {
        asUsage(err);
      }
      const target: EngineTarget = { id, route: t.route, provider: t.providerId, model: t.model, tier: t.tier, region: t.region };
      opts?.check?.(target);
      let adapter: ProviderAdapter;
      try {
        adapter = await createAdapter(t, { ...cfg.env });
      } catch (err) {
        if (err instanceof ProviderError && (err.kind === 'auth' || err.kind === 'not_found' || err.kind === 'bad_request')) throw new RunUsageError(err.message);
        asUsage(err);
      }
      const local = adapter as Partial<LocalAdapter>;
      const concurrency = Math.max(1, Math.min(cfg.concurrency ?? 1, t.maxConcurrency ?? Infinity));
      if (typeof local.ensureConcurrency === 'function') await local.ensureConcurrency(Math.min(concurrency, 8)).catch(() => undefined);
      const hardware = typeof local.hardware === 'function' ? await local.hardware().catch(() => undefined) : undefined;
      const route = t.catalogRoute ? cat?.models.find((m) => m.id === t.catalogRoute) : undefined;
      return {
        target,
        adapter,
        synthetic: local.isSynthetic === true,
        maxConcurrency: t.maxConcurrency,
        rateLimit: t.rateLimit,
        hardware: hardware as Record<string, unknown> | undefined,
        price: route
          ? { route: route.id, figures: route.price, usdPerEur: cat?.fx?.usdPerEur ?? 1.1637, source: route.price.source, asOf: route.price.asOf, regionalPremium: route.price.regionalPremium }
          : undefined
      };
    }
  };
}

export function defaultSources(cfg: WiringConfig): { suites: SuiteSource; targets: TargetSource } {
  const targets = targetSource(cfg);
  return { targets, suites: suiteSource(cfg, targets) };
}

/** Replace every secret-looking environment value in a text (keys never reach the store or logs). */
export function secretRedactor(env: Readonly<Record<string, string | undefined>>): (text: string) => string {
  const secrets = Object.entries(env)
    .filter(([k, v]) => v && v.length >= 8 && /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i.test(k))
    .map(([, v]) => v as string)
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (t) => t;
  return (text) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('***');
    return out;
  };
}
