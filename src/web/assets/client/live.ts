/**
 * Live updates for readers: the score widget, the match centre, the scorecard and live blogs. The page
 * is complete without this script; it follows the server-rendered state over Server-Sent Events from
 * the seq the page was rendered at, so even a cached copy of the page catches up at once.
 */
import { inningsLineWithRate, type LiveCard, type LiveScore, type MatchMessage } from '../../../live/score-text.js';
import type { ScorecardInningsJson } from '../../../live/scoring/scorecard.js';

type Labels = Record<string, string>;

const FINISHED = new Set(['complete', 'no result', 'abandoned']);
const RETRY_MS = 10_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function labelsOf(root: HTMLElement): Labels {
  try {
    return JSON.parse(root.dataset.liveLabels ?? '{}') as Labels;
  } catch {
    return {};
  }
}

/**
 * Follows one stream: EventSource resumes by itself with Last-Event-ID after a dropped connection;
 * if the server refuses a reconnection (a restart), a new stream starts from the last seq seen.
 */
function follow(url: (seq: string) => string, root: HTMLElement, onUpdate: (data: string) => boolean): void {
  let source: EventSource | null = null;
  // A stream the server keeps refusing (not entitled, gone) is given up after a few tries.
  let refusals = 0;
  const open = () => {
    source = new EventSource(url(root.dataset.liveSeq ?? ''));
    source.addEventListener('open', () => {
      refusals = 0;
    });
    source.addEventListener('update', (ev) => {
      const e = ev as MessageEvent<string>;
      if (e.lastEventId) root.dataset.liveSeq = e.lastEventId;
      const keepGoing = onUpdate(e.data);
      if (!keepGoing) source?.close();
    });
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED) return;
      if (++refusals <= 3) setTimeout(open, RETRY_MS * refusals);
    });
  };
  open();
}

// -- matches --------------------------------------------------------------------------------------------

function drawStrip(root: HTMLElement, labels: Labels, score: LiveScore): void {
  const status = root.querySelector<HTMLElement>('[data-live-status]');
  if (status) {
    status.textContent = labels[`status:${score.status}`] ?? score.status;
    status.dataset.liveStatus = score.status;
    status.classList.toggle('on', score.status === 'live' || score.status === 'innings break');
  }
  const list = root.querySelector<HTMLElement>('[data-live-innings]');
  if (list) {
    list.replaceChildren(
      ...score.innings.map((i, n) => {
        const li = el('li', `${i.superOver ? `${labels.superOver ?? 'Super Over'}: ` : ''}${inningsLineWithRate(i)}`);
        if (n === score.current) li.className = 'batting';
        return li;
      }),
    );
  }
  const result = root.querySelector<HTMLElement>('[data-live-result]');
  if (result) {
    result.textContent = score.result;
    result.hidden = !score.result;
  }
  const situation = root.querySelector<HTMLElement>('[data-live-situation]');
  if (situation) {
    const lang = document.documentElement.lang === 'en' ? 'en' : 'hi';
    const text = score.situation ? score.situation[lang] : '';
    situation.textContent = text;
    situation.hidden = !text;
  }
}

function table(head: string[], rows: (string | number)[][], caption?: string): HTMLTableElement {
  const t = el('table', undefined, 'live-table');
  if (caption) t.append(el('caption', caption));
  const thead = el('thead');
  const hr = el('tr');
  for (const h of head) {
    const th = el('th', h);
    th.scope = 'col';
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((v, i) => {
      if (i === 0) {
        const th = el('th', String(v));
        th.scope = 'row';
        tr.append(th);
      } else tr.append(el('td', String(v)));
    });
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function drawCard(box: HTMLElement, labels: Labels, card: LiveCard): void {
  const parts: HTMLElement[] = [];
  parts.push(table([labels.batter ?? 'Batter', labels.runs ?? 'R', labels.balls ?? 'B', '4s', '6s', 'SR'], card.batters.map((b) => [`${b.name}${b.onStrike ? ' *' : ''}`, b.runs, b.balls, b.fours, b.sixes, b.strikeRate]), card.scorecard.team));
  if (card.bowler) {
    const b = card.bowler;
    parts.push(table([labels.bowler ?? 'Bowler', labels.overs ?? 'O', labels.maidens ?? 'M', labels.runs ?? 'R', labels.wickets ?? 'W', labels.economy ?? 'Econ'], [[b.name, b.overs, b.maidens, b.runs, b.wickets, b.economy]]));
  }
  if (card.thisOver.length) {
    const p = el('p', undefined, 'live-over');
    p.append(el('span', `${labels.thisOver ?? 'This over'}:`), ' ');
    for (const ball of card.thisOver) p.append(el('b', ball, `ball${ball.includes('W') ? ' w' : ball === '4' || ball === '6' ? ' b' : ''}`), ' ');
    parts.push(p);
  }
  if (card.partnership) parts.push(el('p', `${labels.partnership ?? 'Partnership'}: ${card.partnership.runs} (${card.partnership.balls})`, 'live-stand'));
  if (card.requiredRunRate) parts.push(el('p', `${labels.requiredRate ?? 'Required rate'}: ${card.requiredRunRate}`, 'live-rrr'));
  box.replaceChildren(...parts);
}

function drawInnings(section: HTMLElement, labels: Labels, i: ScorecardInningsJson): void {
  const keep = section.querySelector('.live-dnb');
  const h = el('h2', `${i.superOver ? `${labels.superOver ?? 'Super Over'}: ` : ''}${i.team} ${i.runs}/${i.wickets} (${i.overs})`, 'section-title');
  const batting = table([labels.batter ?? 'Batter', '', labels.runs ?? 'R', labels.balls ?? 'B', '4s', '6s', 'SR'], i.batting.map((b) => [b.name, b.howOut, b.runs, b.balls, b.fours, b.sixes, b.strikeRate]));
  batting.classList.add('wide');
  const x = i.extras;
  const extras = el('p', `${labels.extras ?? 'Extras'}: ${x.total} (b ${x.byes}, lb ${x.legByes}, w ${x.wides}, nb ${x.noBalls}, p ${x.penalty}) · ${labels.total ?? 'Total'}: ${i.runs}/${i.wickets} (${i.overs}) · RR ${i.runRate}`, 'live-extras');
  const parts: Element[] = [h, batting, extras];
  if (keep) parts.push(keep);
  if (i.fallOfWickets.length) {
    parts.push(el('p', `${labels.fallOfWickets ?? 'Fall of wickets'}: ${i.fallOfWickets.map((f) => `${f.runs}-${f.wicket} (${f.batter}, ${f.over})`).join(', ')}`, 'live-fow'));
  }
  const bowling = table([labels.bowler ?? 'Bowler', labels.overs ?? 'O', labels.maidens ?? 'M', labels.runs ?? 'R', labels.wickets ?? 'W', labels.economy ?? 'Econ', 'wd', 'nb'], i.bowling.map((b) => [b.name, b.overs, b.maidens, b.runs, b.wickets, b.economy, b.wides, b.noBalls]));
  bowling.classList.add('wide');
  parts.push(bowling);
  section.replaceChildren(...parts);
}

function drawCommentary(list: HTMLElement, msg: MatchMessage): void {
  const item = () => {
    const li = el('li', msg.line ?? '');
    li.dataset.seq = String(msg.seq);
    return li;
  };
  const target = msg.target !== undefined ? list.querySelector<HTMLElement>(`li[data-seq="${msg.target}"]`) : null;
  if (msg.op === 'undo') target?.remove();
  else if (msg.op === 'correct') {
    if (target && msg.line) target.replaceWith(item());
    else target?.remove();
  } else if (msg.op === 'event' && msg.line && !list.querySelector(`li[data-seq="${msg.seq}"]`)) {
    list.prepend(item());
    const limit = Number(list.dataset.liveLimit ?? '0');
    while (limit > 0 && list.children.length > limit) list.lastElementChild?.remove();
  }
}

function followMatch(root: HTMLElement): void {
  const status = root.querySelector<HTMLElement>('[data-live-status]');
  const labels = labelsOf(root);
  const view = root.dataset.liveView === 'score' ? 'score' : 'full';
  // A finished match only changes by a rare correction: no stream for it.
  if (status && FINISHED.has(status.dataset.liveStatus ?? '')) return;
  follow((seq) => `/api/v1/matches/${root.dataset.liveMatch}/events?view=${view}${seq ? `&lastEventId=${seq}` : ''}`, root, (data) => {
    const msg = JSON.parse(data) as MatchMessage;
    drawStrip(root, labels, msg.score);
    const line = root.querySelector<HTMLElement>('[data-live-line]');
    if (line && msg.line) {
      line.textContent = msg.line;
      line.hidden = false;
    }
    const card = root.querySelector<HTMLElement>('[data-live-card]');
    if (card && msg.card) drawCard(card, labels, msg.card);
    const inningsCard = msg.card ? root.querySelector<HTMLElement>(`[data-live-innings-card="${msg.card.innings}"]`) : null;
    if (msg.card && inningsCard) drawInnings(inningsCard, labels, msg.card.scorecard);
    else if (msg.card && root.querySelector('[data-live-scorecard]')) {
      const section = el('section', undefined, 'live-innings-card');
      section.dataset.liveInningsCard = String(msg.card.innings);
      drawInnings(section, labels, msg.card.scorecard);
      root.querySelector('[data-live-scorecard]')!.append(section);
    }
    const commentary = root.querySelector<HTMLElement>('[data-live-commentary]');
    if (commentary) drawCommentary(commentary, msg);
    root.dispatchEvent(new CustomEvent('live:update', { detail: msg, bubbles: true }));
    return !FINISHED.has(msg.score.status);
  });
}

// -- live blogs -----------------------------------------------------------------------------------------

interface BlogUpdate {
  id: number;
  body: string;
  image: { id: number; key: string; width: number; height: number; alt: string; title: string; caption: string; credit: string } | null;
  keyEvent: boolean;
  pinned: boolean;
  deleted: boolean;
  at: string;
  editedAt: string | null;
}

const timeFormat = (lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-IN' : 'hi-IN-u-nu-latn', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });

function updateItem(u: BlogUpdate, lang: string, tags: { pinned: string; key: string; edited: string }): HTMLLIElement {
  const li = el('li', undefined, ['update', u.pinned ? 'pinned' : '', u.keyEvent ? 'key' : '', 'fresh'].filter(Boolean).join(' '));
  li.id = `update-${u.id}`;
  li.dataset.update = String(u.id);
  li.dataset.at = u.at;
  const meta = el('p', undefined, 'update-meta');
  const time = el('time', timeFormat(lang).format(new Date(u.at)));
  time.dateTime = u.at;
  meta.append(time);
  if (u.pinned) meta.append(' · ', el('span', tags.pinned, 'tag-pinned'));
  if (u.keyEvent) meta.append(' · ', el('span', tags.key, 'tag-key'));
  if (u.editedAt) meta.append(' · ', el('span', tags.edited, 'tag-edited'));
  const body = el('div', undefined, 'update-body');
  for (const para of u.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    const p = el('p');
    para.split('\n').forEach((line, i) => {
      if (i) p.append(el('br'));
      p.append(line);
    });
    body.append(p);
  }
  li.append(meta, body);
  if (u.image) {
    const fig = el('figure');
    const img = el('img');
    const width = Math.min(640, u.image.width);
    img.src = `/media/${u.image.id}-${u.image.key}-${[320, 480, 640].filter((w) => w <= u.image!.width).pop() ?? u.image.width}.jpg`;
    img.width = width;
    img.height = Math.round((u.image.height * width) / Math.max(1, u.image.width));
    img.alt = u.image.alt || u.image.title;
    img.loading = 'lazy';
    fig.append(img);
    if (u.image.caption || u.image.credit) fig.append(el('figcaption', `${u.image.caption} ${u.image.credit}`.trim()));
    li.append(fig);
  }
  return li;
}

function followBlog(root: HTMLElement): void {
  if (root.dataset.liveState !== 'live') return;
  const list = root.querySelector<HTMLElement>('[data-liveblog-updates]');
  if (!list) return;
  const lang = document.documentElement.lang;
  // The words for the tags come from the server-rendered items when there are any.
  const sample = (cls: string, fallback: string) => root.querySelector(`.${cls}`)?.textContent ?? fallback;
  const tags = { pinned: sample('tag-pinned', lang === 'en' ? 'Pinned' : 'पिन किया गया'), key: sample('tag-key', lang === 'en' ? 'Key event' : 'अहम घटना'), edited: sample('tag-edited', lang === 'en' ? 'Edited' : 'संपादित') };
  follow((seq) => `/api/v1/liveblogs/${root.dataset.liveblog}/events${seq ? `?lastEventId=${seq}` : ''}`, root, (data) => {
    const msg = JSON.parse(data) as { seq: number; live: boolean; updates: BlogUpdate[] };
    for (const u of msg.updates) {
      const existing = list.querySelector<HTMLElement>(`[data-update="${u.id}"]`);
      if (u.deleted) {
        existing?.remove();
        continue;
      }
      const item = updateItem(u, lang, tags);
      if (existing) existing.replaceWith(item);
      else list.prepend(item);
    }
    // Pinned first, then newest first, as the server renders it.
    const items = [...list.querySelectorAll<HTMLElement>('[data-update]')];
    items.sort((a, b) => Number(b.classList.contains('pinned')) - Number(a.classList.contains('pinned')) || (b.dataset.at ?? '').localeCompare(a.dataset.at ?? '') || Number(b.dataset.update) - Number(a.dataset.update));
    list.replaceChildren(...items);
    const badge = root.querySelector<HTMLElement>('[data-liveblog-badge]');
    const ended = root.querySelector<HTMLElement>('[data-liveblog-ended]');
    if (badge) badge.hidden = !msg.live;
    if (ended) ended.hidden = msg.live;
    root.dataset.liveState = msg.live ? 'live' : 'ended';
    return msg.live;
  });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-live-match]')) followMatch(root);
for (const root of document.querySelectorAll<HTMLElement>('[data-liveblog]')) followBlog(root);
