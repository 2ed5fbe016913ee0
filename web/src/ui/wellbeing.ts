/** The rules behind the wellbeing settings, free of UI so they can be tested alone. */

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `now` (local time) falls within quiet hours, which may span midnight (22:00–07:00). */
export function inQuietHours(now: Date, start: string | null, end: string | null): boolean {
  if (!start || !end || start === end) return false;
  const at = now.getHours() * 60 + now.getMinutes();
  const from = minutes(start);
  const to = minutes(end);
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** Deliveries of batched notifications, local time: three a day. */
export const BATCH_TIMES = ["08:00", "13:00", "19:00"];

/** The latest delivery at or before `now`: notifications after it wait for the next one. */
export function lastDelivery(now: Date): Date {
  const at = now.getHours() * 60 + now.getMinutes();
  const past = BATCH_TIMES.map(minutes).filter((m) => m <= at);
  const day = new Date(now);
  day.setSeconds(0, 0);
  if (past.length === 0) {
    day.setDate(day.getDate() - 1);
    day.setHours(19, 0);
    return day;
  }
  const last = past.at(-1)!;
  day.setHours(Math.floor(last / 60), last % 60);
  return day;
}

// Words that make a reply land hard, in the app's languages. A prompt, never a block: the
// person decides; the list only decides when to ask.
const HARSH = /\b(idiot|idiota|idiots|stupid|estúpid[oa]s?|stupids?|moron|imbécil|imbecil|imbecile|shut up|cállate|cala-te|calla|loser|dumb|burr[oa]|ridícul[oa]|ridicul|pathetic|patétic[oa]|patètic|hate you|te odio|odeio|t'odio|trash|basura|lixo|escòria|garbage|idiotes)\b/iu;

/** True when a reply's words are likely to be read as harsh. */
export function soundsHarsh(text: string): boolean {
  return HARSH.test(text);
}

/** The links of a post that lead off this server's own mentions and hashtags (what a boost would spread). */
export function externalLinks(contentHtml: string): string[] {
  const doc = new DOMParser().parseFromString(contentHtml, "text/html");
  return [...doc.querySelectorAll("a[href]")]
    .filter((a) => !a.classList.contains("mention") && !a.classList.contains("hashtag") && !a.closest(".h-card"))
    .map((a) => a.getAttribute("href")!);
}
