import type { Db } from "../db/database.ts";
import type { Page } from "./collections.ts";

/** A page of the user's blocked domains, newest first, with the row ids pages move by. */
export async function domainBlockPage(db: Db, accountId: string, page: Page): Promise<{ pageId: string; domain: string }[]> {
  const rows = await db<{ pageId: string; domain: string }[]>`
    select id as page_id, domain from account_domain_blocks
    where account_id = ${accountId}
      ${page.maxId ? db`and id < ${page.maxId}` : db``}
      ${page.sinceId ? db`and id > ${page.sinceId}` : db``}
      ${page.minId ? db`and id > ${page.minId}` : db``}
    order by id ${page.minId ? db`asc` : db`desc`}
    limit ${page.limit}`;
  return page.minId ? rows.reverse() : rows;
}
