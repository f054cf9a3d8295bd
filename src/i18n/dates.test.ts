import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMetaDate, formatRupees, formatDate, timeAgo } from './dates.js';

describe('reader dates', () => {
  it('formats the meta line in India time as "27 Dec, 2025 02:06 PM"', () => {
    assert.equal(formatMetaDate('2025-12-27T08:36:00Z'), '27 Dec, 2025 02:06 PM');
    assert.equal(formatMetaDate('2025-12-27T14:06:00+05:30'), '27 Dec, 2025 02:06 PM');
  });
  it('crosses midnight by India time, not UTC', () => {
    assert.equal(formatMetaDate('2025-12-31T19:00:00Z'), '01 Jan, 2026 12:30 AM');
  });
  it('writes Hindi month names with Latin digits', () => {
    assert.equal(formatDate('2025-12-27T08:36:00Z'), '27 दिसंबर 2025');
  });
  it('shows prices in rupees from paise', () => {
    assert.equal(formatRupees(14900), '₹149');
    assert.equal(formatRupees(9950), '₹99.50');
  });
  it('says how long ago in Hindi', () => {
    const now = new Date('2025-12-27T10:00:00Z');
    assert.equal(timeAgo('2025-12-27T09:55:00Z', now), '5 मिनट पहले');
  });
});
