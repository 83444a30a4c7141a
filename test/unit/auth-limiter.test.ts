// Failed-login limiter: the 11th wrong token within a minute is refused until the window passes. After
// login, only paths on this site are followed (no open redirect).
import { describe, expect, it } from 'vitest';
import { LoginLimiter, isLoopbackHost, safeNextPath } from '../../src/lib/server/auth';

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

describe('safeNextPath', () => {
  it('keeps paths on this site with query and hash', () => {
    expect(safeNextPath('/runs/run-1?x=1#items')).toBe('/runs/run-1?x=1#items');
    expect(safeNextPath('/compare?runs=a,b')).toBe('/compare?runs=a,b');
  });
  it('sends everything that could leave the site to /', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', 'evil.example', '', null, undefined, '/\\/evil.example']) {
      expect(safeNextPath(bad), JSON.stringify(bad)).toBe('/');
    }
    // what a browser makes of the refused ones: another host
    expect(new URL('/\\evil.example', 'http://127.0.0.1:5173').host).toBe('evil.example');
  });
});
