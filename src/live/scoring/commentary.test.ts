import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentaryLine } from './commentary.js';
import { buildDelivery, type DeliveryInput } from './events.js';
import { deriveMatch } from './match.js';
import type { MatchEvent, MatchSetup } from './types.js';

const setup: MatchSetup = { teams: ['India', 'Australia'], oversPerInnings: 20, ballsPerOver: 6, matchType: 'T20', superOverAllowed: false };
const names = { 'V Kohli': 'कोहली', 'JR Hazlewood': 'हेज़लवुड', India: 'भारत' };
const ball = (input: Partial<DeliveryInput> = {}): MatchEvent =>
  buildDelivery({ innings: 0, batter: 'V Kohli', nonStriker: 'RG Sharma', bowler: 'JR Hazlewood', ...input });

/** 19 overs and three balls already bowled, so the next ball is 19.4. */
const before: MatchEvent[] = [{ type: 'inningsStart', innings: 0, battingTeam: 'India' }];
for (let over = 0; over < 19; over += 1) before.push(...Array.from({ length: 6 }, () => ball()), { type: 'endOfOver', innings: 0 });
before.push(ball(), ball(), ball());

function lineFor(event: MatchEvent): string | null {
  return commentaryLine(event, deriveMatch(setup, before), deriveMatch(setup, [...before, event]), { names });
}

describe('Hindi commentary', () => {
  it('calls a four with the ball number, bowler and batter', () => {
    assert.equal(lineFor(ball({ runs: 4, boundary: 'four' })), '19.4: हेज़लवुड से कोहली — चौका!');
  });

  it('calls a six, runs, a dot ball and extras', () => {
    assert.equal(lineFor(ball({ runs: 6, boundary: 'six' })), '19.4: हेज़लवुड से कोहली — छक्का!');
    assert.equal(lineFor(ball({ runs: 2 })), '19.4: हेज़लवुड से कोहली — 2 रन');
    assert.equal(lineFor(ball()), '19.4: हेज़लवुड से कोहली — कोई रन नहीं');
    assert.equal(lineFor(ball({ extras: { wides: 1 } })), '19.4: हेज़लवुड से कोहली — वाइड');
    assert.equal(lineFor(ball({ extras: { legbyes: 1 } })), '19.4: हेज़लवुड से कोहली — 1 लेग बाई');
  });

  it('leads with the wicket', () => {
    const out = ball({ wickets: [{ kind: 'caught', playerOut: 'V Kohli', fielders: [{ name: 'SPD Smith' }] }] });
    assert.equal(lineFor(out), '19.4: हेज़लवुड से कोहली — विकेट! कोहली कैच आउट');
  });

  it('keeps names it has no Hindi spelling for', () => {
    assert.equal(lineFor(ball({ batter: 'RG Sharma', nonStriker: 'V Kohli', runs: 1 })), '19.4: हेज़लवुड से RG Sharma — 1 रन');
  });

  it('sums up the over when the umpire calls it', () => {
    assert.equal(lineFor({ type: 'endOfOver', innings: 0 }), 'ओवर समाप्त — भारत 0/0 (20.0 ओवर)');
  });

  it('says nothing for events without a line', () => {
    assert.equal(lineFor({ type: 'bowlerChange', innings: 0, bowler: 'MA Starc' }), null);
  });

  it('adds the result to the ball that wins the match', () => {
    const short: MatchSetup = { ...setup, oversPerInnings: 1 };
    const events: MatchEvent[] = [
      { type: 'inningsStart', innings: 0, battingTeam: 'Australia' },
      buildDelivery({ innings: 0, batter: 'TM Head', nonStriker: 'DA Warner', bowler: 'JJ Bumrah', runs: 1 }),
      { type: 'inningsEnd', innings: 0, reason: 'declared' },
      { type: 'inningsStart', innings: 1, battingTeam: 'India' },
    ];
    const winning = ball({ innings: 1, bowler: 'JJ Bumrah', runs: 4, boundary: 'four' });
    const line = commentaryLine(winning, deriveMatch(short, events), deriveMatch(short, [...events, winning]), { names });
    assert.equal(line, '0.1: JJ Bumrah से कोहली — चौका! — भारत की जीत!');
  });
});
