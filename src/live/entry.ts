/**
 * The scorer's shorthand, typed into one box (or sent by a button as `code`):
 *
 *   0–7      runs off the bat; 4 and 6 are boundaries        r4   four runs run, not a boundary
 *   wd wd2   a wide, with runs run                           nb nb4 nbr2 nbb1 nblb1   a no-ball (+ runs)
 *   b2 lb1   byes, leg-byes                                  p p5  penalty runs to the batting side
 *   w …      a wicket on this ball (w, w1, wwd, wnb1, wdw)    o    end of over     u    undo
 *
 * Pure and dependency-free: the browser uses it to decide when a code is complete (a digit alone is
 * sent at once), the server to turn it into a delivery.
 */
export interface EntryExtras {
  wides?: number;
  noballs?: number;
  byes?: number;
  legbyes?: number;
}

export type EntryCommand =
  | { kind: 'delivery'; runs: number; boundary?: 'four' | 'six'; extras: EntryExtras; wicket: boolean }
  | { kind: 'penalty'; runs: number }
  | { kind: 'undo' }
  | { kind: 'over' };

export type EntryResult = EntryCommand | { kind: 'error'; error: string };

const MAX_RUNS = 7;

function normalize(code: string): string {
  return code.toLowerCase().replace(/\s+/g, '');
}

/** Splits off the wicket marker: a leading w (unless it starts "wd"), or a trailing w after a wide or no-ball. */
function splitWicket(code: string): { wicket: boolean; rest: string } {
  if (code === 'w') return { wicket: true, rest: '' };
  if (code.startsWith('w') && !code.startsWith('wd')) return { wicket: true, rest: code.slice(1) };
  if (code.startsWith('wwd')) return { wicket: true, rest: code.slice(1) };
  if (code.length > 1 && code.endsWith('w')) return { wicket: true, rest: code.slice(0, -1) };
  return { wicket: false, rest: code };
}

const boundaryFor = (runs: number, ran: boolean): 'four' | 'six' | undefined => (ran ? undefined : runs === 4 ? 'four' : runs === 6 ? 'six' : undefined);

export function parseEntry(input: string): EntryResult {
  const code = normalize(input);
  if (code === '') return { kind: 'error', error: 'type a code: 0–6, wd, nb, b1, lb1, w, o, u' };
  if (code === 'u' || code === 'undo') return { kind: 'undo' };
  if (code === 'o' || code === 'over') return { kind: 'over' };
  const penalty = /^p(\d{1,2})?$/.exec(code);
  if (penalty) {
    const runs = penalty[1] === undefined ? 5 : Number(penalty[1]);
    if (runs < 1) return { kind: 'error', error: 'penalty runs must be at least 1' };
    return { kind: 'penalty', runs };
  }
  // No destructuring here: the browser bundle targets Safari 14, which esbuild cannot lower it for.
  const split = splitWicket(code);
  const wicket = split.wicket;
  const rest = split.rest;
  const delivery = (runs: number, extras: EntryExtras, boundary?: 'four' | 'six'): EntryResult => {
    if (runs > MAX_RUNS) return { kind: 'error', error: `at most ${MAX_RUNS} runs on one ball` };
    return boundary ? { kind: 'delivery', runs, boundary, extras, wicket } : { kind: 'delivery', runs, extras, wicket };
  };
  if (rest === '') return wicket ? delivery(0, {}) : { kind: 'error', error: `"${input}" is not a code` };
  let m: RegExpExecArray | null;
  if ((m = /^(r)?(\d)$/.exec(rest))) {
    const runs = Number(m[2]);
    return delivery(runs, {}, boundaryFor(runs, m[1] === 'r'));
  }
  if ((m = /^wd(\d)?$/.exec(rest))) {
    const run = m[1] === undefined ? 0 : Number(m[1]);
    if (run + 1 > MAX_RUNS) return { kind: 'error', error: `at most ${MAX_RUNS} runs on one ball` };
    return delivery(0, { wides: 1 + run });
  }
  if (rest === 'nb') return delivery(0, { noballs: 1 });
  if ((m = /^nb(r)?(\d)$/.exec(rest))) {
    const runs = Number(m[2]);
    return delivery(runs, { noballs: 1 }, boundaryFor(runs, m[1] === 'r'));
  }
  if ((m = /^nb(b|lb)(\d)$/.exec(rest))) {
    const n = Number(m[2]);
    if (n < 1) return { kind: 'error', error: 'byes and leg-byes need at least one run' };
    return delivery(0, m[1] === 'b' ? { noballs: 1, byes: n } : { noballs: 1, legbyes: n });
  }
  if ((m = /^(b|lb)(\d)$/.exec(rest))) {
    const n = Number(m[2]);
    if (n < 1) return { kind: 'error', error: 'byes and leg-byes need at least one run' };
    if (n > MAX_RUNS) return { kind: 'error', error: `at most ${MAX_RUNS} runs on one ball` };
    return delivery(0, m[1] === 'b' ? { byes: n } : { legbyes: n });
  }
  return { kind: 'error', error: `"${input}" is not a code: use 0–6, r4, wd, wd1, nb, nb4, b1, lb1, w, p, o or u` };
}

/**
 * A code the browser may send without waiting for Enter: one that no longer keystroke can extend,
 * and not a wicket (which needs its details first).
 */
export function isCompleteEntry(input: string): boolean {
  const code = normalize(input);
  return /^(r?\d|wd\d|nb(r?\d|(b|lb)\d)|(b|lb)\d)$/.test(code);
}

/** Whether a code (complete or still being typed) marks a wicket, so the form can ask for its details. */
export function entryHasWicket(input: string): boolean {
  const code = normalize(input);
  return code !== '' && splitWicket(code).wicket;
}
