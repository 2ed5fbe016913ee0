import type { AppContext } from "../../../context.ts";
import type { AnnouncementRow } from "../../../announcements/announcements.ts";
import { findCustomEmojis } from "../../../emojis/custom-emojis.ts";
import { attachEmojis } from "./emoji.ts";

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Mastodon's Announcement entities, with reactions' custom emoji images and the emojis of the content. */
export async function serializeAnnouncements(ctx: AppContext, rows: readonly AnnouncementRow[]): Promise<Record<string, unknown>[]> {
  const custom = await findCustomEmojis(ctx.sql, new Set(rows.flatMap((r) => r.reactions.map((x) => x.name))));
  return attachEmojis(ctx, rows.map((r) => ({
    id: r.id,
    content: r.content,
    starts_at: iso(r.startsAt),
    ends_at: iso(r.endsAt),
    all_day: r.allDay,
    published: true,
    published_at: iso(r.publishedAt),
    updated_at: iso(r.updatedAt),
    read: r.read,
    mentions: [],
    statuses: [],
    tags: [],
    emojis: [],
    reactions: r.reactions.map((x) => {
      const emoji = custom.get(x.name);
      return { name: x.name, count: x.count, me: x.me, ...(emoji ? { url: emoji.imageUrl, static_url: emoji.staticUrl } : {}) };
    }),
  })));
}
