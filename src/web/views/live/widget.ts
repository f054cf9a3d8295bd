import { html, type SafeHtml } from '../../../shared/html.js';
import type { Translate } from '../../../i18n/index.js';
import type { MatchListItem } from '../../../live/index.js';
import { liveAttrs, scoreStrip } from './score.js';

export interface WidgetProps {
  match: MatchListItem;
  t: Translate;
  locale: 'hi' | 'en';
  /** Hashed URL of live.js (the widget's styles are part of site.css). */
  script: string;
}

/**
 * The score widget of reader sidebars: the match's state as rendered on the server, which live.js
 * then follows over SSE from the same seq (so a cached copy of the page catches up at once).
 */
export function scoreWidget(p: WidgetProps): SafeHtml {
  const { t, match } = p;
  return html`<section class="widget live-widget" aria-labelledby="live-widget-h"${liveAttrs(match.id, match.lastSeq, 'score', t)}>
<h2 id="live-widget-h">${t('widgets.live')}</h2>
<p class="live-title"><a href="/live/cricket/${match.id}">${match.title}</a></p>
${scoreStrip(t, p.locale, match.summary)}
<p class="live-line" data-live-line hidden></p>
<p class="live-more"><a href="/live/cricket/${match.id}">${t('live.matchCentre')} →</a></p>
</section>
<script type="module" src="${p.script}"></script>`;
}
