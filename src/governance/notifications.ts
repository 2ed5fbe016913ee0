/**
 * Governance notifications: a new proposal in my scopes, a vote opening in them, the result of
 * a vote I took part in (or authored), and my delegate's vote. They are Stoa's `governance`
 * notifications, whose status is the proposal's thread root, so any Mastodon app can open it;
 * gov_notification_events says which event and proposal each one is about.
 */
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/database.ts";
import { createNotification } from "../notifications/notify.ts";
import { requireProposal, type Proposal } from "./proposals/proposals.ts";
import { delegationScopePath } from "./delegation/delegations.ts";

type GovernanceEvent = "proposal" | "vote_opened" | "vote_closed" | "delegate_voted";

async function notifyAll(tx: Tx, recipients: string[], from: string, proposal: Proposal, event: GovernanceEvent): Promise<void> {
  for (const accountId of new Set(recipients)) {
    const id = await createNotification(tx, { accountId, fromAccountId: from, type: "governance", statusId: proposal.threadStatusId, allowSelf: event === "vote_closed" });
    if (id) await tx`insert into gov_notification_events (notification_id, event, proposal_id) values (${id}, ${event}, ${proposal.id})`;
  }
}

/** Accounts whose home scopes lie in the proposal's scope (a functional scope reaches those who declared it or an area below). */
async function inScope(tx: Tx, proposal: Proposal): Promise<string[]> {
  const rows = await tx<{ accountId: string }[]>`
    with recursive down as (
      select id from gov_scopes where id = ${proposal.scopeId}
      union all select s.id from gov_scopes s join down on s.parent_id = down.id)
    select distinct account_id from gov_home_scopes where scope_id in (select id from down)`;
  return rows.map((r) => r.accountId);
}

/** Event handlers of the governance notifications (idempotent per event: a retried job re-reads state). */
export function governanceNotificationHandlers(ctx: AppContext) {
  const withProposal = (event: GovernanceEvent, recipients: (tx: Tx, p: Proposal, payload: { accountId?: string }) => Promise<{ to: string[]; from: string }>) =>
    async (payload: { proposalId: string; accountId?: string }) => {
      await ctx.sql.begin(async (tx) => {
        const proposal = await requireProposal(tx, payload.proposalId);
        // Each proposal event notifies once (a retried job finds its rows); a delegate may vote several times.
        if (event !== "delegate_voted") {
          const [done] = await tx`select 1 from gov_notification_events where proposal_id = ${proposal.id} and event = ${event} limit 1`;
          if (done) return;
        }
        const { to, from } = await recipients(tx, proposal, payload);
        await notifyAll(tx, to, from, proposal, event);
      });
    };
  return {
    "governance.proposal.deliberation": withProposal("proposal", async (tx, p) => ({ to: await inScope(tx, p), from: p.authorId })),
    "governance.vote.opened": withProposal("vote_opened", async (tx, p) => ({ to: await inScope(tx, p), from: p.authorId })),
    "governance.vote.closed": withProposal("vote_closed", async (tx, p) => {
      const rows = await tx<{ accountId: string }[]>`
        select account_id from gov_voters where proposal_id = ${p.id} union select account_id from gov_proposal_authors where proposal_id = ${p.id}`;
      return { to: rows.map((r) => r.accountId), from: p.authorId };
    }),
    "governance.voted": withProposal("delegate_voted", async (tx, p, payload) => {
      const functional = (await delegationScopePath(tx, p)).slice(1);
      const rows = await tx<{ trusterId: string }[]>`
        select truster_id from gov_delegations where trustee_id = ${payload.accountId!} and (scope_id is null or scope_id = any(${functional}::bigint[]))`;
      return { to: rows.map((r) => r.trusterId), from: payload.accountId! };
    }),
  };
}
