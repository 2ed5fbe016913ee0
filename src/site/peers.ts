import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";

/** Remote domains this instance knows accounts on, leaving out those it suspended. */
export async function knownPeers(db: Db): Promise<string[]> {
  const rows = await db<{ domain: string }[]>`
    select distinct lower(a.domain) as domain from accounts a
    where a.domain is not null
      and not exists (select 1 from domain_blocks b where b.domain = lower(a.domain) and b.severity = 'suspend')
    order by 1`;
  return rows.map((r) => r.domain);
}

export interface PublicDomainBlock {
  domain: string;
  digest: string;
  severity: "silence" | "suspend";
  comment: string | null;
}

/**
 * The instance's domain blocks as the public sees them: obfuscated domains have their middle
 * masked (the digest still lets another admin check a domain they know), comments only when
 * `withComment`. Blocks that limit nothing (noop) are left out.
 */
export async function publicDomainBlocks(db: Db, withComment: boolean): Promise<PublicDomainBlock[]> {
  const rows = await db<{ domain: string; severity: "silence" | "suspend"; publicComment: string | null; obfuscate: boolean }[]>`
    select domain, severity, public_comment, obfuscate from domain_blocks where severity <> 'noop' order by domain`;
  return rows.map((r) => ({
    domain: r.obfuscate ? obfuscate(r.domain) : r.domain,
    digest: createHash("sha256").update(r.domain).digest("hex"),
    severity: r.severity,
    comment: withComment ? r.publicComment : null,
  }));
}

/** Masks the middle half of a domain's characters, keeping dots so its shape stays readable. */
function obfuscate(domain: string): string {
  const keep = Math.floor(domain.length / 4);
  return [...domain].map((ch, i) => (ch === "." || i <= keep || i >= domain.length - keep ? ch : "*")).join("");
}
