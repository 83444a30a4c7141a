// Cross-site form protection with a German answer: the rule of SvelteKit's own origin check (a POST,
// PUT, PATCH or DELETE with a form content type must come from this site's origin or a trusted one),
// applied in hooks.server.ts. SvelteKit's check runs before any hook and answers in English, so it is
// switched off in svelte.config.js (`csrf.trustedOrigins: ['*']`) and this one takes its place.

/** Content types a browser form can send cross-site without a preflight (plus SvelteKit's binary form). */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata']);
const GUARDED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CROSS_SITE_MESSAGE = 'Formular von einer fremden Seite abgelehnt: Werkbank nimmt Formulardaten nur von der eigenen Adresse an (Schutz vor Cross-Site Request Forgery).';

/** The 403 answer for a cross-site form submission, or undefined when the request may pass. */
export function refuseCrossSiteForm(request: Request, url: URL, trustedOrigins: readonly string[] = []): Response | undefined {
  if (!GUARDED_METHODS.has(request.method)) return undefined;
  const type = (request.headers.get('content-type')?.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (!FORM_TYPES.has(type)) return undefined;
  const origin = request.headers.get('origin');
  if (origin === url.origin || (origin && trustedOrigins.includes(origin))) return undefined;
  if (request.headers.get('accept') === 'application/json') {
    return new Response(JSON.stringify({ message: CROSS_SITE_MESSAGE }), { status: 403, headers: { 'content-type': 'application/json' } });
  }
  return new Response(CROSS_SITE_MESSAGE, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
