import { html, raw, type SafeHtml } from '../../../shared/html.js';
import type { Translate, Locale } from '../../../i18n/index.js';
import { formatDateTime } from '../../../i18n/index.js';
import { pictureHtml } from '../../../media/index.js';
import { mediaUrl } from '../../../media/urls.js';
import type { Article } from '../../../content/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { LiveBlog, LiveBlogUpdate } from '../../../live/index.js';
import { csrfInput, deskPage, problems, type DeskContext } from './shell.js';

/** An update's text: paragraphs at blank lines, line breaks kept. */
export function updateBody(text: string): SafeHtml {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return html`${paras.map((p) => html`<p>${p.split('\n').map((line, i) => html`${i ? raw('<br>') : ''}${line}`)}</p>`)}`;
}

export function updateItem(t: Translate, locale: Locale, u: LiveBlogUpdate): SafeHtml {
  const cls = ['update', u.pinned ? 'pinned' : '', u.keyEvent ? 'key' : ''].filter(Boolean).join(' ');
  return html`<li id="update-${u.id}" class="${cls}" data-update="${u.id}" data-at="${u.at}">
<p class="update-meta"><time datetime="${u.at}">${formatDateTime(u.at, locale)}</time>${u.pinned ? html` · <span class="tag-pinned">${t('liveblog.pinned')}</span>` : ''}${u.keyEvent ? html` · <span class="tag-key">${t('liveblog.keyEvent')}</span>` : ''}${u.editedAt ? html` · <span class="tag-edited">${t('liveblog.edited')}</span>` : ''}</p>
<div class="update-body">${updateBody(u.body)}</div>
${u.image ? html`<figure>${raw(pictureHtml(u.image, { alt: u.image.alt || u.image.title, sizes: '(min-width: 720px) 640px, 100vw', fallbackWidth: 640 }))}${u.image.caption || u.image.credit ? html`<figcaption>${u.image.caption} ${u.image.credit ? html`<span class="credit">${u.image.credit}</span>` : ''}</figcaption>` : ''}</figure>` : ''}
</li>`;
}

/** The timeline under a live (or formerly live) story; live.js follows it over SSE while it is live. */
export function liveBlogSection(p: { t: Translate; locale: Locale; blog: LiveBlog; updates: LiveBlogUpdate[]; script: string }): SafeHtml {
  const { t, blog } = p;
  return html`<section class="liveblog" aria-labelledby="liveblog-h" data-liveblog="${blog.articleId}" data-live-seq="${blog.lastSeq}" data-live-state="${blog.live ? 'live' : 'ended'}">
<h2 id="liveblog-h" class="section-title"><span class="live-badge${blog.live ? ' on' : ''}" data-liveblog-badge${blog.live ? '' : raw(' hidden')}>${t('live.badge')}</span> ${t('liveblog.title')}</h2>
<p class="liveblog-ended" data-liveblog-ended${blog.live ? raw(' hidden') : ''}>${t('liveblog.ended')}</p>
<ol class="liveblog-updates" data-liveblog-updates aria-live="polite">${p.updates.map((u) => updateItem(t, p.locale, u))}</ol>
</section>
${blog.live ? html`<script type="module" src="${p.script}"></script>` : ''}`;
}

/** schema.org LiveBlogPosting for a story while it is live, built only from what this reader may see. */
export function liveBlogJsonLd(a: Article, site: { baseUrl: string; siteName: string }, blog: LiveBlog, updates: LiveBlogUpdate[]): Record<string, unknown> {
  const url = site.baseUrl + a.path;
  const newest = updates.reduce<string | null>((m, u) => (m === null || (u.editedAt ?? u.at) > m ? (u.editedAt ?? u.at) : m), null);
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    '@id': `${url}#liveblog`,
    url,
    headline: a.headline.slice(0, 110),
    description: a.summary || undefined,
    inLanguage: a.lang === 'hi' ? 'hi-IN' : 'en-IN',
    datePublished: a.publishedAt ?? blog.startedAt,
    dateModified: newest ?? a.updatedAt ?? a.publishedAt ?? blog.startedAt,
    coverageStartTime: blog.startedAt,
    ...(blog.endedAt ? { coverageEndTime: blog.endedAt } : {}),
    about: { '@type': 'Event', name: a.headline.slice(0, 110), startDate: blog.startedAt, location: { '@type': 'Place', name: a.dateline || a.desk.name } },
    publisher: { '@type': 'NewsMediaOrganization', name: site.siteName, url: site.baseUrl },
    isAccessibleForFree: a.access === 'free',
    liveBlogUpdate: updates.slice(0, 50).map((u) => ({
      '@type': 'BlogPosting',
      '@id': `${url}#update-${u.id}`,
      url: `${url}#update-${u.id}`,
      headline: (u.body.split('\n')[0] ?? '').slice(0, 110) || a.headline.slice(0, 110),
      articleBody: u.body,
      datePublished: u.at,
      ...(u.editedAt ? { dateModified: u.editedAt } : {}),
      ...(u.image ? { image: site.baseUrl + mediaUrl(u.image, Math.min(1280, u.image.width), 'jpg') } : {}),
    })),
  };
  return JSON.parse(JSON.stringify(ld)) as Record<string, unknown>;
}

// -- the newsroom's live-blog desk ---------------------------------------------------------------------

export interface LibraryImage {
  id: number;
  title: string;
}

export function liveBlogsDeskPage(ctx: DeskContext, p: { blogs: (LiveBlog & { headline: string; status: string; access: string })[]; issues?: FieldIssue[]; message?: string }): SafeHtml {
  const { t } = ctx;
  const main = html`<h1>${t('liveblog.desk')}</h1>
${problems(p.issues ?? [], p.message)}
<form method="post" action="/newsroom/liveblogs" class="desk-action">${csrfInput(ctx)}
<label>${t('liveblog.storyId')} <input name="articleId" inputmode="numeric" required size="8"></label> <button class="primary">${t('liveblog.start')}</button></form>
${p.blogs.length ? html`<ul class="desk-list">${p.blogs.map((b) => html`<li><a href="/newsroom/liveblogs/${b.articleId}">${b.headline}</a> <span class="live-badge${b.live ? ' on' : ''}">${b.live ? t('live.badge') : t('liveblog.endedShort')}</span> <small>${b.status}${b.access !== 'free' ? ` · ${b.access}` : ''}</small></li>`)}</ul>` : html`<p>${t('liveblog.none')}</p>`}`;
  return deskPage(ctx, { title: t('liveblog.desk'), main });
}

export function liveBlogDeskPage(ctx: DeskContext, p: { article: { id: number; headline: string; path: string; status: string }; blog: LiveBlog; updates: LiveBlogUpdate[]; images: LibraryImage[]; issues?: FieldIssue[]; message?: string; form?: { body?: string; imageId?: string } }): SafeHtml {
  const { t } = ctx;
  const id = p.article.id;
  const f = p.form ?? {};
  const imageSelect = (selected: number | null) => html`<select name="imageId"><option value="">—</option>${p.images.map((i) => html`<option value="${i.id}"${selected === i.id ? raw(' selected') : ''}>${i.id}: ${i.title || '—'}</option>`)}</select>`;
  const main = html`<h1>${p.article.headline}</h1>
<p><a href="${p.article.path}" target="_blank" rel="noopener">${t('scorer.readerView')}</a> · <span class="live-badge${p.blog.live ? ' on' : ''}">${p.blog.live ? t('live.badge') : t('liveblog.endedShort')}</span></p>
${problems(p.issues ?? [], p.message)}
<form method="post" action="/newsroom/liveblogs/${id}/${p.blog.live ? 'end' : 'start'}" class="desk-action">${csrfInput(ctx)}<button>${p.blog.live ? t('liveblog.end') : t('liveblog.restart')}</button></form>
${p.blog.live ? html`<form method="post" action="/newsroom/liveblogs/${id}/updates" class="new-update">${csrfInput(ctx)}
<h2>${t('liveblog.post')}</h2>
<label for="f-body">${t('liveblog.text')}</label>
<textarea id="f-body" name="body" rows="6" maxlength="5000" autofocus>${f.body ?? ''}</textarea>
<label>${t('liveblog.image')} ${imageSelect(f.imageId ? Number(f.imageId) : null)}</label>
<label><input type="checkbox" name="keyEvent" value="1"> ${t('liveblog.keyEvent')}</label>
<label><input type="checkbox" name="pinned" value="1"> ${t('liveblog.pin')}</label>
<button class="primary">${t('liveblog.publish')}</button>
</form>` : ''}
<h2>${t('liveblog.timeline')} (${p.updates.length})</h2>
<ol class="desk-updates">${p.updates.map((u) => html`<li id="u-${u.id}" class="${u.pinned ? 'pinned' : ''}">
<p class="update-meta"><time datetime="${u.at}">${formatDateTime(u.at, ctx.locale)}</time>${u.author ? ` · ${u.author}` : ''}${u.pinned ? ` · ${t('liveblog.pinned')}` : ''}${u.keyEvent ? ` · ${t('liveblog.keyEvent')}` : ''}</p>
<details><summary>${u.body.slice(0, 140) || '—'}</summary>
<form method="post" action="/newsroom/liveblogs/${id}/updates/${u.id}">${csrfInput(ctx)}
<textarea name="body" rows="4" maxlength="5000">${u.body}</textarea>
<label>${t('liveblog.image')} ${imageSelect(u.image?.id ?? null)}</label>
<label><input type="checkbox" name="keyEvent" value="1"${u.keyEvent ? raw(' checked') : ''}> ${t('liveblog.keyEvent')}</label>
<label><input type="checkbox" name="pinned" value="1"${u.pinned ? raw(' checked') : ''}> ${t('liveblog.pin')}</label>
<button>${t('liveblog.save')}</button></form></details>
<form method="post" action="/newsroom/liveblogs/${id}/updates/${u.id}/pin" class="inline">${csrfInput(ctx)}<input type="hidden" name="pinned" value="${u.pinned ? '0' : '1'}"><button>${u.pinned ? t('liveblog.unpin') : t('liveblog.pin')}</button></form>
<form method="post" action="/newsroom/liveblogs/${id}/updates/${u.id}/delete" class="inline">${csrfInput(ctx)}<button>${t('liveblog.remove')}</button></form>
</li>`)}</ol>`;
  return deskPage(ctx, { title: `${t('liveblog.desk')}: ${p.article.headline}`, main });
}
