/**
 * A writer process for the crash tests (not a test itself): saves stories through the real operation
 * (saveArticle) as fast as it can and prints one line per acknowledged save, only after the save resolved:
 *
 *   ACK C <id> <externalId> <version>    a new story
 *   ACK U <id> <externalId> <version>    an update (new headline, other tags, sometimes a new slug)
 *
 * The externalId `<prefix>-<n>-t<tags>-a<authors>` says how many tags and authors the story must have,
 * so a checker can tell a half-written story from a whole one without knowing what was acknowledged.
 *
 *   node --import tsx test/reliability/writer.ts (--sqlite FILE | --pg URL [--schema S]) --prefix P
 *     [--concurrency 2] [--count N] [--pause MS] [--updates 0.3]
 *
 * With --count it stops after N new stories and exits 0; otherwise it runs until killed.
 */
import { parseArgs } from '../../src/cli/args.js';
import { ensureDesk, ensurePerson, ensureTag, htmlToDoc, saveArticle, type ContentDeps } from '../../src/content/index.js';
import { createEventBus } from '../../src/shared/events.js';
import { systemClock } from '../../src/shared/clock.js';
import { openPostgres, openSqlite, type Store } from '../../src/storage/index.js';

const { flags } = parseArgs(process.argv.slice(2));
const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
const prefix = str('prefix') ?? 'w';
if (!/^[a-z0-9]+$/.test(prefix)) throw new Error('--prefix must be lowercase letters and digits');
const concurrency = Number(str('concurrency') ?? 2);
const count = str('count') !== undefined ? Number(str('count')) : Infinity;
const pauseMs = Number(str('pause') ?? 0);
const updateShare = Number(str('updates') ?? 0.3);

const schema = str('schema');
const store: Store = str('sqlite') ? openSqlite(str('sqlite')!) : openPostgres(str('pg')!, { ...(schema ? { schema } : {}), max: concurrency + 1 });
const deps: ContentDeps = { store, bus: createEventBus(), clock: systemClock };

/** Desks, tags and people shared by every writer; made once, tolerating another writer making them at the same time. */
async function basics() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.transaction(async (trx) => {
        const now = new Date().toISOString();
        const desk = await ensureDesk(trx, 'reliability', now, { nameEn: 'Reliability', datelineLabel: 'Reliability Desk' });
        const tags: number[] = [];
        for (let i = 1; i <= 6; i++) tags.push(await ensureTag(trx, `जाँच टैग ${i}`, now, `rel-tag-${i}`));
        const people: number[] = [];
        for (let i = 1; i <= 4; i++) people.push(await ensurePerson(trx, `जाँच लेखक ${i}`, now, { slug: `rel-author-${i}`, nameEn: `Check Author ${i}` }));
        return { desk, tags, people };
      });
    } catch (e) {
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

const pick = <T>(xs: T[], n: number): T[] => [...xs].sort(() => Math.random() - 0.5).slice(0, n);
const paragraphs = (n: number, seq: number) =>
  Array.from({ length: n }, (_, i) => `<p>अनुच्छेद ${i + 1}: कहानी ${seq} का पाठ, जो लिखे जाने के बीच प्रक्रिया रोक दिए जाने पर भी पूरा रहना चाहिए। The body is long enough to span several pages of the store.</p>`).join('');

const b = await basics();
process.stdout.write('READY\n');

let created = 0;
let failures = 0;
const mine: { id: number; seq: number; nt: number; na: number; version: number; busy: boolean }[] = [];

async function createOne(): Promise<void> {
  const seq = ++created;
  const nt = 1 + Math.floor(Math.random() * 4);
  const na = 1 + Math.floor(Math.random() * 3);
  const externalId = `${prefix}-${seq}-t${nt}-a${na}`;
  const r = await saveArticle(deps, {
    headline: `विश्वसनीयता जाँच ${prefix} #${seq} v1`,
    slug: `rel-${prefix}-${seq}`,
    summary: `कहानी ${seq} का सार।`,
    doc: htmlToDoc(paragraphs(8 + Math.floor(Math.random() * 20), seq)),
    deskId: b.desk,
    tagIds: pick(b.tags, nt),
    authorIds: pick(b.people, na),
    editorId: b.people[0]!,
    dateline: 'Reliability Desk',
    imageId: null,
    access: 'free',
    status: Math.random() < 0.9 ? 'published' : 'draft',
    lang: 'hi',
    externalId,
    correction: '',
  });
  process.stdout.write(`ACK C ${r.id} ${externalId} ${r.version}\n`);
  mine.push({ id: r.id, seq, nt, na, version: r.version, busy: false });
}

async function updateOne(): Promise<boolean> {
  const free = mine.filter((m) => !m.busy);
  const m = free[Math.floor(Math.random() * free.length)];
  if (!m) return false;
  m.busy = true;
  try {
    const version = m.version + 1;
    const externalId = `${prefix}-${m.seq}-t${m.nt}-a${m.na}`;
    const r = await saveArticle(
      deps,
      {
        headline: `विश्वसनीयता जाँच ${prefix} #${m.seq} v${version}`,
        slug: Math.random() < 0.3 ? `rel-${prefix}-${m.seq}-r${version}` : `rel-${prefix}-${m.seq}`,
        summary: `कहानी ${m.seq} का बदला हुआ सार (${version})।`,
        doc: htmlToDoc(paragraphs(8 + Math.floor(Math.random() * 20), m.seq)),
        deskId: b.desk,
        tagIds: pick(b.tags, m.nt),
        authorIds: pick(b.people, m.na),
        editorId: b.people[1]!,
        dateline: 'Reliability Desk',
        imageId: null,
        access: 'free',
        status: 'published',
        lang: 'hi',
        externalId,
        correction: '',
      },
      { id: m.id, expectedVersion: m.version },
    );
    m.version = r.version;
    process.stdout.write(`ACK U ${r.id} ${externalId} ${r.version}\n`);
    return true;
  } finally {
    m.busy = false;
  }
}

async function loop(): Promise<void> {
  while (created < count) {
    try {
      if (Math.random() < updateShare && (await updateOne())) {
        /* updated */
      } else await createOne();
    } catch (e) {
      failures++;
      process.stderr.write(`save failed: ${(e as Error).message}\n`);
      if (failures > 50) process.exit(3);
    }
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

await Promise.all(Array.from({ length: concurrency }, () => loop()));
await store.close();
process.stdout.write(`DONE ${created} ${failures}\n`);
process.exit(failures ? 3 : 0);
