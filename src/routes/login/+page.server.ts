// Login for non-loopback deployments: exchanges WERKBANK_TOKEN for a cookie derived from it.
import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getServerConfig } from '$lib/server/context';
import { AUTH_COOKIE, cookieValueFor, safeEqual, safeNextPath, LoginLimiter } from '$lib/server/auth';

const limiter = new LoginLimiter();

const form = z.object({ token: z.string().min(1, 'Token fehlt'), next: z.string().max(2000).optional() });

export const load: PageServerLoad = async ({ url }) => ({ tokenRequired: Boolean(getServerConfig().token), next: safeNextPath(url.searchParams.get('next') ?? undefined) });

export const actions: Actions = {
  default: async ({ request, cookies, getClientAddress }) => {
    const token = getServerConfig().token;
    const client = getClientAddress();
    const waitMs = limiter.retryAfterMs(client, Date.now());
    if (waitMs > 0) return fail(429, { error: `Zu viele Fehlversuche. Bitte in ${Math.ceil(waitMs / 1000)} s erneut versuchen.` });
    const parsed = form.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return fail(400, { error: parsed.error.issues[0]?.message ?? 'ungültige Eingabe' });
    if (!token) redirect(303, safeNextPath(parsed.data.next));
    if (!safeEqual(parsed.data.token, token)) {
      limiter.recordFailure(client, Date.now());
      return fail(401, { error: 'Token ist falsch.' });
    }
    cookies.set(AUTH_COOKIE, cookieValueFor(token), { path: '/', httpOnly: true, sameSite: 'strict', secure: false, maxAge: 60 * 60 * 12 });
    redirect(303, safeNextPath(parsed.data.next));
  }
};
