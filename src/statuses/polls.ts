import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import type { DomainJobs } from "../jobs/handlers.ts";
import { enqueue } from "../jobs/queue.ts";
import { notFound, unprocessable } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { visibleStatusFilter } from "./visibility.ts";

export const POLL_LIMITS = { maxOptions: 4, maxOptionChars: 50, minExpiration: 300, maxExpiration: 2_629_746 };
export const POLL_EXPIRED_JOB = "polls.expired";

export interface NewPoll {
  options: string[];
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

/** Checks a poll before anything is written. */
export function checkPoll(poll: NewPoll): void {
  const options = poll.options.map((o) => o.trim());
  if (options.length < 2 || options.length > POLL_LIMITS.maxOptions) throw unprocessable(`Poll must have 2 to ${POLL_LIMITS.maxOptions} options`);
  if (options.some((o) => o === "" || [...o].length > POLL_LIMITS.maxOptionChars)) throw unprocessable(`Poll options must be 1 to ${POLL_LIMITS.maxOptionChars} characters`);
  if (new Set(options).size !== options.length) throw unprocessable("Poll options must be different");
  if (poll.expiresIn < POLL_LIMITS.minExpiration || poll.expiresIn > POLL_LIMITS.maxExpiration) throw unprocessable("Poll duration is out of range");
}

/** Creates the poll of a new status, in its transaction, and schedules the end-of-poll notifications. */
export async function createPoll(tx: Tx, accountId: string, statusId: string, poll: NewPoll): Promise<void> {
  const options = poll.options.map((o) => o.trim());
  const [row] = await tx<{ id: string; expiresAt: Date }[]>`
    insert into polls (status_id, account_id, options, votes, multiple, hide_totals, expires_at)
    values (${statusId}, ${accountId}, ${options}, ${options.map(() => 0)}, ${poll.multiple}, ${poll.hideTotals},
            now() + make_interval(secs => ${poll.expiresIn}))
    returning id, expires_at`;
  await tx`update statuses set poll_id = ${row!.id} where id = ${statusId}`;
  await enqueue(tx, POLL_EXPIRED_JOB, { pollId: row!.id }, { runAt: row!.expiresAt });
}

/** Records the viewer's vote (once; several choices only on multiple-choice polls). */
export async function vote(ctx: AppContext, accountId: string, pollId: string, choices: number[]): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [poll] = await tx<{ accountId: string; options: string[]; multiple: boolean; expired: boolean }[]>`
      select p.account_id, p.options, p.multiple, (p.expires_at <= now()) as expired
      from polls p join statuses s on s.id = p.status_id
      where p.id = ${pollId} and ${visibleStatusFilter(tx, accountId)} for update of p`;
    if (!poll) throw notFound();
    if (poll.expired) throw unprocessable("The poll has already ended");
    if (poll.accountId === accountId) throw unprocessable("You can't vote in your own poll");
    const unique = [...new Set(choices)];
    if (unique.length === 0 || unique.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) throw unprocessable("Choices are invalid");
    if (!poll.multiple && unique.length > 1) throw unprocessable("This poll takes one choice");
    const [voted] = await tx`select 1 from poll_votes where poll_id = ${pollId} and account_id = ${accountId} limit 1`;
    if (voted) throw unprocessable("You have already voted on this poll");
    for (const choice of unique) await tx`insert into poll_votes (poll_id, account_id, choice) values (${pollId}, ${accountId}, ${choice})`;
    await tx`
      update polls set votes = (select array_agg((select count(*) from poll_votes v where v.poll_id = ${pollId} and v.choice = i - 1)::int order by i)
                                from generate_subscripts(polls.options, 1) i),
        votes_count = votes_count + ${unique.length}, voters_count = voters_count + 1, updated_at = now()
      where id = ${pollId}`;
    await ctx.events.emit(tx, "poll.voted", { pollId, accountId });
  });
}

/** When a poll ends, its voters and author are told. */
export function pollJobs(ctx: AppContext): DomainJobs {
  return {
    name: "polls",
    jobs: {
      [POLL_EXPIRED_JOB]: async ({ pollId }: { pollId: string }) => {
        await ctx.sql.begin(async (tx) => {
          const [poll] = await tx<{ accountId: string; statusId: string }[]>`select account_id, status_id from polls where id = ${pollId}`;
          if (!poll) return;
          const voters = await tx<{ accountId: string }[]>`select distinct account_id from poll_votes where poll_id = ${pollId}`;
          for (const v of voters) await createNotification(tx, { accountId: v.accountId, fromAccountId: poll.accountId, type: "poll", statusId: poll.statusId });
          await createNotification(tx, { accountId: poll.accountId, fromAccountId: poll.accountId, type: "poll", statusId: poll.statusId, allowSelf: true });
        });
      },
    },
  };
}
