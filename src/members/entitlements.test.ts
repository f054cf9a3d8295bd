import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS, lockFor } from './entitlements.js';

const now = new Date('2026-11-26T06:30:00.000Z');
const member = { accountId: 7, premiumUntil: null };
const premium = { accountId: 7, premiumUntil: '2026-12-26T06:30:00.000Z' };

describe('the paywall rule', () => {
  it('lets everyone read free stories', () => {
    assert.equal(lockFor('free', ANONYMOUS, now), null);
  });

  it('asks anonymous readers to sign in for members stories, and lets members in', () => {
    assert.equal(lockFor('members', ANONYMOUS, now), 'members');
    assert.equal(lockFor('members', member, now), null);
  });

  it('locks premium stories for members without premium and opens them while premium lasts', () => {
    assert.equal(lockFor('premium', ANONYMOUS, now), 'premium');
    assert.equal(lockFor('premium', member, now), 'premium');
    assert.equal(lockFor('premium', premium, now), null);
    assert.equal(lockFor('premium', premium, new Date('2026-12-26T06:30:00.000Z')), 'premium', 'premium ends at its instant');
  });

  it('opens exactly the metered story for a signed-in reader', () => {
    const metered = { ...member, meteredArticleId: 12 };
    assert.equal(lockFor('premium', metered, now), null);
    assert.equal(lockFor('premium', metered, now, 12), null);
    assert.equal(lockFor('premium', metered, now, 13), 'premium');
    assert.equal(lockFor('premium', { ...ANONYMOUS, meteredArticleId: 12 }, now), 'premium', 'never for an anonymous reader');
  });

  it('lets staff previewing from the newsroom read everything', () => {
    assert.equal(lockFor('premium', { ...ANONYMOUS, staff: true }, now), null);
  });
});
