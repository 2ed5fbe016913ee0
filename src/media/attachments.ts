import type { AppContext } from "../context.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { enqueue, PermanentJobError } from "../jobs/queue.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { checkImage, processImage } from "./images.ts";
import { discardFiles } from "./profile-images.ts";

export const MEDIA_PROCESS_JOB = "media.process";
const uploadKey = (id: string) => `media_attachments/${id}/upload`;

export interface MediaInput {
  file: Buffer;
  description: string | null;
  focus: { x: number; y: number };
}

/** Stores an upload and processes it now (`sync`) or in the queue; returns the attachment id. */
export async function createMedia(ctx: AppContext, accountId: string, input: MediaInput, sync: boolean): Promise<string> {
  if (input.file.length === 0) throw unprocessable("File is empty");
  const [row] = await ctx.sql<{ id: string }[]>`select stoa_id() as id`;
  const id = row!.id;
  if (sync) {
    const processed = await processImage(input.file);
    await ctx.sql`insert into media_attachments (id, account_id, type, state, description, focus_x, focus_y)
      values (${id}, ${accountId}, 'image', 'processing', ${input.description}, ${input.focus.x}, ${input.focus.y})`;
    await storeProcessed(ctx, id, processed);
    return id;
  }
  await checkImage(input.file);
  await ctx.storage.put(uploadKey(id), input.file);
  await ctx.sql.begin(async (tx) => {
    await tx`insert into media_attachments (id, account_id, type, state, description, focus_x, focus_y, original_key)
      values (${id}, ${accountId}, 'image', 'processing', ${input.description}, ${input.focus.x}, ${input.focus.y}, ${uploadKey(id)})`;
    await enqueue(tx, MEDIA_PROCESS_JOB, { mediaId: id });
  });
  return id;
}

async function storeProcessed(ctx: AppContext, id: string, p: Awaited<ReturnType<typeof processImage>>) {
  const fileKey = `media_attachments/${id}/original.webp`;
  const thumbnailKey = `media_attachments/${id}/small.webp`;
  await ctx.storage.put(fileKey, p.file);
  await ctx.storage.put(thumbnailKey, p.thumbnail);
  await ctx.sql`update media_attachments set state = 'ready', file_key = ${fileKey}, thumbnail_key = ${thumbnailKey},
    content_type = 'image/webp', file_size = ${p.file.length}, blurhash = ${p.blurhash}, meta = ${ctx.sql.json(p.meta as never)},
    original_key = null, updated_at = now() where id = ${id}`;
}

/** Updates alt text and focus point of the account's own media, before it is attached. */
export async function updateMedia(ctx: AppContext, accountId: string, id: string, changes: { description?: string | null; focus?: { x: number; y: number } }) {
  const rows = await ctx.sql`
    update media_attachments set
      description = ${changes.description === undefined ? ctx.sql`description` : changes.description},
      focus_x = ${changes.focus?.x ?? ctx.sql`focus_x`}, focus_y = ${changes.focus?.y ?? ctx.sql`focus_y`}, updated_at = now()
    where id = ${id} and account_id = ${accountId} and status_id is null returning id`;
  if (rows.length === 0) throw notFound();
}

/**
 * Deletes the account's own media that no status (published or scheduled) uses, with its
 * files. Used media answers 422, as Mastodon does; another account's media is not found.
 */
export async function deleteMedia(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const files = await ctx.sql.begin(async (tx) => {
    const [row] = await tx<{ statusId: string | null; scheduled: boolean; fileKey: string | null; thumbnailKey: string | null; originalKey: string | null }[]>`
      select status_id, file_key, thumbnail_key, original_key,
        exists (select 1 from scheduled_statuses s where ${id}::bigint = any(s.media_ids)) as scheduled
      from media_attachments where id = ${id} and account_id = ${accountId} for update`;
    if (!row) throw notFound();
    if (row.statusId || row.scheduled) throw unprocessable("Media attachment is currently used by a status");
    await tx`delete from media_attachments where id = ${id}`;
    return [row.fileKey, row.thumbnailKey, row.originalKey];
  });
  await discardFiles(ctx, files);
}

/** The media domain's background work: processing uploads. */
export function mediaJobs(ctx: AppContext): DomainJobs {
  return {
    name: "media",
    jobs: {
      [MEDIA_PROCESS_JOB]: async ({ mediaId }: { mediaId: string }) => {
        const [row] = await ctx.sql<{ originalKey: string | null }[]>`select original_key from media_attachments where id = ${mediaId} and state = 'processing'`;
        if (!row?.originalKey) return;
        const upload = await ctx.storage.get(row.originalKey);
        if (!upload) throw new PermanentJobError(`upload of media ${mediaId} is missing`);
        try {
          await storeProcessed(ctx, mediaId, await processImage(upload));
        } catch (error) {
          await ctx.sql`update media_attachments set state = 'failed', updated_at = now() where id = ${mediaId}`;
          throw new PermanentJobError(`media ${mediaId} could not be processed: ${String(error)}`);
        } finally {
          await ctx.storage.delete(row.originalKey);
        }
      },
    },
  };
}
