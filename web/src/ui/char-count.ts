/**
 * Counts a post's length as Mastodon does: every URL counts as a fixed number of characters
 * (23 by default), a mention of a remote account counts only its local part, and characters
 * are user-perceived (grapheme clusters), so an emoji family counts once.
 */
const URL_PATTERN = /https?:\/\/[^\s<>"]+/giu;
const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

function graphemes(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) count++;
  return count;
}

/** The length Mastodon's limit applies to. */
export function countCharacters(text: string, charactersPerUrl = 23): number {
  const placeholder = "x".repeat(charactersPerUrl);
  const counted = text.replace(URL_PATTERN, placeholder).replace(REMOTE_MENTION, (_m, before: string, user: string) => `${before}@${user}`);
  return graphemes(counted);
}
