// The adapters' clock (providers/common.ts): TimingRecorder with wire timestamps from the transport,
// and makeStream's result that the engine reads without iterating (resultHasChunkTimes).
import { describe, expect, it } from 'vitest';
import { makeStream, TimingRecorder } from '../../src/lib/server/providers/common';
import { ProviderError, type GenerateRequest } from '../../src/lib/server/providers/types';

const req: GenerateRequest = { model: 'm', messages: [{ role: 'user', content: 'Hallo' }] };
const mapError = (err: unknown) => new ProviderError({ provider: 'p', kind: 'unknown', retryable: false, message: String(err) });

describe('TimingRecorder', () => {
  it('starts at the wire send time when the transport reports one, but never before its own start', () => {
    const t = new TimingRecorder();
    const started = t.startMs;
    t.sentAt(started - 5); // earlier than the recorder: ignored
    expect(t.startMs).toBe(started);
    t.sentAt(started + 0.25);
    expect(t.startMs).toBe(started + 0.25);
  });

  it('keeps the start once a chunk has been recorded', () => {
    const t = new TimingRecorder();
    const first = t.chunk(t.startMs + 1);
    t.sentAt(t.startMs + 0.5);
    expect(t.firstTokenMs).toBe(first);
    expect(t.startMs).toBeLessThan(first);
  });

  it('uses arrival times from the wire, never earlier than the previous chunk or the start', () => {
    const t = new TimingRecorder();
    expect(t.chunk(t.startMs - 1)).toBe(t.startMs); // before the start: clamped
    t.chunkTimesMs.length = 0;
    t.firstTokenMs = undefined;
    const a = t.chunk(t.startMs + 2);
    const b = t.chunk(t.startMs + 1); // out of order: clamped to the previous chunk
    expect(a).toBe(t.startMs + 2);
    expect(b).toBe(a);
    expect(t.chunkTimesMs).toEqual([a, b]);
    expect(t.firstTokenMs).toBe(a);
  });
});

describe('makeStream', () => {
  it('puts text, wire chunk times and the wire start into the result, so the result alone is enough', async () => {
    const base = performance.now();
    const s = makeStream('p', req, undefined, async (emit, _sig, timing) => {
      timing.sentAt(base + 0.1 > timing.startMs ? base + 0.1 : timing.startMs);
      await new Promise((r) => setTimeout(r, 5));
      emit('Hal', performance.now() - 2);
      emit('', performance.now()); // empty chunks are not content
      emit('lo', undefined);
      return { usage: { outputTokens: 2 }, finishReason: 'stop' };
    }, mapError);
    expect(s.resultHasChunkTimes).toBe(true);
    const r = await s.result;
    expect(r.text).toBe('Hallo');
    expect(r.timing.chunkTimesMs).toHaveLength(2);
    expect(r.timing.firstTokenMs).toBe(r.timing.chunkTimesMs![0]);
    expect(r.timing.chunkTimesMs![0]).toBeGreaterThan(r.timing.startMs);
    expect(r.timing.chunkTimesMs![1]).toBeGreaterThanOrEqual(r.timing.chunkTimesMs![0]);
    expect(r.timing.endMs).toBeGreaterThanOrEqual(r.timing.chunkTimesMs![1]);
  });
});
