// Failed-login limiter: the 11th wrong token within a minute is refused until the window passes.
import { describe, expect, it } from 'vitest';
import { LoginLimiter, isLoopbackHost } from '../../src/lib/server/auth';

describe('LoginLimiter', () => {
  it('allows 10 failures per minute per client, then asks to wait until the oldest expires', () => {
    const l = new LoginLimiter(10, 60_000);
    for (let i = 0; i < 10; i++) {
      expect(l.retryAfterMs('1.2.3.4', 1000 + i)).toBe(0);
      l.recordFailure('1.2.3.4', 1000 + i);
    }
    expect(l.retryAfterMs('1.2.3.4', 2000)).toBe(59_000);
    expect(l.retryAfterMs('5.6.7.8', 2000)).toBe(0); // other clients unaffected
    expect(l.retryAfterMs('1.2.3.4', 61_000)).toBe(0); // window passed
  });
});

describe('isLoopbackHost', () => {
  it('treats only loopback names and addresses as local', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '']) expect(isLoopbackHost(h)).toBe(false);
  });
});
