import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { Translate } from '../../../i18n/index.js';
import { formatDate } from '../../../i18n/index.js';
import type { LiveCard, MatchListItem, MatchRecord, ScorecardInningsJson } from '../../../live/index.js';
import { layout, type PageContext } from '../layout.js';
import { breadcrumbs } from '../components.js';
import { liveAttrs, matchListRow, scoreStrip } from './score.js';

export interface CommentaryItem {
  seq: number;
  line: string;
}

export interface MatchPageProps {
  match: MatchRecord;
  card: LiveCard | null;
  /** Newest first. */
  commentary: CommentaryItem[];
  /** More lines exist than are shown. */
  more: boolean;
}

export interface ScorecardPageProps {
  match: MatchRecord;
  innings: ScorecardInningsJson[];
  didNotBat: string[][];
}

/** The meta description of a match's pages: which page, and the result once there is one. */
function matchDescription(m: MatchRecord, page: string): string {
  return [`${m.title}: ${page}`, m.summary.result].filter(Boolean).join('. ');
}

function matchMeta(ctx: PageContext, m: MatchRecord): SafeHtml {
  const bits = [m.meta.venue, m.startTime ? formatDate(m.startTime.length === 10 ? `${m.startTime}T12:00:00Z` : m.startTime, ctx.locale) : ''].filter(Boolean);
  return html`<p class="live-meta">${bits.join(' · ')}</p>`;
}

function credit(ctx: PageContext, m: MatchRecord): SafeHtml | '' {
  return m.meta.source === 'cricsheet' ? html`<p class="live-credit">${ctx.t('live.credit')}</p>` : '';
}

/** The card of the innings in play: batters at the crease, the bowler, this over. live.js redraws it from the same data. */
export function cardHtml(t: Translate, card: LiveCard | null): SafeHtml {
  if (!card) return html``;
  return html`<table class="live-table"><caption>${card.scorecard.team}</caption>
<thead><tr><th scope="col">${t('live.batter')}</th><th scope="col">${t('live.runs')}</th><th scope="col">${t('live.balls')}</th><th scope="col">4s</th><th scope="col">6s</th><th scope="col">SR</th></tr></thead>
<tbody>${card.batters.map((b) => html`<tr><th scope="row">${b.name}${b.onStrike ? ' *' : ''}</th><td>${b.runs}</td><td>${b.balls}</td><td>${b.fours}</td><td>${b.sixes}</td><td>${b.strikeRate}</td></tr>`)}</tbody></table>
${card.bowler ? html`<table class="live-table"><thead><tr><th scope="col">${t('live.bowler')}</th><th scope="col">${t('live.overs')}</th><th scope="col">${t('live.maidens')}</th><th scope="col">${t('live.runs')}</th><th scope="col">${t('live.wickets')}</th><th scope="col">${t('live.economy')}</th></tr></thead>
<tbody><tr><th scope="row">${card.bowler.name}</th><td>${card.bowler.overs}</td><td>${card.bowler.maidens}</td><td>${card.bowler.runs}</td><td>${card.bowler.wickets}</td><td>${card.bowler.economy}</td></tr></tbody></table>` : ''}
${card.thisOver.length ? html`<p class="live-over"><span>${t('live.thisOver')}:</span> ${card.thisOver.map((b) => html`<b class="ball${b.includes('W') ? ' w' : b === '4' || b === '6' ? ' b' : ''}">${b}</b> `)}</p>` : ''}
${card.partnership ? html`<p class="live-stand">${t('live.partnership')}: ${card.partnership.runs} (${card.partnership.balls})</p>` : ''}
${card.requiredRunRate ? html`<p class="live-rrr">${t('live.requiredRate')}: ${card.requiredRunRate}</p>` : ''}`;
}

export function commentaryItems(items: CommentaryItem[]): SafeHtml {
  return html`${items.map((c) => html`<li data-seq="${c.seq}">${c.line}</li>`)}`;
}

export function matchCentrePage(ctx: PageContext, p: MatchPageProps): SafeHtml {
  const { t } = ctx;
  const m = p.match;
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: t('live.matches'), href: '/live/cricket' }, { name: m.title }])}
<article class="match-centre"${liveAttrs(m.id, m.lastSeq, 'full', t)}>
  <h1>${m.title}</h1>
  ${matchMeta(ctx, m)}
  <div class="live-strip">${scoreStrip(t, ctx.locale, m.summary)}</div>
  <section class="live-card" aria-label="${t('live.scorecard')}" data-live-card>${cardHtml(t, p.card)}</section>
  <p class="live-links"><a href="/live/cricket/${m.id}/scorecard">${t('live.scorecard')} →</a></p>
  <section aria-labelledby="commentary-h">
    <h2 id="commentary-h" class="section-title">${t('live.commentary')}</h2>
    <ol class="commentary" reversed data-live-commentary data-live-limit="${p.more ? 40 : 0}">${commentaryItems(p.commentary)}</ol>
    ${p.more ? html`<p><a href="/live/cricket/${m.id}/commentary">${t('live.fullCommentary')} →</a></p>` : ''}
  </section>
  ${credit(ctx, m)}
</article>`;
  return layout(ctx, { title: m.title, description: m.summary.result || m.title, canonical: `/live/cricket/${m.id}`, main, scripts: ['live.js'] });
}

export function commentaryPage(ctx: PageContext, p: MatchPageProps): SafeHtml {
  const { t } = ctx;
  const m = p.match;
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: t('live.matches'), href: '/live/cricket' }, { name: m.title, href: `/live/cricket/${m.id}` }])}
<article class="match-centre"${liveAttrs(m.id, m.lastSeq, 'score', t)}>
  <h1>${m.title}: ${t('live.commentary')}</h1>
  <div class="live-strip">${scoreStrip(t, ctx.locale, m.summary)}</div>
  <ol class="commentary" reversed data-live-commentary>${commentaryItems(p.commentary)}</ol>
  ${credit(ctx, m)}
</article>`;
  return layout(ctx, { title: `${m.title}: ${t('live.commentary')}`, description: matchDescription(m, t('live.commentary')), canonical: `/live/cricket/${m.id}/commentary`, main, scripts: ['live.js'] });
}

/** One innings in full: batting, extras and total, fall of wickets, bowling. live.js redraws it from ScorecardInningsJson. */
export function inningsTable(t: Translate, i: ScorecardInningsJson, didNotBat: string[] = []): SafeHtml {
  return html`<h2 class="section-title">${i.superOver ? `${t('live.superOver')}: ` : ''}${i.team} ${i.runs}/${i.wickets} (${i.overs})</h2>
<table class="live-table wide"><thead><tr><th scope="col">${t('live.batter')}</th><th scope="col"></th><th scope="col">${t('live.runs')}</th><th scope="col">${t('live.balls')}</th><th scope="col">4s</th><th scope="col">6s</th><th scope="col">SR</th></tr></thead>
<tbody>${i.batting.map((b) => html`<tr><th scope="row">${b.name}</th><td class="how">${b.howOut}</td><td>${b.runs}</td><td>${b.balls}</td><td>${b.fours}</td><td>${b.sixes}</td><td>${b.strikeRate}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">${t('live.extras')}</th><td class="how">b ${i.extras.byes}, lb ${i.extras.legByes}, w ${i.extras.wides}, nb ${i.extras.noBalls}, p ${i.extras.penalty}</td><td>${i.extras.total}</td><td colspan="4"></td></tr>
<tr><th scope="row">${t('live.total')}</th><td class="how">${i.overs} ${t('live.overs')} · RR ${i.runRate}</td><td>${i.runs}/${i.wickets}</td><td colspan="4"></td></tr></tfoot></table>
${didNotBat.length ? html`<p class="live-dnb">${t('live.didNotBat')}: ${didNotBat.join(', ')}</p>` : ''}
${i.fallOfWickets.length ? html`<p class="live-fow"><strong>${t('live.fallOfWickets')}:</strong> ${i.fallOfWickets.map((f, n) => html`${n ? ', ' : ''}${f.runs}-${f.wicket} (${f.batter}, ${f.over})`)}</p>` : ''}
<table class="live-table wide"><thead><tr><th scope="col">${t('live.bowler')}</th><th scope="col">${t('live.overs')}</th><th scope="col">${t('live.maidens')}</th><th scope="col">${t('live.runs')}</th><th scope="col">${t('live.wickets')}</th><th scope="col">${t('live.economy')}</th><th scope="col">wd</th><th scope="col">nb</th></tr></thead>
<tbody>${i.bowling.map((b) => html`<tr><th scope="row">${b.name}</th><td>${b.overs}</td><td>${b.maidens}</td><td>${b.runs}</td><td>${b.wickets}</td><td>${b.economy}</td><td>${b.wides}</td><td>${b.noBalls}</td></tr>`)}</tbody></table>`;
}

export function scorecardPage(ctx: PageContext, p: ScorecardPageProps): SafeHtml {
  const { t } = ctx;
  const m = p.match;
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: t('live.matches'), href: '/live/cricket' }, { name: m.title, href: `/live/cricket/${m.id}` }])}
<article class="match-centre"${liveAttrs(m.id, m.lastSeq, 'full', t)}>
  <h1>${m.title}: ${t('live.scorecard')}</h1>
  ${matchMeta(ctx, m)}
  <div class="live-strip">${scoreStrip(t, ctx.locale, m.summary)}</div>
  <div data-live-scorecard>${p.innings.map((i, n) => html`<section class="live-innings-card" data-live-innings-card="${n}">${inningsTable(t, i, p.didNotBat[n] ?? [])}</section>`)}</div>
  ${credit(ctx, m)}
</article>`;
  return layout(ctx, { title: `${m.title}: ${t('live.scorecard')}`, description: matchDescription(m, t('live.scorecard')), canonical: `/live/cricket/${m.id}/scorecard`, main, scripts: ['live.js'] });
}

export function matchListPage(ctx: PageContext, p: { matches: MatchListItem[]; page: number; total: number; limit: number }): SafeHtml {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const main = html`${breadcrumbs(ctx, [{ name: t('nav.home'), href: '/' }, { name: t('live.matches') }])}
<h1>${t('live.matches')}</h1>
${p.matches.length ? html`<ul class="live-list">${p.matches.map((m) => matchListRow(t, m))}</ul>` : html`<p>${t('live.noMatches')}</p>`}
${pages > 1 ? html`<nav class="pager" aria-label="${t('list.page')}">${p.page > 1 ? html`<a rel="prev" href="/live/cricket?page=${p.page - 1}">← ${t('list.prev')}</a>` : raw('<span></span>')}<span>${t('list.page')} ${p.page} / ${pages}</span>${p.page < pages ? html`<a rel="next" href="/live/cricket?page=${p.page + 1}">${t('list.next')} →</a>` : raw('<span></span>')}</nav>` : ''}`;
  return layout(ctx, { title: t('live.matches'), description: `${ctx.siteName}: ${t('live.matches')}`, canonical: '/live/cricket', main });
}
