import { html, type SafeHtml } from '../../shared/html.js';
import type { MessageKey } from '../../i18n/index.js';
import { layout, type PageContext } from './layout.js';

export function errorPage(ctx: PageContext, status: number, extra?: string): SafeHtml {
  const key = status === 404 ? '404' : status === 410 ? '410' : status >= 500 ? '500' : '400';
  const title = ctx.t(`error.${key}.title` as MessageKey);
  const body = key === '400' ? extra ?? '' : ctx.t(`error.${key}.body` as MessageKey);
  const main = html`<div class="error-page"><h1>${title}</h1><p>${body}</p>${status >= 500 && extra ? html`<p><small>Request id: ${extra}</small></p>` : ''}
<form class="searchbox" action="/search" method="get" role="search"><label class="visually-hidden" for="q">${ctx.t('nav.search')}</label><input id="q" name="q" type="search" placeholder="${ctx.t('search.placeholder')}"><button class="button">${ctx.t('search.button')}</button></form>
<p><a href="/">${ctx.t('error.generic.back')}</a></p></div>`;
  return layout(ctx, { title, main, robots: 'noindex' });
}
