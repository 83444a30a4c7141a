// Per-target rate limits: token buckets for requests per minute and tokens per minute. A bucket
// holds at most one minute's allowance and refills continuously; callers wait until it covers them.

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A continuous token bucket; `take` waits (FIFO) until `amount` is available. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  constructor(
    readonly perMinute: number,
    private readonly now: () => number,
    private readonly sleep: Sleep
  ) {
    this.tokens = perMinute;
    this.last = now();
  }

  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((t - this.last) * this.perMinute) / 60_000);
    this.last = t;
  }

  /** Wait until `amount` (capped at the bucket size) is available, then take it. */
  take(amount: number, signal?: AbortSignal): Promise<void> {
    const need = Math.min(Math.max(0, amount), this.perMinute);
    const run = async () => {
      for (;;) {
        signal?.throwIfAborted();
        this.refill();
        if (this.tokens >= need) {
          this.tokens -= need;
          return;
        }
        const waitMs = Math.ceil(((need - this.tokens) * 60_000) / this.perMinute);
        await this.sleep(Math.max(1, waitMs), signal);
      }
    };
    const p = this.queue.then(run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Correct the balance after the real usage is known (may go negative: later callers wait longer). */
  adjust(delta: number): void {
    this.refill();
    this.tokens = Math.min(this.perMinute, this.tokens - delta);
  }
}

export class RateLimiter {
  private readonly requests?: TokenBucket;
  private readonly tokens?: TokenBucket;
  constructor(limits: RateLimits | undefined, now: () => number, sleep: Sleep) {
    if (limits?.requestsPerMinute && limits.requestsPerMinute > 0) this.requests = new TokenBucket(limits.requestsPerMinute, now, sleep);
    if (limits?.tokensPerMinute && limits.tokensPerMinute > 0) this.tokens = new TokenBucket(limits.tokensPerMinute, now, sleep);
  }

  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    if (this.requests) await this.requests.take(1, signal);
    if (this.tokens) await this.tokens.take(estimatedTokens, signal);
  }

  /** Settle the token bucket with the real token count of a finished request. */
  settle(estimatedTokens: number, actualTokens: number | undefined): void {
    if (this.tokens && actualTokens !== undefined && Number.isFinite(actualTokens)) this.tokens.adjust(actualTokens - estimatedTokens);
  }
}

/** Rough token estimate before a request (4 characters per token plus the output allowance). */
export function estimateTokens(chars: number, maxOutputTokens: number): number {
  return Math.ceil(chars / 4) + maxOutputTokens;
}
