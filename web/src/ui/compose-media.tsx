import { useState } from "preact/hooks";
import type { MediaAttachment } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../session.tsx";

const MAX_MEDIA = 4;
/** Mastodon's limit on descriptions; the editor counts toward it. */
export const DESCRIPTION_LIMIT = 1500;

export interface ComposeMediaProps {
  media: MediaAttachment[];
  onChange(media: MediaAttachment[]): void;
  disabled: boolean;
}

/** Attaching images and describing each one: the description editor sits beside its preview. */
export function ComposeMedia({ media, onChange, disabled }: ComposeMediaProps) {
  const { t } = useI18n();
  const { client } = useSession();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    setProblem(null);
    let next = media;
    for (const file of [...files].slice(0, MAX_MEDIA - media.length)) {
      const form = new FormData();
      form.append("file", file);
      try {
        next = [...next, await client.upload<MediaAttachment>("/api/v2/media", form)];
        onChange(next);
      } catch (error) {
        setProblem(t("compose.uploadFailed", { name: file.name, reason: error instanceof Error ? error.message : String(error) }));
      }
    }
    setUploading(false);
  };

  const describe = (id: string, description: string) => onChange(media.map((m) => (m.id === id ? { ...m, description } : m)));

  return (
    <div class="compose-media">
      {media.map((m, index) => (
        <div key={m.id} class="media-item">
          {m.preview_url || m.url ? <img src={m.preview_url ?? m.url} alt="" width={96} height={96} /> : null}
          <label class="field">
            <span>{t("compose.describe", { number: index + 1 })}</span>
            <textarea rows={2} maxLength={DESCRIPTION_LIMIT} value={m.description ?? ""} onInput={(e) => describe(m.id, e.currentTarget.value)} />
          </label>
          <button type="button" class="quiet" onClick={() => onChange(media.filter((x) => x.id !== m.id))}>{t("compose.removeMedia", { number: index + 1 })}</button>
        </div>
      ))}
      {media.length < MAX_MEDIA && (
        <label class="file-button">
          <span>{uploading ? t("compose.uploading") : t("compose.addMedia")}</span>
          <input type="file" accept="image/jpeg,image/png,image/gif,image/webp,image/avif" multiple disabled={disabled || uploading}
            onChange={(e) => { void onFiles(e.currentTarget.files); e.currentTarget.value = ""; }} />
        </label>
      )}
      {problem && <p class="error" role="alert">{problem}</p>}
    </div>
  );
}
