/**
 * The running account of one innings. Events are recorded in order and `snapshot` turns the
 * account into the published InningsState. Mutation stays inside deriveMatch, which builds a
 * fresh ledger on every derivation, so the engine as a whole remains a pure function.
 */
import { formatOvers, formatRunRate, formatStrikeRate } from './format.js';
import { describeDismissal } from './how-out.js';
import {
  byesOf,
  deliveryTotal,
  extrasTotal,
  isBallFaced,
  isBowlersWicket,
  isLegalBall,
  isNoBall,
  isRetirementAWicket,
  isWide,
  legByesOf,
  noBallsOf,
  penaltyOf,
  runsChargedToBowler,
  runsRunBetweenWickets,
  widesOf,
} from './laws.js';
import type {
  BattingRow,
  BowlingRow,
  DeliveryEvent,
  Dismissal,
  FallOfWicket,
  InningsCloseReason,
  InningsState,
  Partnership,
  PlayerName,
  RetirementEvent,
  RetirementKind,
  RevisedTargetEvent,
  TeamName,
} from './types.js';

/** What the match decides about an innings: how long it may last and what it must chase. */
export interface InningsRules {
  ballsPerOver: number;
  /** Balls available (overs x balls per over), null when unlimited. */
  limitBalls: number | null;
  target: number | null;
  revision: RevisedTargetEvent | null;
  /** Players who may bat: the XI (or a smaller squad), 3 in a Super Over. */
  batters: number;
  /** Squad of the batting side, for "did not bat"; empty when unknown. */
  squad: readonly PlayerName[];
}

export type Warn = (message: string) => void;

interface BatterAccount {
  name: PlayerName;
  runs: number;
  balls: number;
  fours: number;
  sixes: number;
  howOut: string | null;
  dismissed: boolean;
  retired: RetirementKind | null;
}

interface BowlerAccount {
  name: PlayerName;
  runs: number;
  wickets: number;
  wides: number;
  noBalls: number;
}

/** One over as the umpire counted it: it ends only when the umpire calls "over". */
interface OverAccount {
  number: number;
  legalBalls: number;
  ballsByBowler: Map<PlayerName, number>;
  chargedToBowler: Map<PlayerName, number>;
  closed: boolean;
}

type MutablePartnership = { -readonly [K in keyof Partnership]: Partnership[K] };

const addTo = (map: Map<PlayerName, number>, key: PlayerName, amount: number): void => {
  map.set(key, (map.get(key) ?? 0) + amount);
};

export class InningsLedger {
  runs = 0;
  wickets = 0;
  closeReason: InningsCloseReason | null = null;

  private readonly extras = { byes: 0, legByes: 0, wides: 0, noBalls: 0, penalty: 0 };
  private readonly batters = new Map<PlayerName, BatterAccount>();
  private readonly bowlers = new Map<PlayerName, BowlerAccount>();
  private readonly overs: OverAccount[] = [];
  private readonly fallOfWickets: FallOfWicket[] = [];
  private readonly partnerships: MutablePartnership[] = [];
  private readonly cannotResume = new Set<PlayerName>();
  private striker: PlayerName | null = null;
  private nonStriker: PlayerName | null = null;
  private bowler: PlayerName | null = null;

  constructor(
    readonly index: number,
    readonly team: TeamName,
    readonly bowlingTeam: TeamName,
    readonly superOver: boolean,
    readonly absentHurt: readonly PlayerName[] = [],
  ) {}

  get closed(): boolean {
    return this.closeReason !== null;
  }

  /** Legal balls, whichever over they fell in. */
  get legalBalls(): number {
    return this.overs.reduce((sum, over) => sum + over.legalBalls, 0);
  }

  get completedOvers(): number {
    return this.overs.filter((over) => over.closed).length;
  }

  /** Legal balls of the over not yet called, if any. */
  get legalBallsThisOver(): number {
    const last = this.overs.at(-1);
    return last && !last.closed ? last.legalBalls : 0;
  }

  /**
   * Balls used up against the limit. A called over counts as a full over even when the umpire
   * miscounted it (Cricsheet `miscounted_overs`), because the over, not the ball, is the unit.
   */
  ballsUsed(ballsPerOver: number): number {
    return this.completedOvers * ballsPerOver + this.legalBallsThisOver;
  }

  recordDelivery(d: DeliveryEvent, warn: Warn): void {
    this.checkRunsAddUp(d, warn);
    const over = this.openOver();
    const ballLabel = `${over.number}.${over.legalBalls + 1}`;
    const total = deliveryTotal(d);

    this.bringToCrease(d.batter, warn);
    this.bringToCrease(d.nonStriker, warn);
    this.creditBatter(d);
    this.chargeBowler(d, over);
    this.addExtras(d);
    this.runs += total;
    if (isLegalBall(d)) over.legalBalls += 1;
    this.addToPartnership(d, total);

    this.striker = d.batter;
    this.nonStriker = d.nonStriker;
    this.bowler = d.bowler;
    if (runsRunBetweenWickets(d) % 2 === 1) this.swapEnds();

    for (const dismissal of d.wickets ?? []) this.recordDismissal(dismissal, d.bowler, ballLabel, warn);
  }

  recordRetirement(e: RetirementEvent, ballsPerOver: number, warn: Warn): void {
    const batter = this.batterAccount(e.batter);
    if (batter.dismissed) {
      warn(`${e.batter} is already out and cannot retire`);
      return;
    }
    batter.retired = e.kind;
    batter.howOut = e.kind;
    if (e.canResume === false) this.cannotResume.add(e.batter);
    if (isRetirementAWicket(e.kind)) {
      batter.dismissed = true;
      this.fallWicket(e.batter, formatOvers(this.ballsUsed(ballsPerOver), ballsPerOver));
    }
    this.leaveCrease(e.batter);
  }

  /** The umpire calls "over": the batters have changed ends and a new bowler is due. */
  endOver(warn: Warn): void {
    const last = this.overs.at(-1);
    if (!last || last.closed) {
      warn(`innings ${this.index + 1}: end of over called with no ball bowled`);
      return;
    }
    last.closed = true;
    this.swapEnds();
    this.bowler = null;
  }

  changeBowler(bowler: PlayerName): void {
    this.bowler = bowler;
  }

  addPenaltyRuns(runs: number): void {
    this.extras.penalty += runs;
    this.runs += runs;
  }

  close(reason: InningsCloseReason): void {
    if (this.closeReason === null) this.closeReason = reason;
  }

  /** Closes the innings if the target is reached, the side is all out or the overs are used up. */
  settle(rules: InningsRules): void {
    if (this.closed) return;
    if (rules.target !== null && this.runs >= rules.target) this.close('target reached');
    else if (this.wickets >= this.wicketsToEnd(rules)) this.close('all out');
    else if (this.oversExhausted(rules)) this.close('overs complete');
  }

  /**
   * All out is one batter short of the side: fewer if some cannot bat (absent hurt, or retired
   * hurt and unable to resume), because the last batter may not bat alone.
   */
  wicketsToEnd(rules: InningsRules): number {
    const unavailable = this.superOver ? 0 : this.absentHurt.length + this.cannotResume.size;
    return Math.max(1, rules.batters - 1 - unavailable);
  }

  snapshot(rules: InningsRules): InningsState {
    const { ballsPerOver: bpo } = rules;
    const used = this.ballsUsed(bpo);
    const chase = this.chaseFigures(rules, used);
    const batting = [...this.batters.values()].map((b) => this.battingRow(b));
    const battedOrWaiting = new Set([...this.batters.keys(), ...this.absentHurt]);
    return {
      index: this.index,
      team: this.team,
      bowlingTeam: this.bowlingTeam,
      superOver: this.superOver,
      runs: this.runs,
      wickets: this.wickets,
      legalBalls: this.legalBalls,
      overs: formatOvers(used, bpo),
      runRate: formatRunRate(this.runs, used, bpo),
      maxOvers: rules.limitBalls === null ? null : formatOvers(rules.limitBalls, bpo),
      ...chase,
      extras: { ...this.extras, total: this.extrasTotal() },
      batting,
      didNotBat: this.superOver ? [] : rules.squad.filter((name) => !battedOrWaiting.has(name)),
      bowling: [...this.bowlers.values()].map((b) => this.bowlingRow(b, bpo)),
      fallOfWickets: this.fallOfWickets.map((f) => ({ ...f })),
      partnerships: this.partnerships.map((p) => ({ ...p })),
      striker: this.closed ? null : this.striker,
      nonStriker: this.closed ? null : this.nonStriker,
      bowler: this.closed ? null : this.bowler,
      completedOvers: this.completedOvers,
      legalBallsThisOver: this.legalBallsThisOver,
      closed: this.closed,
      closeReason: this.closeReason,
    };
  }

  // -- deliveries ------------------------------------------------------------------------------

  private checkRunsAddUp(d: DeliveryEvent, warn: Warn): void {
    if (extrasTotal(d) !== d.runs.extras || deliveryTotal(d) !== d.runs.total) {
      warn(`innings ${this.index + 1}: runs of a delivery by ${d.bowler} to ${d.batter} do not add up; scored from their parts`);
    }
  }

  private openOver(): OverAccount {
    const last = this.overs.at(-1);
    if (last && !last.closed) return last;
    const over: OverAccount = {
      number: this.overs.length,
      legalBalls: 0,
      ballsByBowler: new Map(),
      chargedToBowler: new Map(),
      closed: false,
    };
    this.overs.push(over);
    return over;
  }

  private creditBatter(d: DeliveryEvent): void {
    const striker = this.batterAccount(d.batter);
    striker.runs += d.runs.batter;
    if (isBallFaced(d)) striker.balls += 1;
    if (d.boundary === 'four') striker.fours += 1;
    if (d.boundary === 'six') striker.sixes += 1;
  }

  private chargeBowler(d: DeliveryEvent, over: OverAccount): void {
    const bowler = this.bowlerAccount(d.bowler);
    const charged = runsChargedToBowler(d);
    bowler.runs += charged;
    if (isWide(d)) bowler.wides += 1;
    if (isNoBall(d)) bowler.noBalls += 1;
    addTo(over.ballsByBowler, d.bowler, isLegalBall(d) ? 1 : 0);
    addTo(over.chargedToBowler, d.bowler, charged);
  }

  private addExtras(d: DeliveryEvent): void {
    this.extras.byes += byesOf(d);
    this.extras.legByes += legByesOf(d);
    this.extras.wides += widesOf(d);
    this.extras.noBalls += noBallsOf(d);
    this.extras.penalty += penaltyOf(d);
  }

  private addToPartnership(d: DeliveryEvent, total: number): void {
    let stand = this.partnerships.at(-1);
    const samePair = stand && stand.batters.includes(d.batter) && stand.batters.includes(d.nonStriker);
    if (!stand || !samePair) {
      stand = { wicket: this.wickets + 1, batters: [d.batter, d.nonStriker], runs: 0, balls: 0 };
      this.partnerships.push(stand);
    }
    stand.runs += total;
    if (isLegalBall(d)) stand.balls += 1;
  }

  private recordDismissal(dismissal: Dismissal, bowler: PlayerName, ballLabel: string, warn: Warn): void {
    const batter = this.batterAccount(dismissal.playerOut);
    if (batter.dismissed) warn(`${dismissal.playerOut} is out twice`);
    batter.dismissed = true;
    batter.retired = null;
    batter.howOut = describeDismissal(dismissal, bowler);
    if (isBowlersWicket(dismissal.kind)) this.bowlerAccount(bowler).wickets += 1;
    this.fallWicket(dismissal.playerOut, ballLabel);
    this.leaveCrease(dismissal.playerOut);
  }

  private fallWicket(batter: PlayerName, over: string): void {
    this.wickets += 1;
    this.fallOfWickets.push({ wicket: this.wickets, runs: this.runs, batter, over });
  }

  // -- the crease ------------------------------------------------------------------------------

  /** A batter at the crease who had retired hurt has resumed (Law 25.4.2). */
  private bringToCrease(name: PlayerName, warn: Warn): void {
    const batter = this.batterAccount(name);
    if (batter.dismissed) warn(`${name} is out but is batting again`);
    if (batter.retired && !batter.dismissed) {
      batter.retired = null;
      batter.howOut = null;
      this.cannotResume.delete(name);
    }
  }

  private leaveCrease(name: PlayerName): void {
    if (this.striker === name) this.striker = null;
    if (this.nonStriker === name) this.nonStriker = null;
  }

  private swapEnds(): void {
    [this.striker, this.nonStriker] = [this.nonStriker, this.striker];
  }

  // -- accounts and rows -----------------------------------------------------------------------

  private batterAccount(name: PlayerName): BatterAccount {
    let account = this.batters.get(name);
    if (!account) {
      account = { name, runs: 0, balls: 0, fours: 0, sixes: 0, howOut: null, dismissed: false, retired: null };
      this.batters.set(name, account);
    }
    return account;
  }

  private bowlerAccount(name: PlayerName): BowlerAccount {
    let account = this.bowlers.get(name);
    if (!account) {
      account = { name, runs: 0, wickets: 0, wides: 0, noBalls: 0 };
      this.bowlers.set(name, account);
    }
    return account;
  }

  private battingRow(b: BatterAccount): BattingRow {
    return {
      name: b.name,
      runs: b.runs,
      balls: b.balls,
      fours: b.fours,
      sixes: b.sixes,
      strikeRate: formatStrikeRate(b.runs, b.balls),
      howOut: b.howOut ?? 'not out',
      dismissed: b.dismissed,
    };
  }

  /**
   * A bowler who bowled a whole called over is credited with a full over even if the umpire
   * miscounted it; a shared over (bowler injured mid-over) credits each with the balls bowled.
   */
  private bowlingRow(b: BowlerAccount, bpo: number): BowlingRow {
    let balls = 0;
    let maidens = 0;
    for (const over of this.overs) {
      const bowled = over.ballsByBowler.get(b.name);
      if (bowled === undefined) continue;
      const alone = over.ballsByBowler.size === 1;
      balls += alone && over.closed ? bpo : bowled;
      // A maiden needs the full over from this bowler with nothing charged to him:
      // byes and leg-byes do not spoil it, wides and no-balls do.
      if (alone && bowled >= bpo && over.chargedToBowler.get(b.name) === 0) maidens += 1;
    }
    return {
      name: b.name,
      overs: formatOvers(balls, bpo),
      maidens,
      runs: b.runs,
      wickets: b.wickets,
      economy: formatRunRate(b.runs, balls, bpo),
      wides: b.wides,
      noBalls: b.noBalls,
    };
  }

  private extrasTotal(): number {
    const e = this.extras;
    return e.byes + e.legByes + e.wides + e.noBalls + e.penalty;
  }

  private oversExhausted(rules: InningsRules): boolean {
    if (rules.limitBalls === null) return false;
    const bpo = rules.ballsPerOver;
    const fullOvers = Math.floor(rules.limitBalls / bpo);
    const extraBalls = rules.limitBalls % bpo;
    // Whole overs end when the umpire calls the last one; a limit like 9.2 ends on its last ball.
    if (extraBalls === 0) return this.completedOvers >= fullOvers;
    return this.completedOvers > fullOvers || (this.completedOvers === fullOvers && this.legalBallsThisOver >= extraBalls);
  }

  private chaseFigures(
    rules: InningsRules,
    used: number,
  ): Pick<InningsState, 'target' | 'revisedTarget' | 'runsNeeded' | 'ballsLeft' | 'requiredRunRate'> {
    const { revision } = rules;
    const revisedTarget = revision
      ? {
          runs: revision.runs,
          overs: rules.limitBalls === null ? null : formatOvers(rules.limitBalls, rules.ballsPerOver),
          method: revision.method ?? null,
        }
      : null;
    if (rules.target === null) return { target: null, revisedTarget, runsNeeded: null, ballsLeft: null, requiredRunRate: null };
    const runsNeeded = Math.max(0, rules.target - this.runs);
    const ballsLeft = rules.limitBalls === null ? null : Math.max(0, rules.limitBalls - used);
    const requiredRunRate =
      ballsLeft === null || ballsLeft === 0 || runsNeeded === 0 ? null : formatRunRate(runsNeeded, ballsLeft, rules.ballsPerOver);
    return { target: rules.target, revisedTarget, runsNeeded, ballsLeft, requiredRunRate };
  }
}
