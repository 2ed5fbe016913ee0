import { createExponentialBackoffPolicy, createFederation, type Federation } from "@fedify/fedify";
import type { AppContext } from "../context.ts";
import { createDocumentLoader } from "./document-loader.ts";
import { PostgresKvStore } from "./kv-store.ts";
import { JobMessageQueue } from "./message-queue.ts";
import { fetchPolicy } from "./safe-fetch.ts";
import { registerActors } from "./actors.ts";
import { registerNodeInfo } from "./nodeinfo.ts";
import { registerInbox } from "./inbox.ts";
import { registerNotes } from "./statuses-out.ts";
import { registerCollections } from "./collections.ts";

/** The Fedify federation of one instance, with the queue it runs on. */
export interface StoaFederation {
  readonly federation: Federation<AppContext>;
  readonly queue: JobMessageQueue;
}

const federations = new WeakMap<AppContext, StoaFederation>();

/**
 * The federation of `ctx`, built on first use and kept for the context's lifetime (one per
 * instance, no module-level singleton): the HTTP bridge and the job handlers share it.
 */
export function federationOf(ctx: AppContext): StoaFederation {
  let built = federations.get(ctx);
  if (!built) {
    built = buildFederation(ctx);
    federations.set(ctx, built);
  }
  return built;
}

function buildFederation(ctx: AppContext): StoaFederation {
  const policy = fetchPolicy({ allowPrivateAddresses: ctx.config.allowPrivateAddresses });
  const userAgent = `Stoa/0.1.0 (+${ctx.config.origin}/)`;
  const queue = new JobMessageQueue(ctx.sql, () => void federation.startQueue(ctx));
  const federation = createFederation<AppContext>({
    kv: new PostgresKvStore(ctx.sql),
    queue,
    manuallyStartQueue: true,
    origin: ctx.config.origin,
    // Our loaders carry the address policy and the user agent (Fedify refuses both options
    // alongside custom loaders).
    documentLoaderFactory: () => createDocumentLoader(policy, { "user-agent": userAgent }),
    contextLoaderFactory: () => createDocumentLoader(policy, { "user-agent": userAgent }),
    authenticatedDocumentLoaderFactory: (identity) => createDocumentLoader(policy, { "user-agent": userAgent }, identity),
    // Mastodon's patience: about 16 attempts over about 2.5 days; 404/410 are final at once.
    outboxRetryPolicy: createExponentialBackoffPolicy({
      maxAttempts: 16,
      initialDelay: { seconds: 30 },
      maxDelay: { hours: 7 },
      factor: 2.2,
    }),
    permanentFailureStatusCodes: [404, 410],
  });
  registerActors(federation);
  registerNodeInfo(federation);
  registerInbox(federation, policy);
  registerNotes(federation);
  registerCollections(federation);
  return { federation, queue };
}
