import { useEffect, useState } from "preact/hooks";
import { relativeTime, useI18n } from "../i18n/i18n.tsx";

/** A `<time>` that reads "5 minutes ago" and shows the full date on hover; refreshed each minute. */
export function RelativeTime({ iso }: { iso: string }) {
  const { locale } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(iso);
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(date);
  return <time dateTime={iso} title={full}>{relativeTime(date, locale, now)}</time>;
}
