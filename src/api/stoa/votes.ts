import { Hono } from "hono";
import { z } from "zod";
import type { Context } from "hono";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { requireAuthor, requireProposal, type Proposal } from "../../governance/proposals/proposals.ts";
import { ballotByReceipt, castVote, publicBallotOf } from "../../governance/ballots/cast.ts";
import { resolveForProposal } from "../../governance/delegation/delegations.ts";
import { readParams, validate } from "../http/params.ts";
import { authed, optionalViewerId, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";

/** Casting and checking ballots, results, ballot files, and where a vote goes. */
export function voteRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function proposalOf(c: Context<Env>): Promise<Proposal> {
    const id = c.req.param("id")!;
    if (!isId(id)) throw notFound();
    const proposal = await requireProposal(sql, id);
    if (proposal.state === "draft") {
      const me = optionalViewerId(c);
      if (!me) throw notFound("Proposal not found");
      await requireAuthor(sql, id, me).catch(() => {
        throw notFound("Proposal not found");
      });
    }
    return proposal;
  }
  function requireClosed(proposal: Proposal): void {
    if (proposal.state !== "closed") throw unprocessable("The vote is not closed yet");
  }

  app.post("/api/stoa/v1/proposals/:id/ballot", authed(ctx, "write"), async (c) => {
    const proposal = await proposalOf(c);
    const p = validate(z.object({ ballot: z.unknown(), receipt: z.string().max(200).optional() }), await readParams(c));
    const receipt = await castVote(ctx, proposal.id, viewerId(c), p.ballot, p.receipt ?? null);
    return c.json({ receipt: receipt.receipt, receipt_hash: receipt.receiptHash });
  });
  app.get("/api/stoa/v1/proposals/:id/ballot", authed(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    const me = viewerId(c);
    const [voted] = await sql`select 1 from gov_voters where proposal_id = ${proposal.id} and account_id = ${me}`;
    return c.json({ voted: voted !== undefined, ballot: proposal.secret ? null : await publicBallotOf(sql, proposal.id, me) });
  });

  app.get("/api/stoa/v1/proposals/:id/ballots", scopeIfToken(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    if (proposal.secret) throw forbidden("Ballots of this vote are secret");
    const page = pageParams(c.req.query(), 40, 80);
    const rows = await sql<{ id: string; voterId: string; ballot: string; castAt: Date }[]>`
      select id, voter_id, ballot::text as ballot, cast_at from gov_ballots where proposal_id = ${proposal.id} ${pageFilter(sql, page, "id")}
      ${pageOrder(sql, page, "id")} limit ${page.limit}`;
    const list = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, list.map((r) => r.id));
    return c.json(list.map((r) => ({ id: r.id, account_id: r.voterId, ballot: JSON.parse(r.ballot), cast_at: r.castAt.toISOString() })));
  });
  app.get("/api/stoa/v1/proposals/:id/receipts/:hash", scopeIfToken(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    const hash = c.req.param("hash");
    if (!/^[0-9a-f]{64}$/.test(hash)) throw notFound();
    const found = await ballotByReceipt(sql, proposal.id, hash);
    return c.json({ receipt_hash: hash, ballot: found.ballot, cast_at: found.castAt.toISOString(), counted: proposal.state === "closed" });
  });

  app.get("/api/stoa/v1/proposals/:id/result", scopeIfToken(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    requireClosed(proposal);
    return c.json(proposal.result);
  });
  app.get("/api/stoa/v1/proposals/:id/ballot_file", scopeIfToken(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    requireClosed(proposal);
    const [row] = await sql<{ file: string }[]>`select ballot_file::text as file from gov_proposals where id = ${proposal.id}`;
    c.header("Content-Disposition", `attachment; filename="proposal-${proposal.id}-ballots.json"`);
    return c.body(row!.file, 200, { "Content-Type": "application/json" });
  });

  // "Where does my vote go": resolved now against the ballots and delegations as they stand.
  app.get("/api/stoa/v1/proposals/:id/my_vote", authed(ctx, "read"), async (c) => {
    const proposal = await proposalOf(c);
    const me = viewerId(c);
    if (proposal.participation !== "liquid") throw unprocessable("This vote has no delegation");
    const vote = (await resolveForProposal(sql, proposal)).chainOf(me);
    if (!vote) return c.json({ eligible: false, status: null, chain: [], cast_by: null, scope_id: null, weight: 0, ballot: null });
    const ballot = vote.castBy ? await publicBallotOf(sql, proposal.id, vote.castBy) : null;
    return c.json({
      eligible: true, status: vote.status, chain: vote.chain, cast_by: vote.castBy,
      scope_id: vote.scope === "global" ? null : vote.scope, weight: vote.weight, ballot,
    });
  });
  return app;
}
