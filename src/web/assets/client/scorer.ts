/**
 * The scorer's keyboard: focus stays in one box; a digit (or wd1, nb4, lb1, r3 …) is sent the moment it
 * is complete, anything else on Enter; w opens the dismissal fields. Each entry is one POST with the
 * x-csrf-token header and the seq the screen shows, so a second scorer's entry is never overwritten:
 * the server answers 409 with the latest state instead. Entries made while one is on its way wait in a
 * queue and go out in order, each once; a refused one stops the queue and comes back to the box. Without
 * this script the same forms work as plain HTML.
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
  const seqInput = ballForm.querySelector<HTMLInputElement>('[data-seq-input]')!;
  const waiting = root.querySelector<HTMLElement>('[data-queue]');
  const problems = document.getElementById('desk-problems');

  const panel = (name: string) => root.querySelector<HTMLElement>(`[data-panel="${name}"]`);
  const showWicket = (on: boolean) => {
    wicket.hidden = !on;
    wicket.classList.toggle('open', on);
  };
  showWicket(entryHasWicket(code.value));

  const say = (message: string | null, issues: { field: string; message: string }[] = [], more: string | null = null) => {
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
    if (more) {
      const p2 = document.createElement('p');
      p2.textContent = more;
      box.append(p2);
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

  /**
   * Entries go out one at a time, in the order they were made: a ball needs the seq (and the crease) the
   * server's answer to the ball before it brings. What the scorer chose is frozen when the entry is made,
   * so the box is free for the next ball at once; the crease and the seq are read just before sending.
   */
  interface Entry {
    action: string;
    ball: boolean;
    fields: Record<string, string>;
  }
  const queue: Entry[] = [];
  let busy = false;
  /** Set when the server refused an entry: the rest wait until the scorer sends again (or Esc drops them). */
  let stopped = false;
  /** What the scorer was typing when an entry came back refused; it returns to the box once that entry is sent again. */
  let draft: Record<string, string> | null = null;
  /** Read when the entry is sent, not when it is made; the crease only for a ball (an action form has its own "bowler"). */
  const SENT_FIELDS = new Set(['_csrf', 'expectedSeq']);
  const CREASE_FIELDS = new Set(['striker', 'nonStriker', 'bowler']);
  const WICKET_FIELDS = ['wicketKind', 'playerOut', 'fielder', 'substitute'];

  const labelOf = (e: Entry) => e.fields.code || e.fields.typed || e.fields.action || '';
  const showQueue = () => {
    if (!waiting) return;
    const codes = queue.slice(busy ? 1 : 0).map(labelOf);
    waiting.hidden = codes.length === 0;
    waiting.textContent = codes.length ? `${root.dataset.waiting ?? 'Waiting:'} ${codes.join(' · ')}` : '';
  };

  const ballFields = (): Record<string, string> => {
    const out: Record<string, string> = { typed: code.value };
    for (const name of WICKET_FIELDS) {
      const f = wicket.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (f instanceof HTMLInputElement && f.type === 'checkbox') out[name] = f.checked ? f.value : '';
      else if (f) out[name] = f.value;
    }
    return out;
  };
  /** Puts an entry's code and dismissal back into the form (or empties it, given `{}`). */
  const fillBall = (fields: Record<string, string>) => {
    code.value = fields.typed || fields.code || '';
    for (const name of WICKET_FIELDS) {
      const f = wicket.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (f instanceof HTMLInputElement && f.type === 'checkbox') f.checked = Boolean(fields[name]);
      else if (f) f.value = fields[name] ?? '';
    }
    showWicket(entryHasWicket(code.value));
  };

  const enqueue = (form: HTMLFormElement, extra: Record<string, string> = {}) => {
    const ball = form === ballForm;
    const fields: Record<string, string> = {};
    new FormData(form).forEach((v, k) => {
      if (typeof v === 'string' && !SENT_FIELDS.has(k) && !(ball && CREASE_FIELDS.has(k))) fields[k] = v;
    });
    if (ball) Object.assign(fields, ballFields());
    Object.assign(fields, extra);
    if (stopped && ball && !fields.typed && !fields.code) {
      // Enter on an empty box after a refused action: send what was waiting.
      stopped = false;
      say(null);
      void pump();
      return;
    }
    // getAttribute, not form.action: a field named "action" shadows the property.
    const entry: Entry = { action: form.getAttribute('action') ?? '', ball, fields };
    if (stopped) {
      // Sent after a refusal: it goes first (usually the refused entry, corrected), then the ones waiting.
      stopped = false;
      queue.unshift(entry);
      say(null);
    } else {
      queue.push(entry);
    }
    if (ball) {
      fillBall(draft ?? {});
      draft = null;
    }
    showQueue();
    void pump();
  };

  const pump = async () => {
    if (busy || stopped) return;
    const entry = queue[0];
    if (!entry) return showQueue();
    busy = true;
    root.classList.add('busy');
    showQueue();
    const data: Record<string, string> = { expectedSeq: seqInput.value };
    if (entry.ball) for (const input of ballForm.querySelectorAll<HTMLInputElement>('[data-crease]')) data[input.name] = input.value;
    Object.assign(data, entry.fields);
    let ok = false;
    try {
      const res = await fetch(entry.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(data),
        credentials: 'same-origin',
      });
      const answer = (await res.json().catch(() => ({}))) as Answer;
      apply(answer);
      ok = res.ok;
      if (ok) {
        say(null);
        root.dispatchEvent(new CustomEvent('scorer:recorded', { detail: answer, bubbles: true }));
      } else {
        refuse(entry, answer.error?.message ?? `HTTP ${res.status}`, answer.error?.issues ?? []);
      }
    } catch {
      refuse(entry, root.dataset.offline ?? 'The entry was not recorded: the server could not be reached.');
    } finally {
      if (ok) queue.shift();
      busy = false;
      root.classList.remove('busy');
      showQueue();
      focusNext();
      void pump();
    }
  };

  /**
   * Stops the queue at a refused entry. A ball goes back into the form to be corrected or sent again; the
   * entries after it wait, listed, and are sent after it. An action (a button) is simply not recorded.
   */
  const refuse = (entry: Entry, message: string, issues: { field: string; message: string }[] = []) => {
    queue.shift();
    stopped = queue.length > 0 || entry.ball;
    if (entry.ball) {
      if (code.value || draft) draft ??= ballFields();
      fillBall(entry.fields);
    }
    say(message, issues, queue.length ? root.dataset.held ?? 'The entries after it were not sent: press Enter to send them, Esc to drop them.' : null);
  };

  code.addEventListener('input', () => {
    showWicket(entryHasWicket(code.value));
    if (isCompleteEntry(code.value)) enqueue(ballForm);
  });
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      code.value = '';
      showWicket(false);
      if (stopped) {
        // Drops what was waiting after a refusal, the refused entry with it.
        stopped = false;
        queue.length = 0;
        draft = null;
        say(null);
        showQueue();
      }
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
    enqueue(form, extra);
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
