import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresSkipReason, TEST_PG_URL } from '../../test/helpers/stores.js';
import { createEventBus } from './events.js';
import { startPgBridge } from './pg-bridge.js';
import { silentLogger } from './logger.js';

const skip = (await postgresSkipReason()) ?? false;

describe('event bus across instances over PostgreSQL', { skip }, () => {
  it('delivers an event published on one instance to the other, once', async () => {
    const schema = `bridge_${process.pid}`;
    const a = createEventBus();
    const b = createEventBus();
    const ba = startPgBridge(a, TEST_PG_URL, silentLogger, { schema });
    const bb = startPgBridge(b, TEST_PG_URL, silentLogger, { schema });
    await Promise.all([ba.ready, bb.ready]);
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    a.subscribe('site.changed', (p) => { onA.push(p); });
    const got = new Promise<void>((resolve) => b.subscribe('site.changed', (p) => { onB.push(p); resolve(); }));
    a.publish('site.changed', { what: 'desk' });
    await got;
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(onB, [{ what: 'desk' }]);
    assert.deepEqual(onA, [{ what: 'desk' }], 'the publisher hears its own event once, not echoed back');
    await ba.close();
    await bb.close();
  });
});
