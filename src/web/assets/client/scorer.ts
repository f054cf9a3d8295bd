/**
 * The scorer's keyboard: focus stays in one box; a digit (or wd1, nb4, lb1, r3 …) is sent the moment it
 * is complete, anything else on Enter; w opens the dismissal fields. Each entry is one POST with the
 * x-csrf-token header and the seq the screen shows, so a second scorer's entry is never overwritten:
 * the server answers 409 with the latest state instead. Without this script the same forms work as
 * plain HTML.
 */
import { entryHasWicket, isCompleteEntry } from '../../../live/entry.js';

interface Answer {
  seq?: number;
  panels?: { state: string; crease: string; log: string; actions: string };
  error?: { code: string; message: string; issues?: { field: string; message: string }[] };
}

const root = document.querySelector<HTMLElement>('[data-scorer]');
if (root) start(root);

function start(root: HTMLElement): void {
  const csrf = root.dataset.csrf ?? '';
  const ballForm = root.querySelector<HTMLFormElement>('[data-ball-form]')!;
  const code = ballForm.querySelector<HTMLInputElement>('[data-code]')!;
  const wicket = ballForm.querySelector<HTMLFieldSetElement>('[data-wicket]')!;
  const problems = document.getElementById('desk-problems');
  let busy = false;

  const panel = (name: string) => root.querySelector<HTMLElement>(`[data-panel="${name}"]`);
  const showWicket = (on: boolean) => {
    wicket.hidden = !on;
    wicket.classList.toggle('open', on);
  };
  showWicket(entryHasWicket(code.value));

  const say = (message: string | null, issues: { field: string; message: string }[] = []) => {
    if (!problems) return;
    problems.replaceChildren();
    if (!message) return;
    const box = document.createElement('div');
    box.className = 'desk-errors';
    box.setAttribute('role', 'alert');
    const p = document.createElement('p');
    p.textContent = message;
    box.append(p);
    if (issues.length > 1) {
      const ul = document.createElement('ul');
      for (const i of issues) {
        const li = document.createElement('li');
        li.textContent = i.message;
        ul.append(li);
      }
      box.append(ul);
    }
    problems.append(box);
  };

  /** Puts the cursor where the scorer must act next: a new batter, the next bowler, or the code box. */
  const focusNext = () => {
    const needs = root.querySelector<HTMLInputElement>('[data-crease][data-needs]');
    (needs ?? code).focus();
  };

  const apply = (a: Answer) => {
    if (a.panels) {
      // Keep what the scorer already chose for an empty crease box while redrawing it.
      const chosen = new Map([...root.querySelectorAll<HTMLInputElement>('[data-crease]')].map((i) => [i.name, i.value]));
      panel('state')!.innerHTML = a.panels.state;
      panel('log')!.innerHTML = a.panels.log;
      panel('actions')!.innerHTML = a.panels.actions;
      const crease = panel('crease')!;
      crease.innerHTML = a.panels.crease;
      if (a.error) for (const input of crease.querySelectorAll<HTMLInputElement>('[data-crease]')) if (!input.value && chosen.get(input.name)) input.value = chosen.get(input.name)!;
    }
    if (a.seq !== undefined) for (const input of root.querySelectorAll<HTMLInputElement>('[data-seq-input]')) input.value = String(a.seq);
  };

  const send = async (form: HTMLFormElement, extra: Record<string, string> = {}) => {
    if (busy) return;
    busy = true;
    root.classList.add('busy');
    const data: Record<string, string> = {};
    new FormData(form).forEach((v, k) => {
      if (typeof v === 'string' && k !== '_csrf') data[k] = v;
    });
    Object.assign(data, extra);
    try {
      // getAttribute, not form.action: a field named "action" shadows the property.
      const res = await fetch(form.getAttribute('action') ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(data),
        credentials: 'same-origin',
      });
      const answer = (await res.json().catch(() => ({}))) as Answer;
      apply(answer);
      if (res.ok) {
        say(null);
        if (form === ballForm) {
          code.value = '';
          for (const f of wicket.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input:not([type=checkbox]), select')) f.value = '';
          for (const f of wicket.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) f.checked = false;
          showWicket(false);
        }
        root.dispatchEvent(new CustomEvent('scorer:recorded', { detail: answer, bubbles: true }));
      } else {
        say(answer.error?.message ?? `HTTP ${res.status}`, answer.error?.issues ?? []);
      }
    } catch {
      say(root.dataset.offline ?? 'The entry was not recorded: the server could not be reached.');
    } finally {
      busy = false;
      root.classList.remove('busy');
      focusNext();
      // Keys typed while the last entry was on its way.
      if (isCompleteEntry(code.value)) void send(ballForm);
    }
  };

  code.addEventListener('input', () => {
    showWicket(entryHasWicket(code.value));
    if (isCompleteEntry(code.value)) void send(ballForm);
  });
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      code.value = '';
      showWicket(false);
    }
  });

  root.addEventListener('submit', (e) => {
    const form = e.target as HTMLFormElement;
    if (!form.matches('[data-scorer-form]')) return;
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    const extra: Record<string, string> = {};
    if (submitter?.name === 'code') {
      // A quick W button opens the dismissal fields first.
      if (submitter.value === 'w' && !(wicket.querySelector<HTMLSelectElement>('[name=wicketKind]')?.value)) {
        code.value = 'w';
        showWicket(true);
        wicket.querySelector<HTMLSelectElement>('[name=wicketKind]')?.focus();
        return;
      }
      extra.code = submitter.value;
      extra.typed = '';
    }
    void send(form, extra);
  });

  root.addEventListener('click', (e) => {
    const swap = (e.target as HTMLElement).closest('[data-swap]');
    if (!swap) return;
    const s = root.querySelector<HTMLInputElement>('[name=striker]');
    const n = root.querySelector<HTMLInputElement>('[name=nonStriker]');
    if (s && n) {
      const striker = s.value;
      s.value = n.value;
      n.value = striker;
    }
    code.focus();
  });

  // Enter in a crease box confirms the choice and returns to the code box, without sending a ball.
  root.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.key === 'Enter' && t instanceof HTMLInputElement && t.matches('[data-crease]')) {
      e.preventDefault();
      t.removeAttribute('data-needs');
      t.closest('label')?.classList.remove('needs');
      focusNext();
    }
  });

  focusNext();
}
