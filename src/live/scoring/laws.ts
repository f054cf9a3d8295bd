/**
 * The Laws of Cricket as they apply to one delivery, each as a small pure function so that the
 * accounting in the innings stays readable and every rule can be tested on its own.
 */
import type { DeliveryEvent, DismissalKind, RetirementKind } from './types.js';

const extra = (d: DeliveryEvent, kind: keyof NonNullable<DeliveryEvent['extras']>): number => d.extras?.[kind] ?? 0;

export const widesOf = (d: DeliveryEvent): number => extra(d, 'wides');
export const noBallsOf = (d: DeliveryEvent): number => extra(d, 'noballs');
export const byesOf = (d: DeliveryEvent): number => extra(d, 'byes');
export const legByesOf = (d: DeliveryEvent): number => extra(d, 'legbyes');
export const penaltyOf = (d: DeliveryEvent): number => extra(d, 'penalty');

export const isWide = (d: DeliveryEvent): boolean => widesOf(d) > 0;
export const isNoBall = (d: DeliveryEvent): boolean => noBallsOf(d) > 0;

/** Wides and no-balls must be bowled again, so they do not count towards the over. */
export const isLegalBall = (d: DeliveryEvent): boolean => !isWide(d) && !isNoBall(d);

/** A wide never reaches the batter's bat, so it is not a ball faced; a no-ball is. */
export const isBallFaced = (d: DeliveryEvent): boolean => !isWide(d);

export const extrasTotal = (d: DeliveryEvent): number =>
  widesOf(d) + noBallsOf(d) + byesOf(d) + legByesOf(d) + penaltyOf(d);

/** Runs the delivery adds to the total, from its parts (the parts are what the scorer entered). */
export const deliveryTotal = (d: DeliveryEvent): number => d.runs.batter + extrasTotal(d);

/**
 * Runs charged to the bowler: runs off the bat, every wide run and the no-ball penalty.
 * Byes and leg-byes (even off a no-ball) are the fielding side's failure, and penalty runs
 * punish the team, so neither counts against the bowler.
 */
export const runsChargedToBowler = (d: DeliveryEvent): number => d.runs.batter + widesOf(d) + noBallsOf(d);

/** The dismissals a bowler is credited with (Law 32–39); run out and the rest go to nobody. */
const BOWLER_CREDITED: ReadonlySet<DismissalKind> = new Set<DismissalKind>([
  'bowled',
  'caught',
  'caught and bowled',
  'lbw',
  'stumped',
  'hit wicket',
]);

export const isBowlersWicket = (kind: DismissalKind): boolean => BOWLER_CREDITED.has(kind);

/** Retired out is a dismissal (Law 25.4.3); retired hurt and retired not out are not. */
export const isRetirementAWicket = (kind: RetirementKind): boolean => kind === 'retired out';

/**
 * Runs physically completed between the wickets, which decide whether the batters changed ends.
 * A boundary is not run, and the first run of a wide is the penalty, not a run.
 */
export function runsRunBetweenWickets(d: DeliveryEvent): number {
  const offBat = d.boundary ? 0 : d.runs.batter;
  return offBat + byesOf(d) + legByesOf(d) + Math.max(0, widesOf(d) - 1);
}
