import type { KeyValueStorage } from "../auth/sessions.ts";
import type { MediaAttachment, Visibility } from "../api/types.ts";

/** A poll being written: its choices, how long it runs, one answer or several. */
export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

/** Everything compose holds, kept so that a crash or a closed tab loses nothing. */
export interface Draft {
  text: string;
  warning: string | null;
  visibility: Visibility;
  language: string;
  media: MediaAttachment[];
  poll: PollDraft | null;
  inReplyToId: string | null;
  savedAt: string;
}

const PREFIX = "stoa.draft.v1:";

/** One draft per account (per instance), never shared between the people using this browser. */
export const draftKey = (sessionKey: string) => `${PREFIX}${sessionKey}`;

/** True when there is nothing in the draft worth keeping. */
export function isEmptyDraft(draft: Pick<Draft, "text" | "warning" | "media" | "poll">): boolean {
  return draft.text.trim() === "" && !(draft.warning ?? "").trim() && draft.media.length === 0
    && !(draft.poll?.options.some((o) => o.trim() !== ""));
}

/** Saves the draft, or forgets it when it is empty. A full storage is not worth failing compose over. */
export function saveDraft(storage: KeyValueStorage, sessionKey: string, draft: Draft): void {
  try {
    if (isEmptyDraft(draft)) storage.removeItem(draftKey(sessionKey));
    else storage.setItem(draftKey(sessionKey), JSON.stringify(draft));
  } catch {
    // Quota exceeded or storage disabled: the draft lives on in memory only.
  }
}

/** The saved draft of this account, or null (none, or damaged). */
export function readDraft(storage: KeyValueStorage, sessionKey: string): Draft | null {
  try {
    const draft = JSON.parse(storage.getItem(draftKey(sessionKey)) ?? "null") as Draft | null;
    if (!draft || typeof draft.text !== "string" || !Array.isArray(draft.media)) return null;
    return draft;
  } catch {
    return null;
  }
}

export function clearDraft(storage: KeyValueStorage, sessionKey: string): void {
  storage.removeItem(draftKey(sessionKey));
}
