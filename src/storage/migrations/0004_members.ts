import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../store.js';

/**
 * Reader accounts, premium plans, subscriptions, entitlements and payment events (project issue 4).
 * Table types are declared by module augmentation in src/members/schema.ts and src/payments/schema.ts.
 */
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  await caps
    .addIdColumn(db.schema.createTable('reader_accounts'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text')
    .addColumn('email_verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_signin_at', 'text')
    .execute();

  await caps
    .addIdColumn(db.schema.createTable('reader_login_tokens'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull().defaultTo('/account'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('reader_login_tokens_expires').on('reader_login_tokens').column('expires_at').execute();

  // One row per counted attempt (failed sign-in, email link requested), so that any instance can throttle.
  await caps
    .addIdColumn(db.schema.createTable('reader_throttle'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reader_throttle_key_at').on('reader_throttle').columns(['key', 'at']).execute();

  await caps
    .addIdColumn(db.schema.createTable('premium_plans'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interval', 'text', (c) => c.notNull())
    .addColumn('price_paise', caps.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('INR'))
    .addColumn('trial_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_refs', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await caps
    .addIdColumn(db.schema.createTable('premium_subscriptions'))
    .addColumn('account_id', 'integer', (c) => c.references('reader_accounts.id').onDelete('set null'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('premium_plans.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_subscription_id', 'text')
    .addColumn('provider_customer_id', 'text')
    .addColumn('checkout_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_period_start', 'text')
    .addColumn('current_period_end', 'text')
    .addColumn('cancel_at_period_end', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ended_at', 'text')
    .addColumn('observed_at', 'text')
    .addColumn('price_paise', caps.bigint, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('premium_subscriptions_provider_id').unique().on('premium_subscriptions').columns(['provider', 'provider_subscription_id']).execute();
  await db.schema.createIndex('premium_subscriptions_account').on('premium_subscriptions').column('account_id').execute();

  await caps
    .addIdColumn(db.schema.createTable('premium_entitlements'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'integer', (c) => c.unique().references('premium_subscriptions.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('granted_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('premium_entitlements_account').on('premium_entitlements').columns(['account_id', 'ends_at']).execute();

  await caps
    .addIdColumn(db.schema.createTable('payment_events'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('provider_created_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_events_provider_event').unique().on('payment_events').columns(['provider', 'event_id']).execute();

  await caps
    .addIdColumn(db.schema.createTable('payment_receipts'))
    .addColumn('account_id', 'integer', (c) => c.references('reader_accounts.id').onDelete('set null'))
    .addColumn('subscription_id', 'integer', (c) => c.references('premium_subscriptions.id').onDelete('set null'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_payment_id', 'text', (c) => c.notNull())
    .addColumn('amount_paise', caps.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('receipt_url', 'text')
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_receipts_provider_payment').unique().on('payment_receipts').columns(['provider', 'provider_payment_id']).execute();
  await db.schema.createIndex('payment_receipts_account').on('payment_receipts').column('account_id').execute();

  await db.schema
    .createTable('premium_meter')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('premium_meter_pk', ['account_id', 'period', 'article_id'])
    .execute();
}
