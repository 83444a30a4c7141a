// Optional response cache: one JSON file per key under <dataDir>/cache/responses/, keyed by target +
// request hash (see requestCacheKey). Only successful responses are stored; errors never are.
// Files are written to a temporary name and renamed, so a crash never leaves a half-written entry.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerateResult } from '../providers/types';
import type { ResponseCacheLike } from './types';

export class FileResponseCache implements ResponseCacheLike {
  readonly dir: string;
  hits = 0;
  misses = 0;
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'cache', 'responses');
  }

  private path(key: string): string {
    if (!/^[a-f0-9]{64}$/.test(key)) throw new Error('ungültiger Cache-Schlüssel');
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<GenerateResult | undefined> {
    try {
      const v = JSON.parse(await readFile(this.path(key), 'utf8')) as { result?: GenerateResult };
      if (v && v.result && typeof v.result.text === 'string' && v.result.timing) {
        this.hits++;
        return v.result;
      }
    } catch {
      /* missing or unreadable entry: a miss */
    }
    this.misses++;
    return undefined;
  }

  async set(key: string, value: GenerateResult): Promise<void> {
    if (value.finishReason === 'error') return;
    const file = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    const { text, usage, finishReason, rawFinishReason, timing } = value;
    await writeFile(tmp, JSON.stringify({ storedAt: new Date().toISOString(), result: { text, usage, finishReason, rawFinishReason, timing } }));
    await rename(tmp, file);
  }
}
