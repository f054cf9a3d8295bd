/** Cricket number formats: overs as "O.B" and rates as strings with exactly two decimals. */

/** 116 balls of 6 -> "19.2". */
export function formatOvers(balls: number, ballsPerOver: number): string {
  return `${Math.floor(balls / ballsPerOver)}.${balls % ballsPerOver}`;
}

/** Overs as scorers write them (9.2 = nine overs and two balls) to a ball count. */
export function oversToBalls(overs: number, ballsPerOver: number): number {
  const whole = Math.floor(overs);
  const balls = Math.round((overs - whole) * 10);
  return whole * ballsPerOver + balls;
}

/**
 * numerator / denominator rounded half-up to two decimals, in integer arithmetic so that
 * 9.125 becomes "9.13" rather than whatever binary floating point makes of it.
 */
export function formatRatio(numerator: number, denominator: number): string {
  if (denominator <= 0) return '0.00';
  const hundredths = Math.floor((numerator * 200 + denominator) / (2 * denominator));
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** Runs per over. */
export function formatRunRate(runs: number, balls: number, ballsPerOver: number): string {
  return formatRatio(runs * ballsPerOver, balls);
}

/** Runs per hundred balls. */
export function formatStrikeRate(runs: number, balls: number): string {
  return formatRatio(runs * 100, balls);
}
