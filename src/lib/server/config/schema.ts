// Schema of werkbank.config.yaml: named targets (route + connection settings + limits). Credentials are
// referenced BY ENVIRONMENT VARIABLE NAME only (`apiKeyEnv: MISTRAL_API_KEY`); a literal key, token or
// secret in the file is rejected with a message saying so.
import * as z from 'zod';

/** An environment variable name (upper-case, digits, underscores). */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Does a string look like a secret value rather than a variable name? */
export function looksLikeSecret(v: string): boolean {
  if (/^(sk|pk|rk|ak|key|sess|tok)[-_]/i.test(v) && v.length >= 12) return true;
  if (/^AKIA[0-9A-Z]{12,}$/.test(v) || /^ASIA[0-9A-Z]{12,}$/.test(v)) return true;
  if (/^ya29\./.test(v) || /^eyJ[A-Za-z0-9_-]{10,}/.test(v)) return true;
  if (/^Bearer\s/i.test(v)) return true;
  // Long random-looking strings: mixed case or hex/base64 without separators.
  if (v.length >= 24 && !/\s/.test(v) && /[0-9]/.test(v) && /[a-z]/.test(v)) return true;
  return false;
}

const envRef = (what: string) =>
  z.string().superRefine((v, ctx) => {
    if (ENV_NAME.test(v)) return;
    ctx.addIssue({
      code: 'custom',
      message: looksLikeSecret(v)
        ? `this looks like a secret value: ${what} takes the NAME of an environment variable (e.g. MISTRAL_API_KEY), never the secret itself — remove it from the file and set the variable instead / sieht aus wie ein Schlüssel: hier gehört der NAME einer Umgebungsvariable hin, nie der Schlüssel selbst`
        : `${what} must be an environment variable name (A–Z, 0–9, _), e.g. MISTRAL_API_KEY`
    });
  });

const FORBIDDEN_SECRET_FIELDS = ['apiKey', 'api_key', 'key', 'token', 'accessToken', 'secret', 'password', 'secretAccessKey', 'accessKeyId', 'sessionToken', 'authorization'];
const SECRET_HEADERS = new Set(['authorization', 'api-key', 'x-api-key', 'proxy-authorization', 'cookie', 'ocp-apim-subscription-key']);

export const rateLimitSchema = z
  .object({
    requestsPerMinute: z.number().positive().optional(),
    tokensPerMinute: z.number().positive().optional()
  })
  .strict();

export const targetConfigSchema = z
  .object({
    /** Route id: a catalog route (`bedrock-eu/claude-sonnet-4-5`) or `<provider>/<model>` / `local/<file.gguf>`. */
    route: z.string().regex(/^[a-z0-9-]+\/.+$/, 'route must look like <provider>/<model>, e.g. mistral/mistral-large-latest or local/models/tiny.gguf'),
    /** Provider model id to send instead of the one derived from the route/catalog. */
    model: z.string().min(1).optional(),
    description: z.string().optional(),
    baseUrl: z.string().url('baseUrl must be an absolute URL (http:// or https://)').optional(),
    region: z.string().min(1).optional(),
    deployment: z.string().min(1).optional(),
    apiVersion: z.string().min(1).optional(),
    /** Google Cloud project (vertex). */
    project: z.string().min(1).optional(),
    apiKeyEnv: envRef('apiKeyEnv').optional(),
    baseUrlEnv: envRef('baseUrlEnv').optional(),
    awsAccessKeyIdEnv: envRef('awsAccessKeyIdEnv').optional(),
    awsSecretAccessKeyEnv: envRef('awsSecretAccessKeyEnv').optional(),
    awsSessionTokenEnv: envRef('awsSessionTokenEnv').optional(),
    /** AWS shared-config profile name (not a secret). */
    awsProfile: z.string().min(1).optional(),
    /** Extra, non-secret HTTP headers. */
    headers: z.record(z.string(), z.string()).optional(),
    rateLimit: rateLimitSchema.optional(),
    maxConcurrency: z.number().int().positive().max(1024).optional(),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
    /** Compliance tier override (1 EU provider … 4 self-hosted); normally from the catalog. */
    tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    /** local/*: GPU use, decode threads, context size, memory-mapping of the model file, flash attention. */
    gpu: z.union([z.boolean(), z.literal('auto')]).optional(),
    threads: z.number().int().positive().max(256).optional(),
    contextSize: z.number().int().positive().optional(),
    mmap: z.boolean().optional(),
    flashAttention: z.union([z.boolean(), z.literal('auto')]).optional()
  })
  .passthrough()
  .superRefine((t, ctx) => {
    for (const i of targetKeyIssues(t)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  });

/** Unknown settings, secret fields and credential headers in one target (checked even when other fields fail). */
export function targetKeyIssues(t: unknown): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (!t || typeof t !== 'object' || Array.isArray(t)) return out;
  const known = new Set(Object.keys(targetConfigSchema_shape));
  for (const k of Object.keys(t)) {
    if (known.has(k)) continue;
    if (FORBIDDEN_SECRET_FIELDS.includes(k)) {
      const hint = k === 'secretAccessKey' || k === 'accessKeyId' || k === 'sessionToken' ? `aws${k[0].toUpperCase()}${k.slice(1)}Env` : 'apiKeyEnv';
      out.push({ path: [k], message: `secrets do not belong in werkbank.config.yaml: use ${hint}: <ENV_VAR_NAME> and set the variable / Schlüssel gehören nicht in die Datei` });
    } else out.push({ path: [k], message: `unknown setting "${k}"` });
  }
  const headers = (t as { headers?: unknown }).headers;
  if (headers && typeof headers === 'object') {
    for (const [h, v] of Object.entries(headers)) {
      if (SECRET_HEADERS.has(h.toLowerCase())) out.push({ path: ['headers', h], message: `header "${h}" carries a credential: use apiKeyEnv instead of writing it into the file` });
      else if (typeof v === 'string' && looksLikeSecret(v)) out.push({ path: ['headers', h], message: `header "${h}" looks like it holds a secret value; secrets never go into werkbank.config.yaml` });
    }
  }
  return out;
}

// The object's own keys (for the unknown-key check above; passthrough keeps unknown keys for it).
const targetConfigSchema_shape = {
  route: 1, model: 1, description: 1, baseUrl: 1, region: 1, deployment: 1, apiVersion: 1, project: 1,
  apiKeyEnv: 1, baseUrlEnv: 1, awsAccessKeyIdEnv: 1, awsSecretAccessKeyEnv: 1, awsSessionTokenEnv: 1, awsProfile: 1,
  headers: 1, rateLimit: 1, maxConcurrency: 1, timeoutMs: 1, tier: 1, gpu: 1, threads: 1, contextSize: 1, mmap: 1, flashAttention: 1
};

export type TargetConfig = z.infer<typeof targetConfigSchema>;

export const configFileSchema = z
  .object({
    version: z.literal(1).optional(),
    targets: z
      .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'target names use letters, digits, ".", "_" and "-"'), targetConfigSchema)
      .default({})
  })
  .strict();

/** The loaded configuration: named targets plus where it came from (relative paths resolve from rootDir). */
export interface WerkbankConfig {
  /** The config file, if one was read. */
  path?: string;
  /** Directory relative paths (local/*.gguf) resolve from. */
  rootDir: string;
  targets: Record<string, TargetConfig>;
}
