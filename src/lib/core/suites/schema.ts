// Benchmark suite schema: what a `benchmarks/<id>.yaml` file and its JSONL dataset rows must look like.
// Pure zod, shared by the loader (server), the runner, the scorers and the UI.
//
// Example suite file (benchmarks/xquad-de.yaml):
//
//   id: xquad-de
//   name: XQuAD (Deutsch)
//   description: Extraktive Fragebeantwortung über Wikipedia-Absätze.
//   language: de
//   dataset:
//     path: datasets/xquad-de/items.jsonl      # JSONL, relative to the repository root, under datasets/
//     licence: CC BY-SA 4.0
//     source: https://github.com/google-deepmind/xquad (commit 7d30520c…)
//     attribution: Artetxe, Ruder, Yogatama (2020); translated SQuAD v1.1 dev subset
//   personalData: false
//   template:
//     system: Du beantwortest Fragen zu einem Text. Antworte nur mit der kürzesten Textstelle.
//     user: |
//       Text: {{context}}
//       Frage: {{question}}
//     fewShot:                                 # optional: list of turns, or a path to a JSON file with such a list
//       - user: "Text: … Frage: …"
//         assistant: "…"
//   cacheableSystemPrompt: true                # optional, default false
//   generation: { maxTokens: 64, temperature: 0 }
//   output: { parse: text }                    # text | json | label | number | letter (+ labels for label/letter)
//   scorer: { type: extractive-qa }            # type + scorer-specific options (validated by core/scoring)
//   metrics: { primary: f1, secondary: [exact_match] }
//
// Dataset row (one JSON object per line):
//   {"id": "56beb4343aeaaa14008c925c", "input": {"context": "…", "question": "…"}, "expected": ["…"], "meta": {…}}
// `{{field}}` placeholders in the template are filled from `input`; `expected` is whatever the scorer expects.
import * as z from 'zod';

export const suiteIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id with digits and dashes, e.g. xquad-de');

export const scorerTypes = [
  'extractive-qa',
  'numeric',
  'classification',
  'multiple-choice',
  'json-fields',
  'rouge',
  'rules',
  'llm-judge',
  'pii-redaction'
] as const;
export type ScorerType = (typeof scorerTypes)[number];

export const parseModes = ['text', 'json', 'label', 'number', 'letter'] as const;
export type ParseMode = (typeof parseModes)[number];

/** One few-shot turn pair: a user message and the assistant answer the model should imitate. */
export const fewShotTurnSchema = z.strictObject({
  user: z.string().min(1),
  assistant: z.string().min(1)
});
export type FewShotTurn = z.infer<typeof fewShotTurnSchema>;
export const fewShotListSchema = z.array(fewShotTurnSchema);

export const datasetRefSchema = z.strictObject({
  /** JSONL file relative to the repository root; must live under `datasets/`. */
  path: z
    .string()
    .regex(/^datasets\/[A-Za-z0-9._/-]+\.jsonl$/, 'a .jsonl path under datasets/, e.g. datasets/xquad-de/items.jsonl')
    .refine((p) => !p.split('/').includes('..'), 'must not contain ..'),
  licence: z.string().min(1),
  source: z.string().min(1),
  attribution: z.string().min(1)
});
export type DatasetRef = z.infer<typeof datasetRefSchema>;

export const templateSchema = z.strictObject({
  /** Static system prompt (no placeholders, so it can be served from a prompt cache). */
  system: z
    .string()
    .min(1)
    .refine((s) => !/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/.test(s), 'the system prompt must not contain {{placeholders}} (put item fields into the user message)'),
  /** User message with `{{field}}` placeholders over the item's `input` fields. */
  user: z.string().min(1),
  /** Few-shot turns inline, or a path (relative to the repository root, under datasets/) to a JSON list of turns. */
  fewShot: z
    .union([
      fewShotListSchema,
      z.string().regex(/^datasets\/[A-Za-z0-9._/-]+\.json$/, 'a .json path under datasets/, or a list of { user, assistant }')
    ])
    .optional()
});
export type Template = z.infer<typeof templateSchema>;

export const generationSchema = z.strictObject({
  maxTokens: z.number().int().positive().max(32_768),
  temperature: z.number().min(0).max(2),
  topP: z.number().gt(0).max(1).optional(),
  stop: z.array(z.string().min(1)).max(8).optional(),
  /** Ask the API for a JSON object where it supports that. */
  jsonMode: z.boolean().optional()
});
export type Generation = z.infer<typeof generationSchema>;

/** Hints for turning the raw model output into the value the scorer compares. */
export const outputSchema = z
  .strictObject({
    parse: z.enum(parseModes),
    /** Allowed labels (parse: label) or letters (parse: letter), in canonical spelling; when absent, a
     *  classification scorer's `labels` apply. */
    labels: z.array(z.string().min(1)).min(2).optional()
  })
  .refine((o) => !o.labels || new Set(o.labels).size === o.labels.length, { message: 'labels must be unique', path: ['labels'] });
export type OutputSpec = z.infer<typeof outputSchema>;

/** Scorer type plus scorer-specific options; the options are checked by core/scoring's validateScorerConfig. */
export const scorerConfigSchema = z.looseObject({
  type: z.enum(scorerTypes)
});
export type ScorerConfig = z.infer<typeof scorerConfigSchema>;

export const metricsSchema = z.strictObject({
  /** Name of the headline metric (0..1) the scorer reports, e.g. f1, accuracy, macro_f1. */
  primary: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'metric name of letters, digits and _, e.g. f1 or rougeL'),
  secondary: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'metric name of letters, digits and _')).default([])
});
export type MetricsSpec = z.infer<typeof metricsSchema>;

export const suiteSchema = z.strictObject({
  id: suiteIdSchema,
  name: z.string().min(1),
  description: z.string().min(1),
  language: z.literal('de'),
  dataset: datasetRefSchema,
  /** True when the items contain (synthetic or real) personal data: the runner then refuses tier-3 targets. */
  personalData: z.boolean(),
  template: templateSchema,
  cacheableSystemPrompt: z.boolean().default(false),
  generation: generationSchema,
  output: outputSchema,
  scorer: scorerConfigSchema,
  metrics: metricsSchema,
  tags: z.array(z.string().min(1)).optional()
});
/** A suite as written in YAML (after defaults). `template.fewShot` may still be a path. */
export type SuiteFile = z.infer<typeof suiteSchema>;
export type SuiteFileInput = z.input<typeof suiteSchema>;

/** Labels an item's `expected` must be one of: output.labels, else the scorer's `labels` option, if any. */
export function suiteLabels(suite: Pick<SuiteFile, 'output' | 'scorer'>): string[] | undefined {
  if (suite.output.labels) return suite.output.labels;
  const l = (suite.scorer as { labels?: unknown }).labels;
  return Array.isArray(l) && l.every((x) => typeof x === 'string') ? (l as string[]) : undefined;
}

/** A suite whose few-shot turns are resolved to a list (what the loader returns and renderPrompt takes). */
export type Suite = Omit<SuiteFile, 'template'> & {
  template: Omit<Template, 'fewShot'> & { fewShot?: FewShotTurn[] };
};

const jsonValue: z.ZodType<unknown> = z.unknown().refine((v) => v !== undefined, 'required');

/** One dataset row. Ids are stable (upstream ids where there are any) and unique within the suite. */
export const suiteItemSchema = z.strictObject({
  id: z.string().min(1).max(200).regex(/^\S(.*\S)?$/, 'no leading or trailing whitespace'),
  input: z.record(z.string(), z.unknown()),
  expected: jsonValue,
  meta: z.record(z.string(), z.unknown()).optional()
});
export type SuiteItem = z.infer<typeof suiteItemSchema>;

/** A suite with its items, as the server loader returns it. */
export interface LoadedSuite {
  suite: Suite;
  items: SuiteItem[];
  /** Suite YAML file (absolute path). */
  file: string;
  /** Dataset JSONL file (absolute path). */
  datasetFile: string;
  /** sha256 over the suite YAML, the resolved few-shot turns and the dataset bytes (hex). */
  contentHash: string;
}

/** Placeholder names used in a template string, in order of first appearance. */
export function templateFields(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** `{{ field }}`: letters, digits and underscores, optional surrounding spaces. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
