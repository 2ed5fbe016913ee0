import type { AppContext } from "../../../context.ts";
import { mediaUrl } from "./account.ts";

/** A `media_attachments` row as serializers read it. */
export interface MediaRow {
  id: string;
  type: string;
  state: string;
  fileKey: string | null;
  thumbnailKey: string | null;
  remoteUrl: string | null;
  description: string | null;
  focusX: number;
  focusY: number;
  blurhash: string | null;
  meta: Record<string, unknown>;
}

/** Mastodon's MediaAttachment entity. `url` is null while processing. */
export function serializeMedia(ctx: AppContext, m: MediaRow): Record<string, unknown> {
  const origin = ctx.config.origin;
  const url = m.fileKey ? mediaUrl(origin, m.fileKey) : m.state === "ready" ? m.remoteUrl : null;
  return {
    id: m.id,
    type: m.type,
    url,
    preview_url: m.thumbnailKey ? mediaUrl(origin, m.thumbnailKey) : url,
    remote_url: m.remoteUrl,
    text_url: null,
    preview_remote_url: null,
    meta: { ...m.meta, ...(m.type === "image" || m.type === "video" || m.type === "gifv" ? { focus: { x: m.focusX, y: m.focusY } } : {}) },
    description: m.description,
    blurhash: m.blurhash,
  };
}
