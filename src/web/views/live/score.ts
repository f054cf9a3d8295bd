import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { Translate, MessageKey } from '../../../i18n/index.js';
import { inningsLineWithRate, type LiveScore, type MatchListItem } from '../../../live/index.js';

/** The parts of a score strip that the browser script rewrites, each marked with a data-live-* attribute. */

const STATUS_KEYS: Record<string, MessageKey> = {
  scheduled: 'live.status.scheduled',
  live: 'live.status.live',
  'innings break': 'live.status.inningsBreak',
  complete: 'live.status.complete',
  'no result': 'live.status.noResult',
  abandoned: 'live.status.abandoned',
};

export function statusLabel(t: Translate, status: string): string {
  const key = STATUS_KEYS[status];
  return key ? t(key) : status;
}

export const isLive = (status: string) => status === 'live' || status === 'innings break';

export function inningsItems(t: Translate, score: LiveScore): SafeHtml {
  return html`${score.innings.map((i, n) => html`<li${n === score.current ? raw(' class="batting"') : ''}>${i.superOver ? `${t('live.superOver')}: ` : ''}${inningsLineWithRate(i)}</li>`)}`;
}

/** Status badge, innings lines, result and situation: the strip shared by the widget and the match centre. */
export function scoreStrip(t: Translate, locale: 'hi' | 'en', score: LiveScore): SafeHtml {
  const situation = score.situation ? score.situation[locale] : '';
  return html`<p class="live-status"><span class="live-badge${isLive(score.status) ? ' on' : ''}" data-live-status="${score.status}">${statusLabel(t, score.status)}</span></p>
<ul class="live-innings" data-live-innings>${inningsItems(t, score)}</ul>
<p class="live-result" data-live-result${score.result ? '' : raw(' hidden')}>${score.result}</p>
<p class="live-situation" data-live-situation${situation ? '' : raw(' hidden')}>${situation}</p>`;
}

/** Words live.js needs to redraw a strip or card in the page's language. */
const LABEL_KEYS: Record<string, MessageKey> = {
  ...Object.fromEntries(Object.entries(STATUS_KEYS).map(([status, key]) => [`status:${status}`, key])),
  superOver: 'live.superOver', batter: 'live.batter', bowler: 'live.bowler', runs: 'live.runs', balls: 'live.balls', overs: 'live.overs',
  maidens: 'live.maidens', wickets: 'live.wickets', economy: 'live.economy', thisOver: 'live.thisOver', partnership: 'live.partnership',
  requiredRate: 'live.requiredRate', extras: 'live.extras', total: 'live.total', fallOfWickets: 'live.fallOfWickets',
};

/** The words for a view: the widget ("score") only redraws the strip, so it carries only those. */
export function liveLabels(t: Translate, view: 'score' | 'full'): string {
  const keys = Object.entries(LABEL_KEYS).filter(([k]) => view === 'full' || k.startsWith('status:') || k === 'superOver');
  return JSON.stringify(Object.fromEntries(keys.map(([k, key]) => [k, t(key)])));
}

/** The attributes that tell live.js which stream to follow, from where, and in which words. */
export function liveAttrs(id: number, seq: number, view: 'score' | 'full', t: Translate): SafeHtml {
  return html` data-live-match="${id}" data-live-seq="${seq}" data-live-view="${view}" data-live-labels="${liveLabels(t, view)}"`;
}

export function matchListRow(t: Translate, m: MatchListItem): SafeHtml {
  const s = m.summary;
  return html`<li class="live-list-item"><a href="/live/cricket/${m.id}"><strong>${m.title}</strong></a> <span class="live-badge${isLive(m.status) ? ' on' : ''}">${statusLabel(t, m.status)}</span>
<ul class="live-innings">${inningsItems(t, s)}</ul>${s.result ? html`<p class="live-result">${s.result}</p>` : ''}</li>`;
}
