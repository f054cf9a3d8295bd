import type { Executor } from '../storage/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError, validationError, type FieldIssue } from '../shared/errors.js';
import { cleanText, isSlug } from '../shared/text.js';
import { slugify } from '../shared/translit/index.js';
import type { PlanForProvider, PlanInterval, ProviderName } from './port.js';
import type { PlanRow } from './schema.js';
import './schema.js';

export const PLAN_INTERVALS: readonly PlanInterval[] = ['month', 'year'];
export const MIN_PRICE_PAISE = 100;
export const MAX_PRICE_PAISE = 10_000_000;

export interface ProviderPlanRef {
  id: string;
  pricePaise: number;
  interval: PlanInterval;
}

export interface Plan {
  id: number;
  code: string;
  name: string;
  description: string;
  interval: PlanInterval;
  pricePaise: number;
  currency: string;
  trialDays: number;
  active: boolean;
  position: number;
  providerRefs: Partial<Record<ProviderName, ProviderPlanRef>>;
}

export interface PlanInput {
  code?: unknown;
  name: unknown;
  description?: unknown;
  interval: unknown;
  pricePaise: unknown;
  trialDays?: unknown;
  active?: unknown;
  position?: unknown;
}

function toPlan(r: PlanRow): Plan {
  let refs: Plan['providerRefs'] = {};
  try {
    refs = JSON.parse(r.provider_refs) as Plan['providerRefs'];
  } catch {
    refs = {};
  }
  return { id: r.id, code: r.code, name: r.name, description: r.description, interval: r.interval as PlanInterval, pricePaise: Number(r.price_paise), currency: r.currency, trialDays: r.trial_days, active: r.active === 1, position: r.position, providerRefs: refs };
}

/** "149", "149.5", "1,499.00", "₹149" or "१४९" → paise; null when it is not an amount. */
export function parseRupees(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const s = raw
    .replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - 0x0966))
    .replace(/[₹,\s]/g, '')
    .replace(/^rs\.?/i, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export async function listPlans(db: Executor, opts: { activeOnly?: boolean } = {}): Promise<Plan[]> {
  let q = db.selectFrom('premium_plans').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('position').orderBy('price_paise').orderBy('id').execute();
  return rows.map(toPlan);
}

export async function getPlan(db: Executor, id: number): Promise<Plan | null> {
  const r = await db.selectFrom('premium_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPlan(r) : null;
}

function validate(input: PlanInput): { values: Omit<Plan, 'id' | 'providerRefs' | 'currency'>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = cleanText(input.name);
  if (!name) issues.push({ field: 'name', message: 'name is required' });
  else if (name.length > 80) issues.push({ field: 'name', message: 'name must be at most 80 characters' });
  const description = cleanText(input.description, { multiline: true });
  if (description.length > 500) issues.push({ field: 'description', message: 'description must be at most 500 characters' });
  let code = cleanText(input.code).toLowerCase();
  if (!code) code = slugify(name) || 'plan';
  if (!isSlug(code) || code.length > 60) issues.push({ field: 'code', message: 'code must be lowercase a–z, 0–9 and hyphens' });
  const interval = input.interval as PlanInterval;
  if (!PLAN_INTERVALS.includes(interval)) issues.push({ field: 'interval', message: 'interval must be month or year' });
  const price = Number(input.pricePaise);
  if (!Number.isInteger(price) || price < MIN_PRICE_PAISE || price > MAX_PRICE_PAISE) issues.push({ field: 'price', message: `price must be between ₹${MIN_PRICE_PAISE / 100} and ₹${MAX_PRICE_PAISE / 100}` });
  const trialRaw = input.trialDays === undefined || input.trialDays === '' ? 0 : Number(input.trialDays);
  if (!Number.isInteger(trialRaw) || trialRaw < 0 || trialRaw > 365) issues.push({ field: 'trialDays', message: 'trial days must be a whole number from 0 to 365' });
  const posRaw = input.position === undefined || input.position === '' ? 0 : Number(input.position);
  if (!Number.isInteger(posRaw) || posRaw < 0 || posRaw > 1000) issues.push({ field: 'position', message: 'position must be a whole number from 0 to 1000' });
  const active = input.active === undefined ? true : input.active === true || input.active === '1' || input.active === 'on' || input.active === 'true';
  return { values: { code, name, description, interval, pricePaise: price, trialDays: trialRaw, active, position: posRaw }, issues };
}

/** Creates a plan, or updates one; a new price or interval forgets the providers' old plans (new ones are made at the next checkout). */
export async function savePlan(db: Executor, clock: Clock, input: PlanInput, id?: number): Promise<Plan> {
  const { values: v, issues } = validate(input);
  if (issues.length) throw validationError(issues, 'The plan is not valid');
  const now = clock.now().toISOString();
  const clash = await db.selectFrom('premium_plans').select('id').where('code', '=', v.code).executeTakeFirst();
  if (clash && clash.id !== id) throw validationError([{ field: 'code', message: `another plan already uses the code "${v.code}"` }]);
  const row = { code: v.code, name: v.name, description: v.description, interval: v.interval, price_paise: v.pricePaise, trial_days: v.trialDays, active: v.active ? 1 : 0, position: v.position, updated_at: now };
  if (id === undefined) {
    const r = await db.insertInto('premium_plans').values({ ...row, currency: 'INR', provider_refs: '{}', created_at: now }).returning('id').executeTakeFirstOrThrow();
    return (await getPlan(db, r.id))!;
  }
  const old = await getPlan(db, id);
  if (!old) throw new AppError('NOT_FOUND', `plan ${id} does not exist`);
  const keepRefs = old.pricePaise === v.pricePaise && old.interval === v.interval;
  await db.updateTable('premium_plans').set({ ...row, ...(keepRefs ? {} : { provider_refs: '{}' }) }).where('id', '=', id).execute();
  return (await getPlan(db, id))!;
}

export async function setProviderPlanRef(db: Executor, planId: number, provider: ProviderName, ref: ProviderPlanRef): Promise<void> {
  const p = await getPlan(db, planId);
  if (!p) return;
  const refs = { ...p.providerRefs, [provider]: ref };
  await db.updateTable('premium_plans').set({ provider_refs: JSON.stringify(refs) }).where('id', '=', planId).execute();
}

export function planForProvider(p: Plan, provider: ProviderName): PlanForProvider {
  const ref = p.providerRefs[provider];
  const usable = ref && ref.pricePaise === p.pricePaise && ref.interval === p.interval ? ref.id : null;
  return { id: p.id, code: p.code, name: p.name, description: p.description, interval: p.interval, pricePaise: p.pricePaise, trialDays: p.trialDays, providerPlanId: usable };
}
