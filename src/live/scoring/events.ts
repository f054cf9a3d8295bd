/**
 * Building events the way a scorer enters them: the parts of a delivery (runs off the bat,
 * extras, wickets) and nothing redundant; the runs summary is filled in from the parts.
 */
import type { Boundary, DeliveryEvent, DeliveryExtras, Dismissal, PlayerName } from './types.js';

export interface DeliveryInput {
  innings: number;
  batter: PlayerName;
  nonStriker: PlayerName;
  bowler: PlayerName;
  /** Runs off the bat (also off a no-ball). */
  runs?: number;
  extras?: DeliveryExtras;
  boundary?: Boundary;
  wickets?: readonly Dismissal[];
}

export function buildDelivery(input: DeliveryInput): DeliveryEvent {
  const batterRuns = input.runs ?? 0;
  const extras = Object.fromEntries(Object.entries(input.extras ?? {}).filter(([, n]) => n !== undefined && n !== 0)) as DeliveryExtras;
  const extrasRuns = Object.values(extras).reduce((sum, n) => sum + (n ?? 0), 0);
  const event: DeliveryEvent = {
    type: 'delivery',
    innings: input.innings,
    batter: input.batter,
    nonStriker: input.nonStriker,
    bowler: input.bowler,
    runs: { batter: batterRuns, extras: extrasRuns, total: batterRuns + extrasRuns },
  };
  if (extrasRuns > 0) event.extras = extras;
  if (input.boundary) event.boundary = input.boundary;
  if (input.wickets?.length) event.wickets = input.wickets;
  return event;
}
