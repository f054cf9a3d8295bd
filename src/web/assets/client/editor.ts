import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import Placeholder from '@tiptap/extension-placeholder';
import { NodeSelection } from '@tiptap/pm/state';
import { Figure, RelatedLink } from './_editor-nodes.js';

/**
 * The writing screen's island. Without it the form works as plain HTML (a textarea of HTML). With it:
 * a TipTap editor whose JSON is sent instead, live character counts and slug checks, tag suggestions,
 * the media picker, autosave every few seconds and a copy of everything typed in localStorage until the
 * server has confirmed it.
 *
 * Devanagari and IMEs: nothing here re-renders the editor while typing. Updates only set a flag and
 * schedule work; autosave and the local copy wait while a composition is in progress.
 */

type Strings = Record<string, string>;
interface ImageInfo { id: number; key: string; width: number; height: number; title: string; alt: string; caption: string; credit: string; thumb: string }
interface Draft { savedAt: string; baseVersion: number; fields: Record<string, string | string[]>; doc: JSONContent; submitted?: boolean }

const AUTOSAVE_MS = 5000;
const FIELD_NAMES = ['headline', 'slug', 'summary', 'deskId', 'tags', 'authorIds', 'editorId', 'dateline', 'imageId', 'access', 'lang', 'correction', 'scheduleAt'];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

function readJson<T>(id: string, fallback: T): T {
  try {
    return JSON.parse($(id)?.textContent ?? '') as T;
  } catch {
    return fallback;
  }
}

function graphemes(s: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter('hi', { granularity: 'grapheme' }).segment(s)) n++;
  return n;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

function init(form: HTMLFormElement): void {
  const S = readJson<Strings>('nr-i18n', {});
  const t = (k: string, params: Record<string, string | number> = {}) => Object.entries(params).reduce((s, [p, v]) => s.replaceAll(`{${p}}`, String(v)), S[k] ?? k);
  const csrf = (form.elements.namedItem('_csrf') as HTMLInputElement).value;
  const versionInput = form.elements.namedItem('version') as HTMLInputElement;
  const formatInput = form.elements.namedItem('body_format') as HTMLInputElement;
  const docInput = form.elements.namedItem('doc') as HTMLInputElement;
  const textarea = $<HTMLTextAreaElement>('f-body')!;
  const mount = $<HTMLDivElement>('nr-body-rich')!;
  const state = $<HTMLParagraphElement>('nr-save-state');
  let storyId = form.dataset.storyId ?? '';
  let autosaveUrl = form.dataset.autosaveUrl ?? '';
  const status = form.dataset.status ?? 'draft';
  const live = status === 'published' || status === 'scheduled';
  const lang = ($<HTMLSelectElement>('f-lang')?.value ?? 'hi') === 'en' ? 'en' : 'hi';

  // ---------------------------------------------------------------- the rich-text editor
  const editor = new Editor({
    element: mount,
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, codeBlock: false, code: false, strike: false, horizontalRule: false }),
      Link.configure({ openOnClick: false, autolink: true, protocols: ['mailto'], HTMLAttributes: { rel: 'noopener nofollow', target: null } }),
      Placeholder.configure({ placeholder: t('nr.ed.placeholder') }),
      Figure,
      RelatedLink.configure({ label: lang === 'hi' ? 'यह भी पढ़ें' : 'Also read' }),
    ],
    content: readJson<JSONContent>('nr-doc', { type: 'doc', content: [] }),
    // TipTap would add a <style> element, which the Content-Security-Policy refuses; newsroom.css has the rules.
    injectCSS: false,
    editorProps: { attributes: { class: 'nr-prose', lang, 'aria-labelledby': 'body-label', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' } },
  });
  mount.hidden = false;
  textarea.hidden = true;
  textarea.disabled = true;
  $('body-hint')?.setAttribute('hidden', '');
  formatInput.value = 'json';
  const syncDoc = () => {
    docInput.value = JSON.stringify(editor.getJSON());
  };

  // ---------------------------------------------------------------- state: dirty, composing, saving
  let dirty = false;
  let saving = false;
  let stopped = false;
  let submitting = false;
  let composing = false;
  let pendingSubmitter: HTMLElement | null = null;
  form.addEventListener('compositionstart', () => { composing = true; });
  form.addEventListener('compositionend', () => { composing = false; changed(); });
  const isComposing = () => composing || editor.view.composing;

  const say = (text: string, kind: '' | 'ok' | 'bad' = '') => {
    // A live region: touch it only when the message changes, not on every keystroke.
    if (!state || (state.textContent === text && (state.dataset.kind ?? '') === kind)) return;
    state.textContent = text;
    state.dataset.kind = kind;
  };

  // ---------------------------------------------------------------- the local copy (nothing typed is lost)
  const draftKey = () => `samachar:draft:${storyId || 'new'}`;
  const fieldsNow = (): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    for (const name of FIELD_NAMES) {
      const f = form.elements.namedItem(name);
      if (f instanceof HTMLSelectElement && f.multiple) out[name] = [...f.selectedOptions].map((o) => o.value);
      else if (f instanceof HTMLInputElement || f instanceof HTMLTextAreaElement || f instanceof HTMLSelectElement) out[name] = f.value;
    }
    return out;
  };
  /** What a form holds, compared the way the server will store it (spaces collapsed, tags as a list, NFC). */
  const fingerprint = (fields: Record<string, string | string[]>, doc: JSONContent) => {
    const norm = (k: string, v: string | string[]) => {
      if (Array.isArray(v)) return v;
      if (k === 'tags') return v.split(/[,،]/).map((x) => x.trim()).filter(Boolean).join(',');
      return v.replace(/\s+/g, ' ').trim();
    };
    return JSON.stringify({ f: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'scheduleAt').map(([k, v]) => [k, norm(k, v)])), doc }).normalize('NFC');
  };
  const saveLocal = (submitted = false) => {
    if (isComposing() && !submitted) return void scheduleLocal();
    const d: Draft = { savedAt: new Date().toISOString(), baseVersion: Number(versionInput.value), fields: fieldsNow(), doc: editor.getJSON(), ...(submitted ? { submitted } : {}) };
    try {
      localStorage.setItem(draftKey(), JSON.stringify(d));
    } catch {
      /* storage full or disabled: autosave still runs */
    }
  };
  const scheduleLocal = debounce(() => saveLocal(), 800);
  const dropLocal = (key = draftKey()) => {
    try {
      localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  };

  function changed() {
    dirty = true;
    if (!saving) say(t('nr.ed.unsaved'));
    scheduleLocal();
  }
  editor.on('update', changed);
  form.addEventListener('input', (e) => {
    if (e.target instanceof Node && mount.contains(e.target)) return;
    changed();
  });
  form.addEventListener('change', (e) => {
    if (e.target instanceof Node && mount.contains(e.target)) return;
    changed();
  });

  // An unsaved copy from an earlier visit: offer it back unless it is what the server already has.
  (() => {
    let d: Draft | null = null;
    try {
      d = JSON.parse(localStorage.getItem(draftKey()) ?? 'null') as Draft | null;
    } catch {
      d = null;
    }
    // A form just saved successfully (the server redirected here with ?done=): its copy has served its purpose.
    const done = new URLSearchParams(location.search).get('done');
    if (done === 'created') {
      try {
        const fresh = JSON.parse(localStorage.getItem('samachar:draft:new') ?? 'null') as Draft | null;
        if (fresh?.submitted) dropLocal('samachar:draft:new');
      } catch {
        /* ignore */
      }
    }
    if (!d || !d.fields) return;
    if ((d.submitted && done) || fingerprint(d.fields, d.doc) === fingerprint(fieldsNow(), editor.getJSON())) return dropLocal();
    const box = $('nr-local-draft');
    if (!box) return;
    const when = new Date(d.savedAt).toLocaleString(lang === 'hi' ? 'hi-IN' : 'en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
    const restore = el('button', { type: 'button', class: 'nr-button nr-primary', text: t('nr.ed.localRestore') });
    const discard = el('button', { type: 'button', class: 'nr-button', text: t('nr.ed.localDiscard') });
    box.replaceChildren(el('span', { text: t('nr.ed.localDraft', { when }) }), ' ', restore, ' ', discard);
    box.hidden = false;
    const draft = d;
    restore.addEventListener('click', () => {
      for (const [name, v] of Object.entries(draft.fields)) {
        const f = form.elements.namedItem(name);
        if (f instanceof HTMLSelectElement && f.multiple && Array.isArray(v)) for (const o of f.options) o.selected = v.includes(o.value);
        else if ((f instanceof HTMLInputElement || f instanceof HTMLTextAreaElement || f instanceof HTMLSelectElement) && typeof v === 'string') f.value = v;
      }
      editor.commands.setContent(draft.doc, true);
      box.hidden = true;
      refreshCounts();
      changed();
    });
    discard.addEventListener('click', () => {
      dropLocal();
      box.hidden = true;
    });
  })();

  // ---------------------------------------------------------------- autosave
  const payload = () => {
    const f = fieldsNow();
    return { ...f, version: versionInput.value, body_format: 'json', doc: editor.getJSON() };
  };

  async function autosave(): Promise<void> {
    if (saving || stopped || submitting || !dirty || isComposing()) return;
    const headline = (form.elements.namedItem('headline') as HTMLTextAreaElement).value.trim();
    if (!headline) return;
    const body = payload();
    const sent = fingerprint(fieldsNow(), body.doc);
    saving = true;
    dirty = false;
    say(t('nr.ed.saving'));
    try {
      const res = await fetch(autosaveUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body), credentials: 'same-origin' });
      if (res.status === 409) {
        stopped = true;
        dirty = true;
        showConflict();
        return;
      }
      const data = (await res.json().catch(() => ({}))) as { id?: number; version?: number; kept?: boolean; editUrl?: string; autosaveUrl?: string; error?: { message?: string; issues?: Array<{ message: string }> } };
      if (!res.ok) {
        dirty = true;
        say(`${t('nr.ed.saveFailed')}: ${data.error?.issues?.map((i) => i.message).join('; ') || data.error?.message || res.status}`, 'bad');
        if (res.status === 401 || res.status === 403) stopped = true;
        return;
      }
      if (res.status === 201 && data.id && data.editUrl && data.autosaveUrl) {
        // The first autosave of a new story created it: from now on this page edits that story.
        const old = draftKey();
        storyId = String(data.id);
        autosaveUrl = data.autosaveUrl;
        form.action = data.editUrl;
        form.dataset.storyId = storyId;
        try {
          const copy = localStorage.getItem(old);
          if (copy) localStorage.setItem(draftKey(), copy);
          localStorage.removeItem(old);
        } catch {
          /* ignore */
        }
        history.replaceState(null, '', data.editUrl);
      }
      if (typeof data.version === 'number' && !data.kept) versionInput.value = String(data.version);
      const label = $('nr-version-label');
      if (label && typeof data.version === 'number') label.textContent = String(data.version);
      const time = new Date().toLocaleTimeString(lang === 'hi' ? 'hi-IN' : 'en-IN', { hour: 'numeric', minute: '2-digit' });
      say(`${data.kept ? t('nr.ed.savedKept') : t('nr.ed.saved')} · ${time}`, 'ok');
      if (!dirty && fingerprint(fieldsNow(), editor.getJSON()) === sent) dropLocal();
    } catch {
      dirty = true;
      say(t('nr.ed.offline'), 'bad');
    } finally {
      saving = false;
      if (pendingSubmitter) {
        const s = pendingSubmitter;
        pendingSubmitter = null;
        form.requestSubmit(s as HTMLButtonElement);
      }
    }
  }
  setInterval(() => void autosave(), AUTOSAVE_MS);
  window.addEventListener('online', () => void autosave());

  function showConflict() {
    const box = $('nr-conflict');
    if (!box) return;
    const review = el('button', { type: 'button', class: 'nr-button nr-primary', text: t('nr.ed.conflictReview') });
    box.replaceChildren(el('span', { text: t('nr.ed.conflict') }), ' ', review);
    box.hidden = false;
    say(t('nr.ed.conflict'), 'bad');
    review.addEventListener('click', () => {
      // The server shows both versions side by side; the form carries this version (still the old number).
      submitting = true;
      syncDoc();
      const action = el('input', { type: 'hidden', name: 'action', value: 'save' });
      form.append(action);
      form.submit();
    });
  }

  form.addEventListener('submit', (e) => {
    if (saving) {
      // Wait for the autosave in flight, so that this save carries the version it produced.
      e.preventDefault();
      pendingSubmitter = (e as SubmitEvent).submitter ?? null;
      return;
    }
    submitting = true;
    syncDoc();
    // Exactly what is being sent stays in this browser until the next page says the server took it.
    saveLocal(true);
  });
  window.addEventListener('beforeunload', (e) => {
    if (dirty && !submitting) {
      saveLocal();
      e.preventDefault();
    }
  });
  window.addEventListener('pagehide', () => {
    if (dirty && !submitting) saveLocal();
  });

  // ---------------------------------------------------------------- counts, slug, dateline, headline
  const counters = [...document.querySelectorAll<HTMLElement>('[data-count-for]')];
  function refreshCounts() {
    for (const c of counters) {
      const input = $<HTMLInputElement | HTMLTextAreaElement>(c.dataset.countFor ?? '');
      if (!input) continue;
      const n = graphemes(input.value);
      c.textContent = t('nr.ed.chars', { n });
      c.classList.toggle('nr-over', n > Number(c.dataset.soft ?? Infinity));
    }
  }
  for (const c of counters) $(c.dataset.countFor ?? '')?.addEventListener('input', refreshCounts);

  const headline = $<HTMLTextAreaElement>('f-headline');
  const slug = $<HTMLInputElement>('f-slug');
  const slugStatus = $('slug-status');
  headline?.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing) e.preventDefault();
  });
  const slugUrl = (params: Record<string, string>) => `/newsroom/slug?${new URLSearchParams({ ...params, ...(storyId ? { id: storyId } : {}) }).toString()}`;
  const suggest = debounce(async () => {
    if (!slug || !headline || slug.dataset.touched === '1' || isComposing() || !headline.value.trim()) return;
    try {
      const r = (await (await fetch(slugUrl({ headline: headline.value }), { headers: { accept: 'application/json' } })).json()) as { slug: string };
      if (slug.dataset.touched !== '1' && r.slug) {
        slug.value = r.slug;
        if (slugStatus) slugStatus.textContent = t('nr.ed.slugFree');
        scheduleLocal();
      }
    } catch {
      /* offline: the server suggests one on save */
    }
  }, 500);
  headline?.addEventListener('input', () => void suggest());
  headline?.addEventListener('compositionend', () => void suggest());
  const check = debounce(async () => {
    if (!slug || !slugStatus) return;
    const v = slug.value.trim();
    if (!v) return void (slugStatus.textContent = '');
    try {
      const r = (await (await fetch(slugUrl({ slug: v }), { headers: { accept: 'application/json' } })).json()) as { valid: boolean; available: boolean };
      slugStatus.textContent = !r.valid ? t('nr.ed.slugBad') : r.available ? t('nr.ed.slugFree') : t('nr.ed.slugTaken');
      slugStatus.dataset.kind = r.valid && r.available ? 'ok' : 'bad';
    } catch {
      /* offline */
    }
  }, 400);
  slug?.addEventListener('input', () => {
    slug.dataset.touched = slug.value ? '1' : '';
    void check();
  });

  const desk = $<HTMLSelectElement>('f-deskId');
  const dateline = $<HTMLInputElement>('f-dateline');
  let deskDateline = desk?.selectedOptions[0]?.dataset.dateline ?? '';
  desk?.addEventListener('change', () => {
    const next = desk.selectedOptions[0]?.dataset.dateline ?? '';
    if (dateline && (dateline.value === '' || dateline.value === deskDateline)) dateline.value = next;
    deskDateline = next;
  });

  // ---------------------------------------------------------------- tag suggestions
  const tags = $<HTMLInputElement>('f-tags');
  if (tags) {
    const list = el('ul', { class: 'nr-suggest', role: 'listbox', id: 'tags-suggest', hidden: '' });
    tags.after(list);
    tags.setAttribute('aria-controls', 'tags-suggest');
    tags.setAttribute('aria-autocomplete', 'list');
    const last = () => tags.value.split(/[,،]/).pop()?.trim() ?? '';
    const pick = (name: string) => {
      const parts = tags.value.split(/[,،]/).map((p) => p.trim()).filter(Boolean);
      parts.pop();
      parts.push(name);
      tags.value = `${parts.join(', ')}, `;
      list.hidden = true;
      tags.focus();
      changed();
    };
    const lookup = debounce(async () => {
      const q = last();
      if (!q || isComposing()) return void (list.hidden = true);
      try {
        const r = (await (await fetch(`/newsroom/tags.json?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } })).json()) as { tags: Array<{ name: string; slug: string }>; canCreate: boolean };
        const existing = new Set(tags.value.split(/[,،]/).map((p) => p.trim()));
        const items = r.tags.filter((x) => !existing.has(x.name) || x.name === q);
        list.replaceChildren(...items.map((x) => {
          const b = el('button', { type: 'button', role: 'option', text: `${x.name} (${x.slug})` });
          b.addEventListener('click', () => pick(x.name));
          return el('li', {}, b);
        }));
        if (r.canCreate && !r.tags.some((x) => x.name === q)) {
          const b = el('button', { type: 'button', role: 'option', text: `+ ${q} (${t('nr.ed.newTag')})` });
          b.addEventListener('click', () => pick(q));
          list.append(el('li', {}, b));
        }
        list.hidden = list.children.length === 0;
      } catch {
        list.hidden = true;
      }
    }, 250);
    tags.addEventListener('input', () => void lookup());
    tags.addEventListener('compositionend', () => void lookup());
    tags.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' && !list.hidden) {
        e.preventDefault();
        list.querySelector('button')?.focus();
      } else if (e.key === 'Escape') list.hidden = true;
    });
    list.addEventListener('keydown', (e) => {
      const items = [...list.querySelectorAll('button')];
      const i = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'ArrowDown') { e.preventDefault(); items[Math.min(items.length - 1, i + 1)]?.focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); (i <= 0 ? tags : items[i - 1])?.focus(); }
      if (e.key === 'Escape') { list.hidden = true; tags.focus(); }
    });
  }

  // ---------------------------------------------------------------- dialogs: media picker and related stories
  function dialog(title: string): { d: HTMLDialogElement; body: HTMLDivElement } {
    const d = el('dialog', { class: 'nr-dialog', 'aria-label': title });
    const close = el('button', { type: 'button', class: 'nr-button nr-close', text: t('nr.ed.close') });
    const body = el('div', { class: 'nr-dialog-body' });
    d.append(el('div', { class: 'nr-dialog-head' }, el('h2', { text: title }), close), body);
    close.addEventListener('click', () => d.close());
    d.addEventListener('close', () => d.remove());
    document.body.append(d);
    d.showModal();
    return { d, body };
  }

  async function postImageMeta(img: ImageInfo): Promise<ImageInfo> {
    const res = await fetch(`/newsroom/media/${img.id}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ title: img.title, alt: img.alt, caption: img.caption, credit: img.credit }) });
    if (!res.ok) throw new Error(String(res.status));
    return ((await res.json()) as { image: ImageInfo }).image;
  }

  /** The media picker: search by title, upload a new image; an image without alt text gets it here before use. */
  function pickImage(onPick: (img: ImageInfo) => void): void {
    const { d, body } = dialog(t('nr.ed.pick'));
    const search = el('input', { type: 'search', placeholder: t('nr.ed.pickSearch'), 'aria-label': t('nr.ed.pickSearch') });
    const grid = el('ul', { class: 'nr-pick-grid' });
    const detail = el('div', { class: 'nr-pick-detail', hidden: '' });
    const file = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif,image/gif', 'aria-label': t('nr.ed.upload') });
    const upMsg = el('p', { class: 'nr-hint', role: 'status' });
    body.append(el('div', { class: 'nr-pick-top' }, search, el('label', { class: 'nr-button' }, t('nr.ed.upload'), file)), upMsg, grid, detail);

    const choose = (img: ImageInfo) => {
      const alt = el('input', { value: img.alt, required: '', 'aria-label': t('nr.f.alt') });
      const caption = el('input', { value: img.caption, 'aria-label': t('nr.ed.figCaption') });
      const credit = el('input', { value: img.credit, 'aria-label': t('nr.ed.figCredit') });
      const use = el('button', { type: 'button', class: 'nr-button nr-primary', text: t('nr.ed.pick') });
      const msg = el('p', { class: 'nr-hint', role: 'status' });
      detail.replaceChildren(
        el('img', { src: img.thumb, alt: img.alt, width: '160' }),
        el('label', {}, t('nr.f.alt'), alt), el('label', {}, t('nr.ed.figCaption'), caption), el('label', {}, t('nr.ed.figCredit'), credit), use, msg,
      );
      detail.hidden = false;
      alt.focus();
      use.addEventListener('click', async () => {
        if (!alt.value.trim()) {
          msg.textContent = `${t('nr.f.alt')}: ${t('nr.ed.noAlt')}`;
          return alt.focus();
        }
        const next = { ...img, alt: alt.value.trim(), caption: caption.value.trim(), credit: credit.value.trim() };
        try {
          const saved = next.alt !== img.alt || next.caption !== img.caption || next.credit !== img.credit ? await postImageMeta(next) : next;
          onPick({ ...next, ...saved, thumb: img.thumb });
          d.close();
        } catch {
          msg.textContent = t('nr.ed.saveFailed');
        }
      });
    };
    const show = (items: ImageInfo[]) => {
      grid.replaceChildren(...(items.length ? items.map((img) => {
        const b = el('button', { type: 'button', class: 'nr-pick', title: img.title }, el('img', { src: img.thumb, alt: img.alt || img.title, loading: 'lazy', width: '120' }), el('span', { text: `#${img.id} ${img.title}` }));
        b.addEventListener('click', () => choose(img));
        return el('li', {}, b);
      }) : [el('li', { text: t('nr.ed.pickNone') })]));
    };
    const load = debounce(async () => {
      try {
        const r = (await (await fetch(`/newsroom/media.json?q=${encodeURIComponent(search.value)}`, { headers: { accept: 'application/json' } })).json()) as { images: ImageInfo[] };
        show(r.images);
      } catch {
        show([]);
      }
    }, 250);
    search.addEventListener('input', () => void load());
    void load();
    file.addEventListener('change', async () => {
      const f = file.files?.[0];
      if (!f) return;
      const fd = new FormData();
      fd.append('title', f.name.replace(/\.[a-z0-9]+$/i, ''));
      fd.append('file', f);
      upMsg.textContent = t('nr.ed.saving');
      try {
        const res = await fetch('/newsroom/media', { method: 'POST', headers: { accept: 'application/json', 'x-csrf-token': csrf }, body: fd });
        const data = (await res.json()) as { image?: ImageInfo; error?: { message: string } };
        if (!res.ok || !data.image) throw new Error(data.error?.message ?? String(res.status));
        upMsg.textContent = '';
        choose(data.image);
      } catch (e) {
        upMsg.textContent = `${t('nr.ed.uploadFailed')}: ${(e as Error).message}`;
      }
    });
    search.focus();
  }

  function pickRelated(onPick: (s: { headline: string; path: string }) => void): void {
    const { d, body } = dialog(t('nr.ed.related'));
    const search = el('input', { type: 'search', placeholder: t('nr.ed.relatedSearch'), 'aria-label': t('nr.ed.relatedSearch') });
    const list = el('ul', { class: 'nr-related-list' });
    body.append(search, list);
    const load = debounce(async () => {
      if (!search.value.trim() || isComposing()) return list.replaceChildren();
      const r = (await (await fetch(`/newsroom/stories.json?q=${encodeURIComponent(search.value)}`, { headers: { accept: 'application/json' } })).json()) as { stories: Array<{ headline: string; path: string }> };
      list.replaceChildren(...r.stories.map((s) => {
        const b = el('button', { type: 'button', class: 'nr-link', text: s.headline });
        b.addEventListener('click', () => { onPick(s); d.close(); });
        return el('li', {}, b);
      }));
    }, 300);
    search.addEventListener('input', () => void load());
    search.addEventListener('compositionend', () => void load());
    search.focus();
  }

  // ---------------------------------------------------------------- toolbar
  const toolbar = el('div', { class: 'nr-toolbar', role: 'toolbar', 'aria-label': t('nr.f.body'), 'aria-controls': 'nr-body-rich' });
  const buttons: Array<{ b: HTMLButtonElement; active?: () => boolean }> = [];
  const tool = (label: string, text: string, run: () => void, active?: () => boolean) => {
    const b = el('button', { type: 'button', class: 'nr-tb', title: label, 'aria-label': label, text });
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', run);
    toolbar.append(b);
    buttons.push({ b, ...(active ? { active } : {}) });
  };
  const chain = () => editor.chain().focus();
  tool(t('nr.ed.bold'), 'B', () => chain().toggleBold().run(), () => editor.isActive('bold'));
  tool(t('nr.ed.italic'), 'I', () => chain().toggleItalic().run(), () => editor.isActive('italic'));
  tool(t('nr.ed.h2'), 'H2', () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 }));
  tool(t('nr.ed.h3'), 'H3', () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 }));
  tool(t('nr.ed.quote'), '❝', () => chain().toggleBlockquote().run(), () => editor.isActive('blockquote'));
  tool(t('nr.ed.bullets'), '•', () => chain().toggleBulletList().run(), () => editor.isActive('bulletList'));
  tool(t('nr.ed.numbers'), '1.', () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList'));
  tool(t('nr.ed.link'), t('nr.ed.link'), () => {
    const prev = (editor.getAttributes('link').href as string | undefined) ?? '';
    const href = window.prompt(t('nr.ed.linkPrompt'), prev);
    if (href === null) return;
    if (!href.trim()) chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  }, () => editor.isActive('link'));
  tool(t('nr.ed.image'), `+ ${t('nr.ed.image')}`, () => pickImage((img) => {
    chain().insertContent({ type: 'figure', attrs: { imageId: img.id, key: img.key, width: img.width, height: img.height, alt: img.alt, title: img.title, caption: img.caption, credit: img.credit } }).run();
  }));
  tool(t('nr.ed.related'), `+ ${t('nr.ed.related')}`, () => pickRelated((s) => chain().insertContent({ type: 'relatedLink', attrs: { href: s.path, text: s.headline } }).run()));
  tool(t('nr.ed.undo'), '↶', () => chain().undo().run());
  tool(t('nr.ed.redo'), '↷', () => chain().redo().run());
  mount.before(toolbar);

  // The selected image's caption, credit and alt text, edited beside the text (never as text in the body).
  const panel = el('div', { class: 'nr-figpanel', hidden: '' });
  mount.after(panel);
  let panelPos = -1;
  function showPanel() {
    const sel = editor.state.selection;
    if (!(sel instanceof NodeSelection) || sel.node.type.name !== 'figure') {
      panel.hidden = true;
      panelPos = -1;
      return;
    }
    if (panelPos === sel.from && !panel.hidden) return;
    panelPos = sel.from;
    const attrs = sel.node.attrs as Record<string, string>;
    const field = (name: 'caption' | 'credit' | 'alt', label: string) => {
      const input = el('input', { value: attrs[name] ?? '', 'aria-label': label });
      input.addEventListener('input', () => {
        const pos = panelPos;
        const node = editor.state.doc.nodeAt(pos);
        if (!node || node.type.name !== 'figure') return;
        editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, [name]: input.value }));
      });
      return el('label', {}, label, input);
    };
    const remove = el('button', { type: 'button', class: 'nr-button nr-danger', text: t('nr.ed.figRemove') });
    remove.addEventListener('click', () => {
      editor.chain().focus().deleteSelection().run();
      panel.hidden = true;
    });
    panel.replaceChildren(field('caption', t('nr.ed.figCaption')), field('credit', t('nr.ed.figCredit')), field('alt', t('nr.ed.figAlt')), remove);
    panel.hidden = false;
  }

  let raf = 0;
  editor.on('transaction', () => {
    if (raf) return;
    raf = requestAnimationFrame(() => {
      raf = 0;
      for (const { b, active } of buttons) if (active) b.setAttribute('aria-pressed', String(active()));
      showPanel();
    });
  });

  // ---------------------------------------------------------------- hero image
  const heroInput = $<HTMLInputElement>('f-imageId');
  const heroPreview = $('nr-hero-preview');
  if (heroInput && heroPreview) {
    const choose = el('button', { type: 'button', class: 'nr-button', text: t('nr.ed.heroChoose') });
    const remove = el('button', { type: 'button', class: 'nr-button', text: t('nr.ed.heroRemove') });
    heroInput.after(el('div', { class: 'nr-actions' }, choose, remove));
    choose.addEventListener('click', () => pickImage((img) => {
      heroInput.value = String(img.id);
      heroPreview.replaceChildren(el('img', { src: img.thumb, alt: img.alt, width: '160' }), el('p', { class: 'nr-small', text: img.title || img.alt }));
      changed();
    }));
    remove.addEventListener('click', () => {
      heroInput.value = '';
      heroPreview.replaceChildren();
      changed();
    });
  }

  if (live) say('');
  (window as unknown as { samacharEditor?: Editor }).samacharEditor = editor;
}

const form = document.getElementById('nr-story');
if (form instanceof HTMLFormElement && !form.querySelector('fieldset[disabled]')) init(form);
