import type { AppContext } from "../context.ts";
import type { JobHandler } from "./queue.ts";
import { timelineJobs } from "../timelines/jobs.ts";
import { notificationJobs } from "../notifications/stream.ts";
import { mediaJobs } from "../media/attachments.ts";
import { pollJobs } from "../statuses/polls.ts";
import { conversationJobs } from "../statuses/conversations.ts";
import { scheduledJobs } from "../statuses/scheduled.ts";
import { moderationJobs } from "../moderation/jobs.ts";
import { governanceJobs } from "../governance/jobs.ts";
import { trendJobs } from "../trends/refresh.ts";
import { federationJobs } from "../federation/jobs.ts";

/** A domain's background work: its own job kinds, and the domain events it reacts to. */
export interface DomainJobs {
  /** The subscriber name used in event job kinds (`timelines:status.created`). */
  name: string;
  jobs?: Record<string, JobHandler>;
  on?: Record<string, JobHandler>;
}

/** Each domain that does background work contributes here (one entry per domain). */
const domains: ((ctx: AppContext) => DomainJobs)[] = [
  timelineJobs,
  notificationJobs,
  mediaJobs,
  pollJobs,
  conversationJobs,
  scheduledJobs,
  moderationJobs,
  governanceJobs,
  trendJobs,
  federationJobs,
];

/** Registers every domain's job handlers and event subscriptions on the context. */
export function registerJobHandlers(ctx: AppContext): void {
  for (const domainOf of domains) {
    const domain = domainOf(ctx);
    for (const [kind, handler] of Object.entries(domain.jobs ?? {})) ctx.jobs.handle(kind, handler);
    for (const [event, handler] of Object.entries(domain.on ?? {})) ctx.events.on(event, domain.name, handler);
  }
}
