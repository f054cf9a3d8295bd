import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Container } from '../../container.js';
import { AppError, validationError } from '../../shared/errors.js';
import { premiumUntil, safeReturnPath } from '../../members/index.js';
import { getPlan, listPlans, membersModule, type PaymentProvider } from '../../payments/index.js';
import { pageContext, type SiteData } from '../page.js';
import { requireReader } from '../plugins/reader-auth.js';
import { premiumPage, razorpayCheckoutPage } from '../views/account/premium.js';

type Body = Record<string, unknown>;
const body = (req: FastifyRequest): Body => (req.body && typeof req.body === 'object' ? (req.body as Body) : {});

/**
 * The story a reader came from (the paywall links to /premium?return=<its path>), carried through sign-in,
 * checkout and the provider's return; null when there is none or it is not a path of this site.
 */
export function storyToReturnTo(raw: unknown): string | null {
  const path = safeReturnPath(raw, '');
  return path === '' || path === '/account' ? null : path;
}

/** Where a reader goes once the checkout is confirmed: back to the story if they came from one and can now read it. */
export function afterCheckout(sub: { accessUntil: string | null } | null, returnTo: string | null): string {
  if (sub && sub.accessUntil) return returnTo ?? '/account?done=subscribed';
  return '/account?done=confirming';
}

/** Adds a provider's checkout origins to the page's Content-Security-Policy (only on the checkout page). */
export function widenCsp(csp: string, extra: PaymentProvider['checkoutOrigins']): string {
  const add: Record<string, string[]> = { 'script-src': extra.script, 'frame-src': extra.frame, 'connect-src': extra.connect };
  return csp
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const name = d.split(/\s+/)[0]!;
      const more = add[name]?.filter((o) => !d.split(/\s+/).includes(o)) ?? [];
      return more.length ? `${d} ${more.join(' ')}` : d;
    })
    .join('; ');
}

/** /premium: the plans page with a Subscribe button per provider, and the start and return of checkout. */
export async function premiumRoutes(app: FastifyInstance, c: Container, site: SiteData): Promise<void> {
  const { billing, members } = await membersModule(c);
  const signedIn = requireReader();

  app.get('/premium', { config: { pageCache: true } }, async (req, reply) => {
    const ctx = await pageContext(c, site, req);
    const reader = req.reader;
    const plans = await listPlans(c.store.db, { activeOnly: true });
    const q = req.query as Record<string, unknown>;
    const page = premiumPage(ctx, {
      plans,
      providers: billing.providers.map((p) => ({ name: p.name, label: p.label })),
      signedIn: reader.accountId !== null,
      premiumUntil: reader.accountId !== null ? await premiumUntil(c.store.db, reader.accountId, c.clock.now()) : null,
      csrf: reader.accountId !== null ? req.csrfToken(reply) : null,
      notice: q.checkout === 'cancelled' ? ctx.t('plans.checkoutCancelled') : null,
      returnTo: storyToReturnTo(q.return),
    });
    // Anonymous copies may be kept by the page cache; a change of plans purges them.
    req.cacheTags = ['plans'];
    return reply.type('text/html; charset=utf-8').send(page.value);
  });

  await app.register(async (scope) => {
    const widen = new WeakMap<FastifyRequest, PaymentProvider['checkoutOrigins']>();
    // Runs after the root security hook has set the page's CSP.
    scope.addHook('onSend', async (req, reply, payload) => {
      const extra = widen.get(req);
      const csp = reply.getHeader('content-security-policy');
      if (extra && typeof csp === 'string') reply.header('Content-Security-Policy', widenCsp(csp, extra));
      return payload;
    });

    scope.post('/premium/checkout', { preHandler: signedIn }, async (req, reply) => {
      const b = body(req);
      const returnTo = storyToReturnTo(b.return);
      const planId = Number(b.plan);
      if (!Number.isSafeInteger(planId) || planId < 1) throw validationError([{ field: 'plan', message: 'Choose a plan' }]);
      const provider = billing.provider(String(b.provider ?? ''));
      const account = await members.get(req.reader.accountId!);
      if (!account) throw new AppError('UNAUTHENTICATED', 'Sign in again');
      const { start } = await billing.startCheckout({ id: account.id, email: account.email, name: account.name }, planId, provider.name, { returnTo });
      if (start.kind === 'redirect') return reply.redirect(start.url, 303);
      const plan = (await getPlan(c.store.db, planId))!;
      const ctx = await pageContext(c, site, req);
      widen.set(req, provider.checkoutOrigins);
      const page = razorpayCheckoutPage(ctx, { csrf: req.csrfToken(reply), keyId: start.keyId, subscriptionId: start.providerSubscriptionId, hostedUrl: start.hostedUrl, plan, email: account.email, name: account.name, returnTo });
      return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.value);
    });
  });

  // Razorpay Checkout's answer (payment id, subscription id, signature), posted by razorpay-checkout.js.
  app.post('/premium/razorpay/verify', { preHandler: signedIn }, async (req, reply) => {
    const b = body(req);
    const params: Record<string, string> = {};
    for (const k of ['razorpay_payment_id', 'razorpay_subscription_id', 'razorpay_signature']) params[k] = typeof b[k] === 'string' ? (b[k] as string) : '';
    const sub = await billing.completeCheckout(req.reader.accountId!, 'razorpay', params);
    return reply.redirect(afterCheckout(sub, storyToReturnTo(b.return)), 303);
  });
}
