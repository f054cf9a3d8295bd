/** Public API of the cricket scoring engine: pure functions from a setup and an event list. */
export type * from './types.js';
export { deriveMatch } from './match.js';
export { appendEvent, undo, correct } from './history.js';
export { buildDelivery, type DeliveryInput } from './events.js';
export { decideResult, resultText } from './result.js';
export { formatOvers, formatRunRate, formatStrikeRate, oversToBalls } from './format.js';
export { describeDismissal } from './how-out.js';
export {
  isLegalBall,
  isBallFaced,
  isBowlersWicket,
  runsChargedToBowler,
} from './laws.js';
export {
  toScorecardJson,
  type ScorecardJson,
  type ScorecardInningsJson,
  type ScorecardBattingJson,
  type ScorecardBowlingJson,
} from './scorecard.js';
export { commentaryLine, type CommentaryOptions } from './commentary.js';
