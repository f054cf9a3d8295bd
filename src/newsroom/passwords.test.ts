import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, passwordProblem } from './passwords.js';

describe('staff passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('सही-पासवर्ड-123');
    assert.match(h, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('सही-पासवर्ड-123', h), true);
    assert.equal(await verifyPassword('गलत-पासवर्ड-123', h), false);
  });
  it('salts every hash', async () => {
    assert.notEqual(await hashPassword('same-password-1'), await hashPassword('same-password-1'));
  });
  it('refuses malformed stored hashes and short passwords', async () => {
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(await verifyPassword('x', null), false);
    assert.ok(passwordProblem('short'));
    assert.equal(passwordProblem('long-enough-password'), null);
  });
});
