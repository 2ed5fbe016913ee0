import { useState } from "preact/hooks";
import type { Status } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Link } from "../navigation.tsx";
import { profilePath, statusPath } from "../router.ts";
import { useSession } from "../session.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { StatusActions, openedLinks } from "./status-actions.tsx";

export interface StatusCardProps {
  status: Status;
  onReply?: (status: Status) => void;
}

/** One post: author, time, content warning, server-sanitized content, media and actions. */
export function StatusCard({ status: shown, onReply }: StatusCardProps) {
  const { t } = useI18n();
  const { session } = useSession();
  const status = shown.reblog ?? shown;
  const [revealed, setRevealed] = useState(false);
  const name = status.account.display_name || status.account.username;
  const headingId = `post-${shown.id}-author`;
  const hasWarning = status.spoiler_text.trim() !== "";
  return (
    <article class="status" data-post tabIndex={-1} aria-labelledby={headingId} lang={status.language ?? undefined}>
      {shown.reblog && (
        <p class="status-context">{t("status.boostedBy", { name: shown.account.display_name || shown.account.username })}</p>
      )}
      <header class="status-header">
        <img class="avatar" src={status.account.avatar_static || status.account.avatar} alt="" width={44} height={44} loading="lazy" />
        <div class="status-byline">
          <Link href={profilePath(status.account.acct)} class="status-author" id={headingId}>
            <span class="display-name">{name}</span> <span class="acct">@{status.account.acct}</span>
          </Link>
          <Link href={statusPath(status.account.acct, status.id)} class="status-time">
            <RelativeTime iso={status.created_at} />
          </Link>
        </div>
      </header>
      {hasWarning && (
        <div class="content-warning">
          <p><strong>{t("status.contentWarning")}:</strong> {status.spoiler_text}</p>
          <button type="button" class="quiet" aria-expanded={revealed} onClick={() => setRevealed(!revealed)}>
            {revealed ? t("status.showLess") : t("status.showMore")}
          </button>
        </div>
      )}
      {(!hasWarning || revealed) && (
        <>
          {/* The server sanitizes post HTML (and the CSP forbids inline scripts besides). */}
          <div class="status-content" dangerouslySetInnerHTML={{ __html: status.content }}
            onClick={(event) => { const link = (event.target as Element).closest("a[href]"); if (link) openedLinks.add(link.getAttribute("href")!); }} />
          {status.media_attachments.length > 0 && (
            <div class="status-media">
              {status.media_attachments.map((media) => (
                <a key={media.id} href={media.url} target="_blank" rel="noopener noreferrer">
                  <img src={media.preview_url ?? media.url} alt={media.description ?? ""} loading="lazy" />
                </a>
              ))}
            </div>
          )}
        </>
      )}
      {session && <StatusActions status={status} onReply={onReply} />}
    </article>
  );
}
