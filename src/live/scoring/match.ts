/**
 * deriveMatch: the whole state of a match from its setup and the scorer's event list.
 * The list is the only source of truth; undo and corrections are edits to the list followed by
 * a fresh derivation, so there is no incremental state to get out of step.
 */
import { oversToBalls } from './format.js';
import { InningsLedger, type InningsRules } from './innings.js';
import { decideResult, inningsPerSide, playersPerSide, resultText, winnerOf } from './result.js';
import type {
  InningsStartEvent,
  InningsState,
  MatchEvent,
  MatchResult,
  MatchSetup,
  MatchState,
  MatchStatus,
  PlayerName,
  RevisedTargetEvent,
  TeamName,
} from './types.js';

export function deriveMatch(setup: MatchSetup, events: readonly MatchEvent[]): MatchState {
  const match = new MatchLedger(setup);
  events.forEach((event, position) => match.apply(event, position));
  return match.snapshot();
}

/** Super Over innings: one over, and two wickets end it. */
const SUPER_OVER_BATTERS = 3;

class MatchLedger {
  private readonly innings: InningsLedger[] = [];
  private readonly revisedTargets = new Map<number, RevisedTargetEvent>();
  private declaredResult: MatchResult | null = null;
  private readonly warnings: string[] = [];
  private position = 0;

  constructor(private readonly setup: MatchSetup) {}

  apply(event: MatchEvent, position: number): void {
    this.position = position;
    switch (event.type) {
      case 'inningsStart':
        this.startInnings(event);
        return;
      case 'delivery':
        this.withInnings(event.innings, (innings) => {
          if (innings.closed) this.warn(`innings ${event.innings + 1} has ended but a delivery was recorded`);
          innings.recordDelivery(event, this.warn);
        });
        return;
      case 'retirement':
        this.withInnings(event.innings, (innings) => innings.recordRetirement(event, this.setup.ballsPerOver, this.warn));
        return;
      case 'endOfOver':
        this.withInnings(event.innings, (innings) => {
          // After the innings has ended (all out, target reached) the call changes nothing.
          if (!innings.closed) innings.endOver(this.warn);
        });
        return;
      case 'bowlerChange':
        this.withInnings(event.innings, (innings) => innings.changeBowler(event.bowler));
        return;
      case 'penaltyRuns':
        this.withInnings(event.innings, (innings) => innings.addPenaltyRuns(event.runs));
        return;
      case 'inningsEnd':
        this.withInnings(event.innings, (innings) => innings.close(event.reason));
        return;
      case 'revisedTarget':
        this.revisedTargets.set(event.innings, event);
        this.innings[event.innings]?.settle(this.rulesFor(this.innings[event.innings]));
        return;
      case 'result':
        this.declaredResult = event.outcome;
        return;
    }
  }

  snapshot(): MatchState {
    const states = this.innings.map((innings) => innings.snapshot(this.rulesFor(innings)));
    const regular = states.filter((s) => !s.superOver);
    const superOvers = states.filter((s) => s.superOver);
    const outcome = this.declaredResult ?? decideResult(this.setup, regular, superOvers);
    const current = states.find((s) => !s.closed) ?? null;
    return {
      teams: this.setup.teams,
      status: this.status(outcome, current, states),
      result: outcome ? resultText(outcome) : null,
      winner: winnerOf(outcome),
      outcome,
      innings: regular,
      superOvers,
      current: outcome ? null : current,
      warnings: [...this.warnings],
    };
  }

  private readonly warn = (message: string): void => {
    this.warnings.push(`event ${this.position}: ${message}`);
  };

  private status(outcome: MatchResult | null, current: InningsState | null, states: readonly InningsState[]): MatchStatus {
    if (outcome?.kind === 'no result') return 'no result';
    if (outcome?.kind === 'abandoned') return 'abandoned';
    if (outcome) return 'complete';
    if (states.length === 0) return 'scheduled';
    return current ? 'live' : 'innings break';
  }

  // -- innings ---------------------------------------------------------------------------------

  private startInnings(event: InningsStartEvent): void {
    if (event.innings < this.innings.length) {
      this.warn(`innings ${event.innings + 1} has already started`);
      return;
    }
    this.openInnings(event.innings, event.battingTeam, event.superOver ?? false, event.absentHurt ?? []);
  }

  /** Runs `record` on the innings, opening it if a delivery arrives before its inningsStart. */
  private withInnings(index: number, record: (innings: InningsLedger) => void): void {
    let innings: InningsLedger | null = this.innings[index] ?? null;
    if (!innings) {
      const inferred = this.inferNextInnings();
      innings = this.openInnings(index, inferred.team, inferred.superOver, []);
    }
    if (!innings) return;
    record(innings);
    innings.settle(this.rulesFor(innings));
  }

  private openInnings(index: number, team: TeamName, superOver: boolean, absentHurt: readonly PlayerName[]): InningsLedger | null {
    if (index !== this.innings.length) {
      this.warn(`innings ${index + 1} cannot start before innings ${this.innings.length + 1}`);
      return null;
    }
    if (!this.setup.teams.includes(team)) this.warn(`${team} is not playing in this match`);
    // A new innings can only start once the previous one is over, e.g. stopped by rain.
    for (const earlier of this.innings) earlier.close('curtailed');
    const innings = new InningsLedger(index, team, this.opponentOf(team), superOver, absentHurt);
    this.innings.push(innings);
    return innings;
  }

  /**
   * When the scorer skips inningsStart: the toss decides the first innings, sides then alternate,
   * except that the side batting second bats first in the Super Over that follows.
   */
  private inferNextInnings(): { team: TeamName; superOver: boolean } {
    const previous = this.innings.at(-1);
    if (!previous) return { team: this.tossBattingTeam(), superOver: false };
    const regularCount = this.innings.filter((i) => !i.superOver).length;
    const superOver = previous.superOver || regularCount >= 2 * inningsPerSide(this.setup);
    const opensSuperOverPair = superOver && this.innings.filter((i) => i.superOver).length % 2 === 0;
    return { team: opensSuperOverPair ? previous.team : this.opponentOf(previous.team), superOver };
  }

  private tossBattingTeam(): TeamName {
    const toss = this.setup.toss;
    if (!toss) return this.setup.teams[0];
    return toss.decision === 'bat' ? toss.winner : this.opponentOf(toss.winner);
  }

  private opponentOf(team: TeamName): TeamName {
    const [a, b] = this.setup.teams;
    return team === a ? b : a;
  }

  // -- rules -----------------------------------------------------------------------------------

  private rulesFor(innings: InningsLedger): InningsRules {
    const { ballsPerOver, oversPerInnings } = this.setup;
    const revision = this.revisedTargets.get(innings.index) ?? null;
    let limitBalls: number | null = oversPerInnings === null ? null : oversPerInnings * ballsPerOver;
    if (innings.superOver) limitBalls = ballsPerOver;
    if (revision?.overs !== undefined) limitBalls = oversToBalls(revision.overs, ballsPerOver);
    const squad = this.setup.players?.[innings.team] ?? [];
    const batters = innings.superOver ? SUPER_OVER_BATTERS : Math.min(playersPerSide(this.setup), squad.length || Infinity);
    return { ballsPerOver, limitBalls, target: revision?.runs ?? this.naturalTarget(innings), revision, batters, squad };
  }

  /** One more than the opponents' lead: the second innings of a pair, or the fourth of a Test. */
  private naturalTarget(innings: InningsLedger): number | null {
    const group = this.innings.filter((i) => i.superOver === innings.superOver);
    const position = group.indexOf(innings);
    if (innings.superOver || inningsPerSide(this.setup) === 1) {
      return position % 2 === 1 ? group[position - 1].runs + 1 : null;
    }
    if (position !== 3) return null;
    const earlier = group.slice(0, 3);
    const sum = (team: TeamName) => earlier.filter((i) => i.team === team).reduce((total, i) => total + i.runs, 0);
    return Math.max(1, sum(innings.bowlingTeam) - sum(innings.team) + 1);
  }
}
