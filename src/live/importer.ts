/**
 * A Cricsheet JSON match into the store, as a match whose journal holds every ball (so the match centre
 * has the whole commentary). Data from Cricsheet, cricsheet.org (ODC-By 1.0): credited on its pages.
 */
import { AppError, validationError } from '../shared/errors.js';
import { CricsheetFormatError, exportCricsheet, parseCricsheet, type CricsheetMatch } from './cricsheet/index.js';
import type { MatchMeta, MatchService, MatchView } from './matches.js';
import { shortTeamName } from './teams.js';

export interface ImportOptions {
  /** The file's name: Cricsheet names files by match id ("1473511.json"), which identifies re-imports. */
  fileName?: string;
  /** Import again even if this Cricsheet match is already in the store. */
  again?: boolean;
  createdBy?: number | null;
}

export interface ImportResult {
  view: MatchView;
  /** Where the file's own outcome and the one its balls give disagree (the balls win). */
  warnings: string[];
}

export function cricsheetIdOf(fileName: string | undefined): string | null {
  const m = /(?:^|[\\/])(\d{4,10})(?:[_.-][^\\/]*)?$/.exec(fileName ?? '');
  return m ? `cricsheet:${m[1]}` : null;
}

export async function importCricsheet(matches: MatchService, json: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  let parsed;
  try {
    parsed = parseCricsheet(json);
  } catch (err) {
    if (err instanceof CricsheetFormatError) throw validationError([{ field: 'file', message: err.message }], err.message);
    throw err;
  }
  const { setup, events, meta } = parsed;
  const externalId = cricsheetIdOf(opts.fileName);
  if (externalId && !opts.again) {
    const existing = await matches.findByExternalId(externalId);
    if (existing.length) {
      throw new AppError('CONFLICT', `this Cricsheet match is already imported as match ${existing.join(', ')}; use --force to import another copy`, { details: { ids: existing } });
    }
  }
  const [a, b] = setup.teams;
  const event = [meta.eventName && meta.season && !meta.eventName.includes(meta.season) ? `${meta.eventName} ${meta.season}` : meta.eventName, meta.matchNumber ? `Match ${meta.matchNumber}` : meta.stage]
    .filter(Boolean)
    .join(', ');
  const title = `${shortTeamName(a)} vs ${shortTeamName(b)}${event ? `, ${event}` : ''}`;
  const matchMeta: MatchMeta = {
    source: 'cricsheet',
    dates: meta.dates,
    playerOfMatch: meta.playerOfMatch,
    preserved: meta.preserved,
    ...(meta.venue ? { venue: meta.venue } : {}),
    ...(meta.city ? { city: meta.city } : {}),
    ...(meta.eventName ? { eventName: meta.eventName } : {}),
    ...(meta.matchNumber ? { matchNumber: meta.matchNumber } : {}),
    ...(meta.stage ? { stage: meta.stage } : {}),
    ...(meta.season ? { season: meta.season } : {}),
  };
  const view = await matches.create({
    title,
    setup,
    meta: matchMeta,
    startTime: meta.date ?? new Date(0).toISOString().slice(0, 10),
    externalId,
    createdBy: opts.createdBy ?? null,
    events,
  });
  return { view, warnings: meta.warnings };
}

/** A stored match back to Cricsheet JSON (scored live or imported). */
export function exportMatch(view: MatchView): CricsheetMatch {
  const m = view.record.meta;
  return exportCricsheet(view.record.setup, view.events, {
    ...(m.dates ? { dates: m.dates } : { dates: [view.record.startTime.slice(0, 10)] }),
    venue: m.venue ?? null,
    city: m.city ?? null,
    eventName: m.eventName ?? null,
    matchNumber: m.matchNumber ?? null,
    stage: m.stage ?? null,
    season: m.season ?? null,
    playerOfMatch: m.playerOfMatch ?? [],
    ...(m.preserved ? { preserved: m.preserved } : {}),
  });
}
