// Retry policy: exponential backoff with full jitter for retryable provider errors, honouring the
// server's Retry-After (never waiting less than it asks), at most `maxRetries` retries.
import { ProviderError } from '../providers/types';

export interface RetryPolicy {
  /** Retries after the first attempt (0..3). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the retries (the item fails with the reason). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 120_000 };

/** Delay before retry number `retry` (1-based): random in [0, min(max, base·2^(retry−1))], at least Retry-After. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jitter = Math.floor(random() * ceiling);
  return retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.max(retryAfterMs, jitter) : jitter;
}

/** Normalise anything thrown by an adapter into a ProviderError. */
export function asProviderError(err: unknown, provider: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { name?: string; message?: string; code?: string };
  if (e?.name === 'AbortError') return new ProviderError({ provider, kind: 'aborted', message: 'Anfrage abgebrochen', retryable: false, cause: err });
  const code = e?.code ?? '';
  if (/ECONNRESET|ECONNREFUSED|EPIPE|UND_ERR_SOCKET|ETIMEDOUT/.test(code)) {
    return new ProviderError({ provider, kind: 'connection', message: e?.message ?? code, retryable: true, cause: err });
  }
  return new ProviderError({ provider, kind: 'unknown', message: e?.message ?? String(err), retryable: false, cause: err });
}
