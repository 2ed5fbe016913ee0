/** The `next` (older) and `prev` (newer) page URLs of a Mastodon `Link` header. */
export interface PageLinks {
  next: string | null;
  prev: string | null;
}

/** Parses an RFC 8288 `Link` header as Mastodon sends it for paginated lists. */
export function parseLinkHeader(header: string | null): PageLinks {
  const links: PageLinks = { next: null, prev: null };
  if (!header) return links;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;\s*rel="?([a-z]+)"?/i.exec(part.trim());
    if (!match) continue;
    const [, url, rel] = match;
    if (rel === "next") links.next = url ?? null;
    if (rel === "prev") links.prev = url ?? null;
  }
  return links;
}
