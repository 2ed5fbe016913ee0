import type { MediaAttachment } from "../api/types.ts";

/**
 * The alt-text reminder: which attached media still lack a description. Compose asks before
 * posting while this list is not empty (on by default; a setting will let people require it).
 */
export function missingDescriptions(media: Pick<MediaAttachment, "id" | "type" | "description">[]): string[] {
  return media.filter((m) => m.type !== "audio" && !(m.description ?? "").trim()).map((m) => m.id);
}
