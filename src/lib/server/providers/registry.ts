// Provider registry: turns a target name (from werkbank.config.yaml) or a bare route id
// (`ollama/llama3.1:8b`, `mistral/mistral-large-latest`, `openai-compatible/stackit/<model>`,
// `local/path/model.gguf`) into a ResolvedTarget, and a ResolvedTarget plus environment into a
// ProviderAdapter. Catalog routes contribute providerModelId, tier and region. Credentials are only ever
// referenced by environment variable name here; values are read in createAdapter and never returned.
import { isAbsolute, resolve } from 'node:path';
import type { Catalog } from '../../core/catalog/schema';
import type { TargetConfig, WerkbankConfig } from '../config/schema';
import { ProviderError, type ProviderAdapter } from './types';
import type { AdapterSettings } from './common';

export const PROVIDER_KINDS = ['bedrock-eu', 'bedrock', 'mistral', 'ollama', 'vertex', 'azure-openai', 'aleph-alpha', 'anthropic', 'openai', 'openai-compatible', 'local'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface CredentialRef {
  /** Environment variable name. */
  env: string;
  /** What it is for (for listings). */
  purpose: 'apiKey' | 'accessToken' | 'awsAccessKeyId' | 'awsSecretAccessKey' | 'awsSessionToken' | 'awsProfile';
  required: boolean;
}

export interface ResolvedTarget {
  /** The name given (target name or route). */
  name: string;
  /** Full route id, e.g. `mistral/mistral-large-latest`. */
  route: string;
  kind: ProviderKind;
  /** Route prefix used as adapter id, e.g. `mistral`, `openai-compatible/stackit`. */
  providerId: string;
  /** Model id sent to the provider (catalog providerModelId, deployment or the route's model part). */
  model: string;
  /** Catalog route id when the route is in the catalog. */
  catalogRoute?: string;
  tier?: number;
  region?: string;
  baseUrl?: string;
  /** Environment variable a base URL may come from when baseUrl is not set. */
  baseUrlEnv?: string;
  deployment?: string;
  apiVersion?: string;
  project?: string;
  awsProfile?: string;
  headers?: Record<string, string>;
  credentials: CredentialRef[];
  rateLimit?: { requestsPerMinute?: number; tokensPerMinute?: number };
  maxConcurrency?: number;
  timeoutMs?: number;
  local?: { modelPath: string; gpu?: boolean | 'auto'; threads?: number; contextSize?: number; mmap?: boolean; flashAttention?: boolean | 'auto' };
  /** True when the target came from werkbank.config.yaml. */
  configured: boolean;
}

/** A target or route that cannot be resolved (unknown provider, malformed route): a usage error. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Tiers when no catalog entry says otherwise (tier 3 = US provider without EU data boundary). */
const DEFAULT_TIER: Partial<Record<ProviderKind, number>> = { anthropic: 3, openai: 3, bedrock: 3, ollama: 4, local: 4 };

interface ProviderDefaults {
  apiKeyEnv?: string;
  apiKeyPurpose?: CredentialRef['purpose'];
  apiKeyRequired?: boolean;
  baseUrlEnv?: string;
  baseUrl?: string;
  regionEnv?: string;
}

function defaultsFor(kind: ProviderKind, sub?: string): ProviderDefaults {
  switch (kind) {
    case 'mistral':
      return { apiKeyEnv: 'MISTRAL_API_KEY', apiKeyRequired: true, baseUrlEnv: 'MISTRAL_API_BASE', baseUrl: 'https://api.mistral.ai' };
    case 'ollama':
      return { apiKeyEnv: 'OLLAMA_API_KEY', apiKeyRequired: false, baseUrlEnv: 'OLLAMA_HOST', baseUrl: 'http://127.0.0.1:11434' };
    case 'bedrock':
    case 'bedrock-eu':
      return { baseUrlEnv: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME', regionEnv: 'AWS_REGION' };
    case 'vertex':
      return { apiKeyEnv: 'VERTEX_ACCESS_TOKEN', apiKeyPurpose: 'accessToken', apiKeyRequired: true, baseUrlEnv: 'VERTEX_BASE_URL', regionEnv: 'VERTEX_REGION' };
    case 'azure-openai':
      return { apiKeyEnv: 'AZURE_OPENAI_API_KEY', apiKeyRequired: true, baseUrlEnv: 'AZURE_OPENAI_ENDPOINT' };
    case 'aleph-alpha':
      return { apiKeyEnv: 'AA_API_KEY', apiKeyRequired: true, baseUrlEnv: 'AA_API_URL', baseUrl: 'https://api.aleph-alpha.com' };
    case 'anthropic':
      return { apiKeyEnv: 'ANTHROPIC_API_KEY', apiKeyRequired: true, baseUrlEnv: 'ANTHROPIC_BASE_URL', baseUrl: 'https://api.anthropic.com' };
    case 'openai':
      return { apiKeyEnv: 'OPENAI_API_KEY', apiKeyRequired: true, baseUrlEnv: 'OPENAI_BASE_URL', baseUrl: 'https://api.openai.com/v1' };
    case 'openai-compatible': {
      const stem = (sub ?? 'OPENAI_COMPATIBLE').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
      // Self-hosted servers (vLLM, llama.cpp, LM Studio) often run without a key.
      const keyless = ['VLLM', 'LMSTUDIO', 'LM_STUDIO', 'LLAMACPP', 'LLAMA_CPP'].includes(stem);
      return { apiKeyEnv: `${stem}_API_KEY`, apiKeyRequired: !keyless, baseUrlEnv: `${stem}_BASE_URL` };
    }
    case 'local':
      return {};
  }
}

/** Split a route into provider kind, provider id and model part. */
export function parseRoute(route: string): { kind: ProviderKind; providerId: string; model: string } {
  const slash = route.indexOf('/');
  const head = slash > 0 ? route.slice(0, slash) : route;
  if (!(PROVIDER_KINDS as readonly string[]).includes(head)) {
    throw new TargetError(`unknown provider "${head}" in "${route}" (known: ${PROVIDER_KINDS.join(', ')}) / unbekannter Anbieter`);
  }
  const kind = head as ProviderKind;
  const rest = route.slice(slash + 1);
  if (kind === 'openai-compatible') {
    const s = rest.indexOf('/');
    if (s <= 0 || s === rest.length - 1) throw new TargetError(`"${route}": expected openai-compatible/<name>/<model>, e.g. openai-compatible/stackit/meta-llama/Llama-3.3-70B-Instruct`);
    return { kind, providerId: `openai-compatible/${rest.slice(0, s)}`, model: rest.slice(s + 1) };
  }
  if (slash <= 0 || !rest) throw new TargetError(`"${route}": expected <provider>/<model>, e.g. ${kind === 'local' ? 'local/models/tiny.gguf' : `${kind}/<model>`}`);
  return { kind, providerId: kind, model: rest };
}

/** Resolve a configured target name or a bare route id. */
export function resolveTarget(nameOrRoute: string, config: WerkbankConfig, catalog?: Catalog): ResolvedTarget {
  const tc: TargetConfig | undefined = Object.prototype.hasOwnProperty.call(config.targets, nameOrRoute) ? config.targets[nameOrRoute] : undefined;
  if (!tc && !nameOrRoute.includes('/')) {
    const names = Object.keys(config.targets);
    throw new TargetError(`unknown target "${nameOrRoute}": not in ${config.path ?? 'werkbank.config.yaml'}${names.length ? ` (known: ${names.join(', ')})` : ''} and not a route like mistral/<model> / unbekanntes Ziel`);
  }
  const route = tc?.route ?? nameOrRoute;
  const { kind, providerId, model: routeModel } = parseRoute(route);
  const d = defaultsFor(kind, providerId.split('/')[1]);
  const catRoute = catalog?.models.find((m) => m.id === route);
  const catProvider = catalog?.providers.find((p) => p.id === (catRoute?.provider ?? providerId));

  const t: ResolvedTarget = {
    name: nameOrRoute,
    route,
    kind,
    providerId,
    model: tc?.model ?? tc?.deployment ?? catRoute?.providerModelId ?? routeModel,
    catalogRoute: catRoute?.id,
    tier: tc?.tier ?? catProvider?.tier ?? DEFAULT_TIER[kind],
    region: tc?.region ?? catRoute?.region,
    baseUrl: tc?.baseUrl,
    baseUrlEnv: tc?.baseUrlEnv ?? d.baseUrlEnv,
    deployment: tc?.deployment,
    apiVersion: tc?.apiVersion,
    project: tc?.project,
    awsProfile: tc?.awsProfile,
    headers: tc?.headers,
    credentials: [],
    rateLimit: tc?.rateLimit,
    maxConcurrency: tc?.maxConcurrency,
    timeoutMs: tc?.timeoutMs,
    configured: Boolean(tc)
  };
  if (kind === 'bedrock' || kind === 'bedrock-eu') {
    const id = tc?.awsAccessKeyIdEnv ?? 'AWS_ACCESS_KEY_ID';
    const secret = tc?.awsSecretAccessKeyEnv ?? 'AWS_SECRET_ACCESS_KEY';
    // Keys are optional when a profile or instance role provides credentials.
    t.credentials.push({ env: id, purpose: 'awsAccessKeyId', required: false }, { env: secret, purpose: 'awsSecretAccessKey', required: false }, { env: tc?.awsSessionTokenEnv ?? 'AWS_SESSION_TOKEN', purpose: 'awsSessionToken', required: false });
    if (!tc?.awsProfile) t.credentials.push({ env: 'AWS_PROFILE', purpose: 'awsProfile', required: false });
  } else if (d.apiKeyEnv || tc?.apiKeyEnv) {
    t.credentials.push({ env: tc?.apiKeyEnv ?? d.apiKeyEnv!, purpose: d.apiKeyPurpose ?? 'apiKey', required: tc?.apiKeyEnv ? true : (d.apiKeyRequired ?? false) });
  }
  if (kind === 'local') {
    const p = routeModel;
    t.model = isAbsolute(p) ? p : resolve(config.rootDir, p);
    t.local = { modelPath: t.model, gpu: tc?.gpu, threads: tc?.threads, contextSize: tc?.contextSize, mmap: tc?.mmap, flashAttention: tc?.flashAttention };
    t.region = 'local';
  }
  return t;
}

/** Which credentials a target needs and whether they are set (names only, never values). */
export function credentialStatus(t: ResolvedTarget, env: Record<string, string | undefined>): { env: string; purpose: CredentialRef['purpose']; required: boolean; present: boolean }[] {
  return t.credentials.map((c) => ({ ...c, present: Boolean(env[c.env]) }));
}

/** Are the target's credentials complete? (Bedrock: a key pair, a profile, or the SDK's default chain.) */
export function credentialsReady(t: ResolvedTarget, env: Record<string, string | undefined>): boolean {
  if (t.kind === 'bedrock' || t.kind === 'bedrock-eu') {
    const s = credentialStatus(t, env);
    const has = (p: CredentialRef['purpose']) => s.some((c) => c.purpose === p && c.present);
    return (has('awsAccessKeyId') && has('awsSecretAccessKey')) || has('awsProfile') || Boolean(t.awsProfile);
  }
  return credentialStatus(t, env).every((c) => !c.required || c.present);
}

function missingCredential(t: ResolvedTarget, envName: string): ProviderError {
  return new ProviderError({
    provider: t.providerId,
    kind: 'auth',
    retryable: false,
    message: `credentials missing for ${t.name}: environment variable ${envName} is not set / Zugangsdaten fehlen: Umgebungsvariable ${envName} ist nicht gesetzt`
  });
}

/** Build the adapter for a resolved target; credential values come from `env` by the names the target holds. */
export async function createAdapter(target: ResolvedTarget, env: Record<string, string | undefined>): Promise<ProviderAdapter> {
  const d = defaultsFor(target.kind, target.providerId.split('/')[1]);
  const key = target.credentials.find((c) => c.purpose === 'apiKey' || c.purpose === 'accessToken');
  if (key?.required && !env[key.env]) throw missingCredential(target, key.env);
  const baseUrl = target.baseUrl ?? (target.baseUrlEnv ? env[target.baseUrlEnv] : undefined) ?? d.baseUrl;
  const s: AdapterSettings = {
    id: target.providerId,
    baseUrl,
    apiKey: key ? env[key.env] : undefined,
    region: target.region,
    apiVersion: target.apiVersion,
    deployment: target.deployment,
    project: target.project,
    timeoutMs: target.timeoutMs,
    headers: target.headers,
    tier: target.tier
  };
  switch (target.kind) {
    case 'ollama':
      return (await import('./ollama')).createOllamaAdapter(s);
    case 'mistral':
      return (await import('./mistral')).createMistralAdapter(s);
    case 'bedrock':
    case 'bedrock-eu': {
      const get = (p: CredentialRef['purpose']) => {
        const c = target.credentials.find((x) => x.purpose === p);
        return c ? env[c.env] : undefined;
      };
      const accessKeyId = get('awsAccessKeyId');
      const secretAccessKey = get('awsSecretAccessKey');
      if (accessKeyId && !secretAccessKey) throw missingCredential(target, target.credentials.find((c) => c.purpose === 'awsSecretAccessKey')!.env);
      const region = target.region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(target.region) ? target.region : (env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'eu-central-1');
      return (await import('./bedrock')).createBedrockAdapter({
        ...s,
        region,
        awsCredentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken: get('awsSessionToken') } : undefined,
        awsProfile: target.awsProfile ?? get('awsProfile')
      });
    }
    case 'vertex': {
      const region = target.region && /^[a-z]+-[a-z]+\d+$/.test(target.region) ? target.region : (env.VERTEX_REGION ?? 'europe-west3');
      const project = target.project ?? env.VERTEX_PROJECT_ID ?? env.GOOGLE_CLOUD_PROJECT;
      if (!project) throw new TargetError(`${target.name}: vertex needs a Google Cloud project (target setting "project" or VERTEX_PROJECT_ID) / Projekt fehlt`);
      return (await import('./anthropic')).createAnthropicAdapter({ ...s, region, project }, { vertex: true });
    }
    case 'anthropic':
      return (await import('./anthropic')).createAnthropicAdapter(s);
    case 'azure-openai': {
      if (!baseUrl) throw new TargetError(`${target.name}: azure-openai needs the resource endpoint (baseUrl or AZURE_OPENAI_ENDPOINT) / Endpoint fehlt`);
      return (await import('./openai-compatible')).createOpenAICompatibleAdapter({ ...s, apiVersion: target.apiVersion ?? env.OPENAI_API_VERSION ?? '2024-10-21' }, { azure: true, maxCompletionTokens: true });
    }
    case 'openai':
      return (await import('./openai-compatible')).createOpenAICompatibleAdapter(s, { maxCompletionTokens: true });
    case 'aleph-alpha':
      return (await import('./openai-compatible')).createOpenAICompatibleAdapter(s);
    case 'openai-compatible':
      if (!baseUrl) throw new TargetError(`${target.name}: ${target.providerId} needs a base URL (baseUrl in werkbank.config.yaml or ${target.baseUrlEnv}) / Basis-URL fehlt`);
      return (await import('./openai-compatible')).createOpenAICompatibleAdapter(s);
    case 'local': {
      const l = target.local!;
      const { createLocalAdapter } = await import('../engine/local-adapter');
      return createLocalAdapter({ modelPath: l.modelPath, gpu: l.gpu, threads: l.threads, contextSize: l.contextSize, mmap: l.mmap, flashAttention: l.flashAttention });
    }
  }
}

/** The identity fields the runner stores for a target (matches runner/types.ts EngineTarget). */
export function targetIdentity(t: ResolvedTarget): { id: string; route: string; provider: string; model: string; tier?: number; region?: string } {
  return { id: t.name, route: t.route, provider: t.providerId, model: t.model, tier: t.tier, region: t.region };
}
