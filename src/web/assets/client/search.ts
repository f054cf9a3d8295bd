/**
 * Suggestions as you type on the search page: headlines of stories that match the words so far (the
 * last one as a prefix), in an ARIA combobox list. Without this script the form simply submits.
 */
interface Suggestion {
  id: number;
  path: string;
  headline: string;
}

const input = document.querySelector<HTMLInputElement>('input[data-suggest]');
const list = document.getElementById('search-suggest') as HTMLUListElement | null;

if (input && list) {
  const endpoint = input.dataset.suggest!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | null = null;
  let items: Suggestion[] = [];
  let active = -1;
  let lastAsked = '';

  const hide = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const select = (i: number) => {
    active = i;
    list.querySelectorAll('li').forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `search-suggest-${i}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const render = () => {
    list.replaceChildren(
      ...items.map((s, i) => {
        const li = document.createElement('li');
        li.id = `search-suggest-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const a = document.createElement('a');
        a.href = s.path;
        a.textContent = s.headline;
        a.tabIndex = -1;
        li.append(a);
        return li;
      }),
    );
    if (items.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    } else hide();
  };

  const ask = async (q: string) => {
    pending?.abort();
    const ctl = new AbortController();
    pending = ctl;
    try {
      const r = await fetch(`${endpoint}?q=${encodeURIComponent(q)}`, { signal: ctl.signal, headers: { accept: 'application/json' } });
      if (!r.ok) return;
      const data = (await r.json()) as { suggestions?: Suggestion[] };
      if (ctl.signal.aborted || input.value !== q) return;
      items = (data.suggestions ?? []).filter((s) => typeof s.path === 'string' && s.path.startsWith('/'));
      active = -1;
      render();
    } catch {
      // Offline or aborted: the form still works.
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value;
    if (q.trim().length < 2) {
      pending?.abort();
      items = [];
      hide();
      return;
    }
    timer = setTimeout(() => {
      if (q === lastAsked) return;
      lastAsked = q;
      void ask(q);
    }, 150);
  });

  input.addEventListener('keydown', (e) => {
    if (list.hidden || items.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      select((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      select(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Escape') {
      hide();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.assign(items[active]!.path);
    }
  });

  // A click on a suggestion lands before the blur hides the list.
  list.addEventListener('mousedown', (e) => e.preventDefault());
  input.addEventListener('blur', () => hide());
}
