import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('knows a store that cannot be reached for the moment', () => {
    for (const e of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      withCode('SQLITE_BUSY', 'database is locked'),
      new Error('query failed', { cause: withCode('ECONNRESET') }),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all attempts failed'),
      new Error('pool error', { cause: new AggregateError([new Error('x'), withCode('ECONNREFUSED')]) }),
    ]) assert.equal(isStoreUnavailable(e), true, String((e as Error).message));
  });

  it('does not excuse faults in the program or the data', () => {
    for (const e of [
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42P01', 'relation "articles" does not exist'),
      withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'),
      null,
      undefined,
      'a string',
    ]) assert.equal(isStoreUnavailable(e), false, String(e));
  });
});
