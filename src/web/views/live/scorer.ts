import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { FieldIssue } from '../../../shared/errors.js';
import {
  DECLARED_RESULTS, DISMISSAL_KINDS, END_REASONS, RETIREMENT_KINDS, nextBattingTeam,
  type MatchListItem, type MatchView,
} from '../../../live/index.js';
import type { InningsState, MatchEvent } from '../../../live/scoring/index.js';
import { liveCard } from '../../../live/summary.js';
import { cardHtml } from './match.js';
import { matchListRow, scoreStrip } from './score.js';
import { csrfInput, deskPage, problems, type DeskContext } from './shell.js';

/** What the scorer typed last, shown again when the server refused it (the no-JS path). */
export interface ScorerForm {
  typed?: string;
  striker?: string;
  nonStriker?: string;
  bowler?: string;
  wicketKind?: string;
  playerOut?: string;
  fielder?: string;
}

export interface ScorerPanels {
  state: SafeHtml;
  crease: SafeHtml;
  log: SafeHtml;
  actions: SafeHtml;
}

const LOG_SIZE = 14;

function batterOptions(view: MatchView, innings: InningsState | null): string[] {
  if (!innings) return [];
  const out = new Set(innings.batting.filter((b) => b.dismissed).map((b) => b.name));
  const squad = view.record.setup.players?.[innings.team] ?? [];
  const seen = innings.batting.map((b) => b.name);
  return [...new Set([...squad, ...seen])].filter((n) => !out.has(n));
}

function fieldingOptions(view: MatchView, innings: InningsState | null): string[] {
  if (!innings) return [];
  const squad = view.record.setup.players?.[innings.bowlingTeam] ?? [];
  return [...new Set([...squad, ...innings.bowling.map((b) => b.name)])];
}

const datalist = (id: string, names: string[]) => html`<datalist id="${id}">${names.map((n) => html`<option value="${n}">`)}</datalist>`;

function overDue(view: MatchView): boolean {
  const c = view.state.current;
  return c !== null && c.legalBallsThisOver >= view.record.setup.ballsPerOver;
}

/** Score, the innings card and what the scorer must do next. */
export function statePanel(ctx: DeskContext, view: MatchView): SafeHtml {
  const { t } = ctx;
  const c = view.state.current;
  const prompts: SafeHtml[] = [];
  if (overDue(view)) prompts.push(html`<p class="prompt" data-prompt="over">${t('scorer.overDue')}</p>`);
  if (c && (!c.striker || !c.nonStriker)) prompts.push(html`<p class="prompt" data-prompt="batter">${t('scorer.needBatter')}</p>`);
  if (c && !c.bowler) prompts.push(html`<p class="prompt" data-prompt="bowler">${t('scorer.needBowler')}</p>`);
  if (!c && !view.state.outcome) prompts.push(html`<p class="prompt" data-prompt="innings">${t('scorer.needInnings')}</p>`);
  const card = liveCard(String(view.record.id), view.state, view.events);
  return html`${scoreStrip(t, ctx.locale, view.record.summary)}
${prompts}
<div class="live-card">${cardHtml(t, card)}</div>
${view.state.warnings.length ? html`<details class="warnings"><summary>${t('scorer.warnings')} (${view.state.warnings.length})</summary><ul>${view.state.warnings.map((w) => html`<li>${w}</li>`)}</ul></details>` : ''}`;
}

/** Who is batting and bowling; an empty box is a prompt for the new batter or the next bowler. */
export function creasePanel(ctx: DeskContext, view: MatchView, form: ScorerForm = {}): SafeHtml {
  const { t } = ctx;
  const c = view.state.current;
  const box = (field: 'striker' | 'nonStriker' | 'bowler', label: string, current: string | null, list: string, prompt: string) => {
    const value = form[field] ?? current ?? '';
    return html`<label class="${current ? '' : 'needs'}" for="f-${field}">${label}${current ? '' : html` <em>${prompt}</em>`}
<input id="f-${field}" name="${field}" list="${list}" value="${value}" autocomplete="off" data-crease="${field}"${current ? '' : raw(' data-needs="1"')}></label>`;
  };
  return html`<fieldset class="crease"><legend>${t('scorer.crease')}</legend>
${box('striker', t('scorer.striker'), c?.striker ?? null, 'dl-batters', t('scorer.newBatter'))}
${box('nonStriker', t('scorer.nonStriker'), c?.nonStriker ?? null, 'dl-batters', t('scorer.newBatter'))}
<button type="button" class="swap" data-swap title="${t('scorer.swap')}">⇄</button>
${box('bowler', t('scorer.bowler'), c?.bowler ?? null, 'dl-fielders', t('scorer.nextBowler'))}
${datalist('dl-batters', batterOptions(view, c))}${datalist('dl-fielders', fieldingOptions(view, c))}
</fieldset>`;
}

function eventLabel(t: DeskContext['t'], e: MatchEvent): string {
  switch (e.type) {
    case 'delivery':
      return `${e.bowler} → ${e.batter}`;
    case 'endOfOver':
      return t('scorer.log.endOfOver');
    case 'inningsStart':
      return t('scorer.log.inningsStart', { n: e.innings + 1, team: e.battingTeam });
    case 'inningsEnd':
      return t('scorer.log.inningsEnd', { reason: e.reason });
    case 'retirement':
      return `${e.batter}: ${e.kind}`;
    case 'penaltyRuns':
      return t('scorer.log.penalty', { runs: e.runs });
    case 'bowlerChange':
      return t('scorer.log.bowler', { name: e.bowler });
    case 'revisedTarget':
      return t('scorer.log.target', { runs: e.runs });
    case 'result':
      return t('scorer.log.result', { kind: e.outcome.kind });
  }
}

/** The latest entries, newest first; a delivery can be corrected. */
export function logPanel(ctx: DeskContext, view: MatchView): SafeHtml {
  const { t } = ctx;
  const from = Math.max(0, view.events.length - LOG_SIZE);
  const rows = view.events.slice(from).map((e, i) => ({ e, position: from + i, seq: view.owners[from + i]!, line: view.lines[from + i] }));
  return html`<ol class="scorer-log" reversed>${rows.reverse().map((r) => html`<li value="${r.position + 1}" data-seq="${r.seq}">${r.line ?? eventLabel(t, r.e)}${r.e.type === 'delivery' ? html` <a class="fix" href="/newsroom/matches/${view.record.id}/events/${r.position}">${t('scorer.correct')}</a>` : ''}</li>`)}</ol>`;
}

const seqInput = (view: MatchView) => html`<input type="hidden" name="expectedSeq" value="${view.record.lastSeq}" data-seq-input>`;

/** Undo, end of over, innings, retirements, results: everything besides a ball. */
export function actionsPanel(ctx: DeskContext, view: MatchView): SafeHtml {
  const { t } = ctx;
  const id = view.record.id;
  const c = view.state.current;
  const form = (action: string, body: SafeHtml, cls = '') => html`<form method="post" action="/newsroom/matches/${id}/action" class="desk-action ${cls}" data-scorer-form>${csrfInput(ctx)}${seqInput(view)}<input type="hidden" name="action" value="${action}">${body}</form>`;
  const parts: SafeHtml[] = [];
  parts.push(html`<form method="post" action="/newsroom/matches/${id}/entry" class="desk-action" data-scorer-form>${csrfInput(ctx)}${seqInput(view)}<input type="hidden" name="code" value="u"><button${view.events.length ? '' : raw(' disabled')}>${t('scorer.undo')} (u)</button></form>`);
  if (c) parts.push(html`<form method="post" action="/newsroom/matches/${id}/entry" class="desk-action${overDue(view) ? ' due' : ''}" data-scorer-form>${csrfInput(ctx)}${seqInput(view)}<input type="hidden" name="code" value="o"><button>${t('scorer.endOver')} (o)</button></form>`);
  if (!c && !view.state.outcome) {
    const next = nextBattingTeam(view);
    parts.push(form('startInnings', html`<label>${t('scorer.battingTeam')} <select name="battingTeam">${view.record.setup.teams.map((team) => html`<option${team === next ? raw(' selected') : ''}>${team}</option>`)}</select></label>
<label><input type="checkbox" name="superOver" value="1"> ${t('live.superOver')}</label> <button>${t('scorer.startInnings')}</button>`, 'start'));
  }
  if (c) {
    parts.push(form('retire', html`<label>${t('scorer.retire')} <select name="batter">${[c.striker, c.nonStriker].filter(Boolean).map((n) => html`<option>${n}</option>`)}</select></label>
<select name="kind" aria-label="${t('scorer.retireKind')}">${RETIREMENT_KINDS.map((k) => html`<option>${k}</option>`)}</select> <button>${t('scorer.record')}</button>`));
    parts.push(form('endInnings', html`<label>${t('scorer.endInnings')} <select name="reason">${END_REASONS.map((r) => html`<option>${r}</option>`)}</select></label> <button>${t('scorer.record')}</button>`));
    parts.push(form('bowlerChange', html`<label>${t('scorer.bowlerChange')} <input name="bowler" list="dl-fielders" autocomplete="off"></label> <button>${t('scorer.record')}</button>`));
  }
  if (!view.state.outcome) {
    parts.push(form('revisedTarget', html`<fieldset><legend>${t('scorer.revisedTarget')}</legend><label>${t('live.runs')} <input name="runs" inputmode="numeric" size="4"></label> <label>${t('live.overs')} <input name="overs" inputmode="decimal" size="4"></label> <label>${t('scorer.method')} <input name="method" size="5" placeholder="DLS"></label> <button>${t('scorer.record')}</button></fieldset>`));
    parts.push(form('result', html`<label>${t('scorer.result')} <select name="result">${DECLARED_RESULTS.map((r) => html`<option>${r}</option>`)}</select></label> <button>${t('scorer.record')}</button>`));
  }
  return html`${parts}`;
}

export function scorerPanels(ctx: DeskContext, view: MatchView, form: ScorerForm = {}): ScorerPanels {
  return { state: statePanel(ctx, view), crease: creasePanel(ctx, view, form), log: logPanel(ctx, view), actions: actionsPanel(ctx, view) };
}

const QUICK = ['0', '1', '2', '3', '4', '6', 'w', 'wd', 'nb', 'b1', 'lb1'];

export function scorerPage(ctx: DeskContext, view: MatchView, opts: { form?: ScorerForm; issues?: FieldIssue[]; message?: string } = {}): SafeHtml {
  const { t } = ctx;
  const m = view.record;
  const panels = scorerPanels(ctx, view, opts.form);
  const f = opts.form ?? {};
  const main = html`<h1>${m.title} <small><a href="/live/cricket/${m.id}" target="_blank" rel="noopener">${t('scorer.readerView')}</a></small></h1>
<div id="desk-problems" aria-live="assertive">${problems(opts.issues ?? [], opts.message)}</div>
<div class="scorer" data-scorer="${m.id}" data-csrf="${ctx.csrf}" data-offline="${t('scorer.offline')}" data-waiting="${t('scorer.waiting')}" data-held="${t('scorer.held')}">
  <section class="scorer-state" aria-live="polite" aria-label="${t('scorer.state')}" data-panel="state">${panels.state}</section>
  <section class="scorer-entry">
    <form method="post" action="/newsroom/matches/${m.id}/entry" id="ball-form" data-scorer-form data-ball-form>
      ${csrfInput(ctx)}${seqInput(view)}
      <div data-panel="crease">${panels.crease}</div>
      <label for="f-code" class="code-label">${t('scorer.code')}</label>
      <div class="code-row"><input id="f-code" name="typed" value="${f.typed ?? ''}" autocomplete="off" autocapitalize="off" spellcheck="false" autofocus aria-describedby="code-help" data-code>
      <button class="primary" name="submit" value="record">${t('scorer.record')} ↵</button></div>
      <p class="help" data-queue aria-live="polite" hidden></p>
      <p id="code-help" class="help">${t('scorer.codeHelp')}</p>
      <div class="quick" role="group" aria-label="${t('scorer.quick')}">${QUICK.map((q) => html`<button name="code" value="${q}" data-quick="${q}">${q === 'w' ? 'W' : q}</button>`)}</div>
      <fieldset class="wicket" data-wicket>
        <legend>${t('scorer.wicket')}</legend>
        <label for="f-wicketKind">${t('scorer.howOut')}</label>
        <select id="f-wicketKind" name="wicketKind"><option value="">—</option>${DISMISSAL_KINDS.map((k) => html`<option${f.wicketKind === k ? raw(' selected') : ''}>${k}</option>`)}</select>
        <label for="f-playerOut">${t('scorer.playerOut')}</label>
        <input id="f-playerOut" name="playerOut" list="dl-batters" value="${f.playerOut ?? ''}" placeholder="${t('scorer.striker')}" autocomplete="off">
        <label for="f-fielder">${t('scorer.fielder')}</label>
        <input id="f-fielder" name="fielder" list="dl-fielders" value="${f.fielder ?? ''}" autocomplete="off">
        <label><input type="checkbox" name="substitute" value="1"> ${t('scorer.substitute')}</label>
      </fieldset>
    </form>
    <div class="actions" data-panel="actions">${panels.actions}</div>
  </section>
  <section class="scorer-log-box" aria-label="${t('scorer.log')}"><h2>${t('scorer.log')}</h2><div data-panel="log">${panels.log}</div></section>
</div>`;
  return deskPage(ctx, { title: `${t('scorer.title')}: ${m.title}`, main, scripts: ['scorer.js'], wide: true });
}

export interface NewMatchForm {
  title?: string;
  teamA?: string;
  teamB?: string;
  squadA?: string;
  squadB?: string;
  overs?: string;
  ballsPerOver?: string;
  matchType?: string;
  tossWinner?: string;
  tossDecision?: string;
  startTime?: string;
  venue?: string;
}

export function matchesDeskPage(ctx: DeskContext, p: { matches: MatchListItem[]; form?: NewMatchForm; issues?: FieldIssue[]; message?: string }): SafeHtml {
  const { t } = ctx;
  const f = p.form ?? {};
  const main = html`<h1>${t('scorer.matches')}</h1>
${problems(p.issues ?? [], p.message)}
${p.matches.length ? html`<ul class="live-list">${p.matches.map((m) => html`${matchListRow(t, m)}<p class="desk-links"><a class="button" href="/newsroom/matches/${m.id}">${t('scorer.score')}</a></p>`)}</ul>` : html`<p>${t('live.noMatches')}</p>`}
<form method="post" action="/newsroom/matches" class="new-match">
  ${csrfInput(ctx)}
  <h2>${t('scorer.newMatch')}</h2>
  <label>${t('scorer.teamA')} <input name="teamA" required value="${f.teamA ?? ''}"></label>
  <label>${t('scorer.squad')} <textarea name="squadA" rows="6" placeholder="${t('scorer.squadHelp')}">${f.squadA ?? ''}</textarea></label>
  <label>${t('scorer.teamB')} <input name="teamB" required value="${f.teamB ?? ''}"></label>
  <label>${t('scorer.squad')} <textarea name="squadB" rows="6" placeholder="${t('scorer.squadHelp')}">${f.squadB ?? ''}</textarea></label>
  <label>${t('scorer.matchTitle')} <input name="title" value="${f.title ?? ''}"></label>
  <label>${t('scorer.venue')} <input name="venue" value="${f.venue ?? ''}"></label>
  <label>${t('scorer.matchType')} <select name="matchType">${['T20', 'ODI', 'Test', 'IT20', 'ODM', 'MDM'].map((k) => html`<option${(f.matchType ?? 'T20') === k ? raw(' selected') : ''}>${k}</option>`)}</select></label>
  <label>${t('scorer.overs')} <input name="overs" inputmode="numeric" value="${f.overs ?? '20'}" size="4"></label>
  <label>${t('scorer.ballsPerOver')} <input name="ballsPerOver" inputmode="numeric" value="${f.ballsPerOver ?? '6'}" size="3"></label>
  <label>${t('scorer.tossWinner')} <input name="tossWinner" value="${f.tossWinner ?? ''}"></label>
  <label>${t('scorer.tossDecision')} <select name="tossDecision"><option value="">—</option><option value="bat"${f.tossDecision === 'bat' ? raw(' selected') : ''}>bat</option><option value="field"${f.tossDecision === 'field' ? raw(' selected') : ''}>field</option></select></label>
  <label>${t('scorer.startTime')} <input name="startTime" type="datetime-local" value="${f.startTime ?? ''}"></label>
  <button class="primary">${t('scorer.create')}</button>
</form>`;
  return deskPage(ctx, { title: t('scorer.matches'), main });
}

export function correctionPage(ctx: DeskContext, view: MatchView, position: number, opts: { issues?: FieldIssue[]; message?: string; form?: ScorerForm & { typed?: string } } = {}): SafeHtml {
  const { t } = ctx;
  const e = view.events[position]!;
  const d = e.type === 'delivery' ? e : null;
  const f = opts.form ?? {};
  const main = html`<h1>${t('scorer.correct')}: ${view.record.title}</h1>
${problems(opts.issues ?? [], opts.message)}
<p>${view.lines[position] ?? ''}</p>
<form method="post" action="/newsroom/matches/${view.record.id}/events/${position}">
  ${csrfInput(ctx)}${seqInput(view)}
  <label>${t('scorer.striker')} <input name="striker" value="${f.striker ?? d?.batter ?? ''}"></label>
  <label>${t('scorer.nonStriker')} <input name="nonStriker" value="${f.nonStriker ?? d?.nonStriker ?? ''}"></label>
  <label>${t('scorer.bowler')} <input name="bowler" value="${f.bowler ?? d?.bowler ?? ''}"></label>
  <label>${t('scorer.code')} <input name="typed" value="${f.typed ?? ''}" required autofocus></label>
  <p class="help">${t('scorer.codeHelp')}</p>
  <label>${t('scorer.howOut')} <select name="wicketKind"><option value="">—</option>${DISMISSAL_KINDS.map((k) => html`<option${(f.wicketKind ?? d?.wickets?.[0]?.kind) === k ? raw(' selected') : ''}>${k}</option>`)}</select></label>
  <label>${t('scorer.playerOut')} <input name="playerOut" value="${f.playerOut ?? d?.wickets?.[0]?.playerOut ?? ''}"></label>
  <label>${t('scorer.fielder')} <input name="fielder" value="${f.fielder ?? d?.wickets?.[0]?.fielders?.[0]?.name ?? ''}"></label>
  <button class="primary">${t('scorer.saveCorrection')}</button> <a href="/newsroom/matches/${view.record.id}">${t('scorer.cancel')}</a>
</form>`;
  return deskPage(ctx, { title: t('scorer.correct'), main });
}
