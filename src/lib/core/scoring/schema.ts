// Scorer configuration schemas (zod), one per scorer type, joined into a discriminated union on `type`.
// Suite files carry one of these under `scorer:`; `validateScorerConfig` in ./index reports the field.
import * as z from 'zod';

const nonEmpty = z.string().min(1);

/** A JavaScript regular expression given as source text; rejected at validation time when it does not compile. */
const regexSource = z.string().min(1).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'invalid regular expression (JavaScript syntax with the u flag)');

export const extractiveQaConfig = z
  .object({
    type: z.literal('extractive-qa'),
    /** Answer language of the MLQA normaliser; only German is implemented. */
    language: z.literal('de').default('de'),
    /** Headline metric of the suite. */
    primary: z.enum(['f1', 'exact_match']).default('f1')
  })
  .strict();

export const numericConfig = z
  .object({
    type: z.literal('numeric'),
    /** Absolute tolerance: |predicted − expected| ≤ tolerance counts as correct. */
    tolerance: z.number().nonnegative().default(1e-6),
    /** Optional relative tolerance (fraction of |expected|); the larger of both applies. */
    relativeTolerance: z.number().nonnegative().default(0),
    /** Phrases after which the answer number follows (case-insensitive); the first match wins over the last-number fallback. */
    answerPrefixes: z.array(nonEmpty).default(['Die Antwort lautet', 'Antwort:', 'The answer is'])
  })
  .strict();

export const classificationConfig = z
  .object({
    type: z.literal('classification'),
    labels: z.array(nonEmpty).min(2).refine((l) => new Set(l).size === l.length, 'labels must be unique'),
    /** Alternative spellings per label, e.g. { OFFENSE: ['beleidigend'] }; matched like labels. */
    synonyms: z.record(z.string(), z.array(nonEmpty)).default({})
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const key of Object.keys(c.synonyms)) {
      if (!c.labels.includes(key)) ctx.addIssue({ code: 'custom', path: ['synonyms', key], message: `synonyms for unknown label "${key}"` });
    }
  });

export const multipleChoiceConfig = z
  .object({
    type: z.literal('multiple-choice'),
    choices: z.array(z.string().regex(/^[A-Z]$/, 'a choice is one capital letter')).min(2).default(['A', 'B', 'C', 'D'])
  })
  .strict();

/** `code`: identifiers such as USt-IdNr. or invoice numbers, compared without whitespace and case-insensitively (like `iban`). */
export const jsonFieldType = z.enum(['string', 'enum', 'amount', 'number', 'date', 'iban', 'code', 'boolean']);

export const jsonFieldSpec = z
  .object({
    type: jsonFieldType,
    /** Allowed values for `enum` (compared after trimming and lower-casing). */
    values: z.array(nonEmpty).optional()
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === 'enum' && (!f.values || f.values.length === 0)) ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum field needs values' });
  });

export const jsonFieldsConfig = z
  .object({
    type: z.literal('json-fields'),
    /** Field name (dot path for nested objects, e.g. "absender.iban") → how to compare it. */
    fields: z.record(nonEmpty, jsonFieldSpec).refine((f) => Object.keys(f).length > 0, 'at least one field')
  })
  .strict();

export const rougeConfig = z
  .object({
    type: z.literal('rouge'),
    /** Apply the simple German suffix stemmer (see docs/scoring.md) to both sides. */
    stem: z.boolean().default(false),
    primary: z.enum(['rouge1', 'rouge2', 'rougeL']).default('rougeL')
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sie-form'), id: nonEmpty.optional() }).strict(),
  z
    .object({
      type: z.literal('anrede'),
      id: nonEmpty.optional(),
      /** Required salutation such as "Sehr geehrte Frau Müller"; an item's expected.salutation overrides it. */
      salutation: nonEmpty.optional()
    })
    .strict(),
  z.object({ type: z.literal('grussformel'), id: nonEmpty.optional() }).strict(),
  z
    .object({
      type: z.literal('contains'),
      id: nonEmpty.optional(),
      text: nonEmpty.optional(),
      pattern: regexSource.optional(),
      /** Case-insensitive match (default true). */
      ignoreCase: z.boolean().default(true)
    })
    .strict()
    .refine((r) => (r.text === undefined) !== (r.pattern === undefined), 'contains needs exactly one of text or pattern'),
  z.object({ type: z.literal('max-words'), id: nonEmpty.optional(), max: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('no-placeholder'), id: nonEmpty.optional() }).strict()
]);

export const rulesConfig = z
  .object({
    type: z.literal('rules'),
    rules: z.array(ruleSchema).min(1)
  })
  .strict();

export const llmJudgeConfig = z
  .object({
    type: z.literal('llm-judge'),
    /** German rubric: what the judge should check. */
    rubric: nonEmpty,
    /** Rating scale the judge answers on; mapped linearly onto 0..1. */
    scale: z
      .object({ min: z.number().int(), max: z.number().int() })
      .strict()
      .refine((s) => s.max > s.min, 'scale.max must be greater than scale.min')
      .default({ min: 1, max: 5 }),
    /** Target id of the judge route; the runner checks it is tier 1 or 4 (see JUDGE_ALLOWED_TIERS). */
    judgeTarget: nonEmpty.optional()
  })
  .strict();

export const piiRedactionConfig = z
  .object({
    type: z.literal('pii-redaction'),
    /** Input field holding the original text. */
    textField: nonEmpty.default('text'),
    /** PII type → placeholder tokens that count as a correct replacement, e.g. { name: ['[NAME]'] }. */
    placeholders: z.record(nonEmpty, z.array(nonEmpty).min(1)).refine((p) => Object.keys(p).length > 0, 'at least one PII type')
  })
  .strict();

export const scorerConfigSchema = z.discriminatedUnion('type', [
  extractiveQaConfig,
  numericConfig,
  classificationConfig,
  multipleChoiceConfig,
  jsonFieldsConfig,
  rougeConfig,
  rulesConfig,
  llmJudgeConfig,
  piiRedactionConfig
]);

export type ExtractiveQaConfig = z.infer<typeof extractiveQaConfig>;
export type NumericConfig = z.infer<typeof numericConfig>;
export type ClassificationConfig = z.infer<typeof classificationConfig>;
export type MultipleChoiceConfig = z.infer<typeof multipleChoiceConfig>;
export type JsonFieldSpec = z.infer<typeof jsonFieldSpec>;
export type JsonFieldsConfig = z.infer<typeof jsonFieldsConfig>;
export type RougeConfig = z.infer<typeof rougeConfig>;
export type Rule = z.infer<typeof ruleSchema>;
export type RulesConfig = z.infer<typeof rulesConfig>;
export type LlmJudgeConfig = z.infer<typeof llmJudgeConfig>;
export type PiiRedactionConfig = z.infer<typeof piiRedactionConfig>;
export type ScorerConfig = z.infer<typeof scorerConfigSchema>;
export type ScorerType = ScorerConfig['type'];
export const SCORER_TYPES = scorerConfigSchema.options.map((o) => o.shape.type.value) as ScorerType[];
