import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * Local HTTP servers that answer like the payment providers' APIs, in their documented shapes, so that
 * the real razorpay and stripe SDKs can be pointed at them (RAZORPAY_API_BASE, STRIPE_API_BASE). Only
 * what is outside the machine is imitated; our code and the SDKs run for real. Each server records the
 * requests it got, and has controls a test uses to play the provider's side (the reader pays, a renewal
 * fails, the period ends).
 */
export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  auth: string;
}

const rid = (prefix: string) => `${prefix}${randomBytes(7).toString('base64url').replace(/[-_]/g, 'x')}`;
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((e) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(e) } }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': rid('req_') });
  res.end(JSON.stringify(body));
}

// ---------------------------------------------------------------- Razorpay

export interface RazorpayFake {
  url: string;
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  requests: Recorded[];
  subscriptions: Map<string, Record<string, any>>;
  /** The reader authorised and paid the first cycle: the subscription becomes active. */
  activate(id: string, p: { start: Date; end: Date }): Record<string, any>;
  /** A renewal was charged: the next cycle begins. */
  renew(id: string, p: { start: Date; end: Date }): Record<string, any>;
  setStatus(id: string, status: string, extra?: Record<string, unknown>): Record<string, any>;
  /** A payment entity as Razorpay sends it inside subscription.charged. */
  payment(p: { amount: number; status?: string; at: Date; method?: string }): Record<string, any>;
  /** A webhook body in Razorpay's documented shape. */
  event(event: string, at: Date, payload: { subscription?: Record<string, any>; payment?: Record<string, any> }): string;
  /** X-Razorpay-Signature for a body: HMAC-SHA256 with the webhook secret, hex. */
  sign(body: string, secret?: string): string;
  /** razorpay_signature of Checkout's handler: HMAC-SHA256 of "payment_id|subscription_id" with the key secret. */
  checkoutSignature(paymentId: string, subscriptionId: string): string;
  close(): Promise<void>;
}

export async function startRazorpayFake(clock: { now(): Date }): Promise<RazorpayFake> {
  const keyId = 'rzp_test_' + randomBytes(6).toString('hex');
  const keySecret = randomBytes(12).toString('hex');
  const webhookSecret = 'whsec_rzp_' + randomBytes(8).toString('hex');
  const requests: Recorded[] = [];
  const plans = new Map<string, Record<string, any>>();
  const subscriptions = new Map<string, Record<string, any>>();
  const expectedAuth = 'Basic ' + Buffer.from(`${keyId}:${keySecret}`).toString('base64');
  const badRequest = (res: http.ServerResponse, description: string, field?: string) => send(res, 400, { error: { code: 'BAD_REQUEST_ERROR', description, source: 'business', step: 'payment_initiation', reason: 'input_validation_failed', metadata: {}, ...(field ? { field } : {}) } });

  const { server, url } = await listen(async (req, res) => {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : {};
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ method: req.method!, path, body, auth: String(req.headers.authorization ?? '') });
    if (req.headers.authorization !== expectedAuth) return send(res, 401, { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed' } });
    const now = unix(clock.now());
    if (req.method === 'POST' && path === '/v1/plans') {
      if (!body.item?.amount || !['daily', 'weekly', 'monthly', 'yearly'].includes(body.period)) return badRequest(res, 'The period field is invalid.', 'period');
      const plan = {
        id: rid('plan_'), entity: 'plan', interval: body.interval, period: body.period,
        item: { id: rid('item_'), active: true, name: body.item.name, description: body.item.description ?? null, amount: Number(body.item.amount), unit_amount: Number(body.item.amount), currency: body.item.currency, type: 'plan', unit: null, tax_inclusive: false, hsn_code: null, sac_code: null, tax_rate: null, tax_id: null, tax_group_id: null, created_at: now, updated_at: now },
        notes: body.notes ?? [], created_at: now,
      };
      plans.set(plan.id, plan);
      return send(res, 200, plan);
    }
    if (req.method === 'POST' && path === '/v1/subscriptions') {
      if (!plans.has(body.plan_id)) return badRequest(res, 'The id provided does not exist', 'plan_id');
      const sub = {
        id: rid('sub_'), entity: 'subscription', plan_id: body.plan_id, customer_id: null, status: 'created', current_start: null, current_end: null, ended_at: null,
        quantity: body.quantity ?? 1, notes: body.notes ?? [], charge_at: body.start_at ?? null, start_at: body.start_at ?? null, end_at: null, auth_attempts: 0,
        total_count: body.total_count, paid_count: 0, customer_notify: true, created_at: now, expire_by: null, short_url: `https://rzp.io/i/${randomBytes(5).toString('hex')}`,
        has_scheduled_changes: false, change_scheduled_at: null, source: 'api', offer_id: null, remaining_count: body.total_count,
      };
      subscriptions.set(sub.id, sub);
      return send(res, 200, sub);
    }
    const m = /^\/v1\/subscriptions\/([^/]+)(\/cancel)?$/.exec(path);
    if (m) {
      const sub = subscriptions.get(m[1]!);
      if (!sub) return badRequest(res, 'The id provided does not exist');
      if (req.method === 'GET' && !m[2]) return send(res, 200, sub);
      if (req.method === 'POST' && m[2]) {
        if (['cancelled', 'completed', 'expired'].includes(sub.status)) return badRequest(res, `Subscription is not cancellable in ${sub.status} status.`, 'status');
        // Documented: with cancel_at_cycle_end the status changes to cancelled only at the end of the cycle.
        if (!body.cancel_at_cycle_end) Object.assign(sub, { status: 'cancelled', ended_at: now });
        else sub._cancel_at_cycle_end = true;
        return send(res, 200, sub);
      }
    }
    return send(res, 404, { error: { code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.' } });
  });

  const pub = (s: Record<string, any>) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_')));
  const fake: RazorpayFake = {
    url, keyId, keySecret, webhookSecret, requests, subscriptions,
    activate(id, p) {
      const s = subscriptions.get(id)!;
      Object.assign(s, { status: 'active', customer_id: s.customer_id ?? rid('cust_'), current_start: unix(p.start), current_end: unix(p.end), charge_at: unix(p.end), start_at: s.start_at ?? unix(p.start), paid_count: s.paid_count + 1, remaining_count: s.total_count - s.paid_count - 1, payment_method: 'upi' });
      return pub(s);
    },
    renew(id, p) {
      const s = subscriptions.get(id)!;
      Object.assign(s, { status: 'active', current_start: unix(p.start), current_end: unix(p.end), charge_at: unix(p.end), paid_count: s.paid_count + 1 });
      return pub(s);
    },
    setStatus(id, status, extra = {}) {
      const s = subscriptions.get(id)!;
      Object.assign(s, { status, ...extra });
      return pub(s);
    },
    payment(p) {
      return { id: rid('pay_'), entity: 'payment', amount: p.amount, currency: 'INR', status: p.status ?? 'captured', order_id: rid('order_'), invoice_id: rid('inv_'), international: false, method: p.method ?? 'upi', amount_refunded: 0, refund_status: null, captured: (p.status ?? 'captured') === 'captured', description: 'Subscription charge', card_id: null, bank: null, wallet: null, vpa: 'reader@okaxis', email: 'reader@example.in', contact: '+919999999999', customer_id: rid('cust_'), token_id: rid('token_'), notes: [], fee: 0, tax: 0, error_code: null, error_description: null, created_at: unix(p.at) };
    },
    event(event, at, payload) {
      const contains = Object.keys(payload);
      return JSON.stringify({ entity: 'event', account_id: 'acc_TestAccount01', event, contains, payload: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, { entity: v }])), created_at: unix(at) });
    },
    sign: (body, secret = webhookSecret) => createHmac('sha256', secret).update(body).digest('hex'),
    checkoutSignature: (paymentId, subscriptionId) => createHmac('sha256', keySecret).update(`${paymentId}|${subscriptionId}`).digest('hex'),
    close: () => new Promise((r) => server.close(() => r())),
  };
  return fake;
}

// ---------------------------------------------------------------- Stripe

/** Decodes Stripe's form encoding (a[b][0][c]=v) into nested objects and arrays. */
export function parseStripeForm(raw: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const keys = k.replace(/\]/g, '').split('[');
    let cur: any = out;
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]!);
      if (last) cur[key] = v;
      else cur = cur[key] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

export interface StripeFake {
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: Recorded[];
  sessions: Map<string, Record<string, any>>;
  subscriptions: Map<string, Record<string, any>>;
  /** The reader paid on Stripe's page: the session completes and an active subscription exists. */
  completeCheckout(sessionId: string, p: { start: Date; end: Date; trialEnd?: Date }): { session: Record<string, any>; subscription: Record<string, any>; invoice: Record<string, any> };
  /** Next period charged: a new invoice, the item's period moves on. */
  renew(subId: string, p: { start: Date; end: Date }): { subscription: Record<string, any>; invoice: Record<string, any> };
  update(subId: string, changes: Record<string, unknown>): Record<string, any>;
  /** An event in Stripe's documented shape; `id` defaults to a fresh evt_ id. */
  event(type: string, object: Record<string, any>, at: Date, id?: string): string;
  /** Stripe-Signature for a body, made by the SDK's own generateTestHeaderString. */
  sign(body: string, at: Date, secret?: string): string;
  close(): Promise<void>;
}

export async function startStripeFake(clock: { now(): Date }): Promise<StripeFake> {
  const secretKey = 'sk_test_' + randomBytes(12).toString('hex');
  const webhookSecret = 'whsec_' + randomBytes(16).toString('hex');
  const requests: Recorded[] = [];
  const sessions = new Map<string, Record<string, any>>();
  const subscriptions = new Map<string, Record<string, any>>();
  const portal = new Map<string, Record<string, any>>();
  const invalid = (res: http.ServerResponse, message: string, param?: string, status = 400) => send(res, status, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}), code: 'resource_missing' } });

  const { server, url } = await listen(async (req, res) => {
    const raw = await readBody(req);
    const body = parseStripeForm(raw);
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ method: req.method!, path, body, auth: String(req.headers.authorization ?? '') });
    if (req.headers.authorization !== `Bearer ${secretKey}`) return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const now = unix(clock.now());
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      if (body.mode !== 'subscription' || !body.line_items?.[0]?.price_data?.recurring) return invalid(res, 'You must provide at least one recurring price in `subscription` mode when using prices.', 'line_items');
      const id = rid('cs_test_');
      const s = {
        id, object: 'checkout.session', mode: 'subscription', status: 'open', payment_status: 'unpaid', url: `https://checkout.stripe.com/c/pay/${id}`,
        client_reference_id: body.client_reference_id ?? null, customer: null, customer_email: body.customer_email ?? null, subscription: null, metadata: body.metadata ?? {},
        success_url: body.success_url, cancel_url: body.cancel_url, currency: body.line_items[0].price_data.currency, amount_total: Number(body.line_items[0].price_data.unit_amount),
        created: now, expires_at: now + 86400, livemode: false, _subscription_data: body.subscription_data ?? {}, _line: body.line_items[0],
      };
      sessions.set(id, s);
      return send(res, 200, pub(s));
    }
    let m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const s = sessions.get(m[1]!);
      return s ? send(res, 200, pub(s)) : invalid(res, `No such checkout.session: '${m[1]}'`, 'session', 404);
    }
    m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (m) {
      const s = subscriptions.get(m[1]!);
      if (!s) return invalid(res, `No such subscription: '${m[1]}'`, 'id', 404);
      if (req.method === 'GET') return send(res, 200, s);
      if (req.method === 'POST') {
        if (body.cancel_at_period_end !== undefined) {
          s.cancel_at_period_end = body.cancel_at_period_end === 'true';
          s.cancel_at = s.cancel_at_period_end ? s.items.data[0].current_period_end : null;
          s.canceled_at = s.cancel_at_period_end ? now : null;
        }
        return send(res, 200, s);
      }
      if (req.method === 'DELETE') {
        Object.assign(s, { status: 'canceled', canceled_at: now, ended_at: now });
        return send(res, 200, s);
      }
    }
    if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!body.customer) return invalid(res, 'Missing required param: customer.', 'customer');
      const p = { id: rid('bps_'), object: 'billing_portal.session', customer: body.customer, return_url: body.return_url ?? null, url: `https://billing.stripe.com/p/session/test_${randomBytes(8).toString('hex')}`, created: now, livemode: false, locale: null, configuration: rid('bpc_'), on_behalf_of: null, flow: null };
      portal.set(p.id, p);
      return send(res, 200, p);
    }
    return invalid(res, `Unrecognized request URL (${req.method}: ${path}).`, undefined, 404);
  });

  const pub = (s: Record<string, any>) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_')));
  const invoiceFor = (sub: Record<string, any>, p: { start: Date; end: Date }, amount: number) => ({
    id: rid('in_'), object: 'invoice', amount_due: amount, amount_paid: amount, amount_remaining: 0, attempt_count: 1, attempted: true, billing_reason: 'subscription_cycle', collection_method: 'charge_automatically',
    currency: 'inr', customer: sub.customer, customer_email: 'reader@example.in', hosted_invoice_url: `https://invoice.stripe.com/i/acct_test/${randomBytes(6).toString('hex')}`, invoice_pdf: null, livemode: false,
    number: `TEST-${randomBytes(3).toString('hex').toUpperCase()}`, paid: true, period_start: unix(p.start), period_end: unix(p.start), status: 'paid',
    status_transitions: { finalized_at: unix(p.start), marked_uncollectible_at: null, paid_at: unix(p.start), voided_at: null },
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: sub.metadata, subscription: sub.id } },
    lines: { object: 'list', data: [{ id: rid('il_'), object: 'line_item', amount, currency: 'inr', period: { start: unix(p.start), end: unix(p.end) } }], has_more: false, url: '/v1/invoices/lines' },
    created: unix(p.start), total: amount, subtotal: amount,
  });

  const fake: StripeFake = {
    url, secretKey, webhookSecret, requests, sessions, subscriptions,
    completeCheckout(sessionId, p) {
      const s = sessions.get(sessionId)!;
      const customer = rid('cus_');
      const subId = rid('sub_');
      const trialing = Boolean(p.trialEnd);
      const sub: Record<string, any> = {
        id: subId, object: 'subscription', status: trialing ? 'trialing' : 'active', customer, currency: s.currency, cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null,
        collection_method: 'charge_automatically', created: unix(p.start), start_date: unix(p.start), billing_cycle_anchor: unix(p.end), livemode: false, metadata: s._subscription_data.metadata ?? {},
        trial_start: trialing ? unix(p.start) : null, trial_end: trialing ? unix(p.trialEnd!) : null, latest_invoice: null, default_payment_method: rid('pm_'), pause_collection: null, schedule: null,
        items: { object: 'list', data: [{ id: rid('si_'), object: 'subscription_item', current_period_start: unix(p.start), current_period_end: unix(p.end), quantity: 1, subscription: subId, price: { id: rid('price_'), object: 'price', currency: s.currency, unit_amount: Number(s._line.price_data.unit_amount), recurring: { interval: s._line.price_data.recurring.interval, interval_count: 1 }, type: 'recurring' } }], has_more: false, url: `/v1/subscription_items?subscription=${subId}` },
      };
      const invoice = invoiceFor(sub, p, trialing ? 0 : Number(s._line.price_data.unit_amount));
      sub.latest_invoice = invoice.id;
      subscriptions.set(subId, sub);
      Object.assign(s, { status: 'complete', payment_status: trialing ? 'no_payment_required' : 'paid', customer, subscription: subId });
      return { session: pub(s), subscription: structuredClone(sub), invoice };
    },
    renew(subId, p) {
      const sub = subscriptions.get(subId)!;
      Object.assign(sub.items.data[0], { current_period_start: unix(p.start), current_period_end: unix(p.end) });
      sub.status = 'active';
      const invoice = invoiceFor(sub, p, Number(sub.items.data[0].price.unit_amount));
      sub.latest_invoice = invoice.id;
      return { subscription: structuredClone(sub), invoice };
    },
    update(subId, changes) {
      const sub = subscriptions.get(subId)!;
      Object.assign(sub, changes);
      return structuredClone(sub);
    },
    event(type, object, at, id = rid('evt_')) {
      return JSON.stringify({ id, object: 'event', api_version: Stripe.API_VERSION, created: unix(at), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type });
    },
    sign: (body, at, secret = webhookSecret) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: unix(at) }),
    close: () => new Promise((r) => server.close(() => r())),
  };
  return fake;
}
