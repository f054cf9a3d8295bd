import { sql, type RawBuilder } from 'kysely';
import type { WindowFilter } from './port.js';

/**
 * The conditions on `search_docs as d` that both engines share: who may see a story (readers: published
 * only; a reporter: published and their own), desk and author. Each engine adds its own date range
 * (`range`), since FTS5 reads it from its rowid and PostgreSQL from the sort key.
 */
export function windowFilterSql(f: WindowFilter, range: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql``];
  if (f.publicOnly) parts.push(sql`and d.public = 1`);
  else if (f.unpublishedOf !== undefined) {
    const p = f.unpublishedOf;
    parts.push(sql`and (d.public = 1 or d.article_id in (select id from articles where created_by = ${p}) or d.article_id in (select article_id from article_authors where person_id = ${p}))`);
  }
  if (f.deskId !== undefined) parts.push(sql`and d.desk_id = ${f.deskId}`);
  if (f.authorId !== undefined) parts.push(sql`and d.article_id in (select article_id from article_authors where person_id = ${f.authorId})`);
  return sql.join([...parts, ...range], sql` `);
}
