import { Hono } from "hono";
import { z } from "zod";
import type { Context } from "hono";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { forbidden, notFound } from "../../lib/errors.ts";
import {
  addCoAuthor, authorsOf, createProposal, editDraft, mayDiscuss, openVote, parseProposal, proposalColumns, requireAuthor,
  requireProposal, startDeliberation, withdrawProposal, type Proposal,
} from "../../governance/proposals/proposals.ts";
import { addUpdate, amendmentsOf, decideAmendment, proposeAmendment, updatesOf } from "../../governance/proposals/amendments.ts";
import { putAmendmentToVote } from "../../governance/proposals/amendment-votes.ts";
import { methodNames } from "../../governance/methods/registry.ts";
import { readParams, validate, zBool, zInt, zList } from "../http/params.ts";
import { authed, optionalViewerId, viewerId } from "../http/auth.ts";
import { scopeIfToken } from "../http/scope-if-token.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAmendment, serializeProposal, serializeUpdate } from "./entities.ts";

const zId = z.string().refine(isId, "is not a valid id");
const zSpheres = zList(z.enum(["inner", "outer", "ecosystem"])).refine((s) => s.length > 0, "must name at least one sphere");
const zConfig = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}, z.record(z.string(), z.unknown()));

const createSchema = z.object({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(50_000),
  scope_id: zId,
  body_id: zId.optional(),
  decision_type: z.string().regex(/^[a-z_]{1,64}$/, "must be a decision type").optional(),
  method: z.enum(methodNames as [string, ...string[]]),
  method_config: zConfig,
  participation: z.enum(["direct", "indirect", "liquid"]).default("direct"),
  discuss_spheres: zSpheres.default(["inner", "outer", "ecosystem"]),
  decide_spheres: zSpheres.default(["inner"]),
  secret: zBool.default(false),
  delegate_cap: zInt.pipe(z.number().min(1)).optional(),
});

/** Proposals through their life: draft, deliberation, amendments, vote, implementation. */
export function proposalRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const origin = ctx.config.origin;
  const show = async (p: Proposal) => serializeProposal(origin, p, await authorsOf(sql, p.id));

  /** A proposal the caller may see: drafts only to their authors. */
  async function visible(c: Context<Env>): Promise<Proposal> {
    const id = c.req.param("id")!;
    if (!isId(id)) throw notFound();
    const proposal = await requireProposal(sql, id);
    if (proposal.state === "draft") {
      const me = optionalViewerId(c);
      if (!me || !(await authorsOf(sql, id)).includes(me)) throw notFound("Proposal not found");
    }
    return proposal;
  }
  async function authored(c: Context<Env>): Promise<Proposal> {
    const proposal = await visible(c);
    await requireAuthor(sql, proposal.id, viewerId(c));
    return proposal;
  }

  app.get("/api/stoa/v1/proposals", scopeIfToken(ctx, "read"), async (c) => {
    const q = validate(z.object({ state: z.enum(["draft", "deliberation", "voting", "closed", "withdrawn"]).optional(), scope_id: zId.optional() }), c.req.query());
    const page = pageParams(c.req.query());
    const me = optionalViewerId(c);
    const rows = await sql<Parameters<typeof parseProposal>[0][]>`
      select ${proposalColumns(sql)} from gov_proposals p
      where (p.state <> 'draft' or exists (select 1 from gov_proposal_authors a where a.proposal_id = p.id and a.account_id = ${me ?? "0"}))
        ${q.state ? sql`and p.state = ${q.state}` : sql``} ${q.scope_id ? sql`and p.scope_id = ${q.scope_id}` : sql``}
        ${pageFilter(sql, page, "p.id")}
      ${pageOrder(sql, page, "p.id")} limit ${page.limit}`;
    const list = finishPage(rows, page).map(parseProposal);
    setLinkHeader(c, origin, list.map((p) => p.id));
    return c.json(await Promise.all(list.map(show)));
  });
  app.post("/api/stoa/v1/proposals", authed(ctx, "write"), async (c) => {
    const p = validate(createSchema, await readParams(c));
    const proposal = await sql.begin((tx) => createProposal(tx, viewerId(c), {
      scopeId: p.scope_id, bodyId: p.body_id ?? null, decisionType: p.decision_type ?? null, title: p.title, text: p.text, method: p.method, methodConfig: p.method_config,
      participation: p.participation, discussSpheres: p.discuss_spheres, decideSpheres: p.decide_spheres,
      secret: p.secret, delegateCap: p.delegate_cap ?? null,
    }));
    return c.json(await show(proposal));
  });
  app.get("/api/stoa/v1/proposals/:id", scopeIfToken(ctx, "read"), async (c) => c.json(await show(await visible(c))));
  app.put("/api/stoa/v1/proposals/:id", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    const p = validate(z.object({ title: createSchema.shape.title.optional(), text: createSchema.shape.text.optional(), method_config: zConfig.optional() }), await readParams(c));
    return c.json(await show(await editDraft(sql, proposal, { title: p.title, text: p.text, methodConfig: p.method_config })));
  });
  app.post("/api/stoa/v1/proposals/:id/authors", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    const p = validate(z.object({ account_id: zId }), await readParams(c));
    await addCoAuthor(sql, proposal, p.account_id);
    return c.json(await show(proposal));
  });
  app.post("/api/stoa/v1/proposals/:id/deliberation", authed(ctx, "write"), async (c) => c.json(await show(await startDeliberation(ctx, await authored(c)))));
  app.post("/api/stoa/v1/proposals/:id/vote", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    const p = validate(z.object({ opens_at: z.coerce.date().optional(), closes_at: z.coerce.date() }), await readParams(c));
    return c.json(await show(await openVote(ctx, proposal, p.opens_at ?? null, p.closes_at)));
  });
  app.post("/api/stoa/v1/proposals/:id/withdraw", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    await withdrawProposal(sql, proposal);
    return c.json(await show(await requireProposal(sql, proposal.id)));
  });

  app.get("/api/stoa/v1/proposals/:id/amendments", scopeIfToken(ctx, "read"), async (c) => c.json((await amendmentsOf(sql, (await visible(c)).id)).map(serializeAmendment)));
  app.post("/api/stoa/v1/proposals/:id/amendments", authed(ctx, "write"), async (c) => {
    const proposal = await visible(c);
    if (!(await mayDiscuss(sql, proposal, viewerId(c)))) throw forbidden("Your sphere does not take part in this deliberation");
    const p = validate(z.object({ text: createSchema.shape.text, reason: z.string().max(2000).default("") }), await readParams(c));
    return c.json(serializeAmendment(await proposeAmendment(sql, proposal, viewerId(c), p.text, p.reason)));
  });
  for (const [verb, accept] of [["accept", true], ["reject", false]] as const) {
    app.post(`/api/stoa/v1/proposals/:id/amendments/:amendment_id/${verb}`, authed(ctx, "write"), async (c) => {
      const proposal = await authored(c);
      if (!isId(c.req.param("amendment_id"))) throw notFound();
      return c.json(serializeAmendment(await sql.begin((tx) => decideAmendment(tx, proposal, c.req.param("amendment_id"), accept))));
    });
  }

  app.post("/api/stoa/v1/proposals/:id/amendments/:amendment_id/vote", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    if (!isId(c.req.param("amendment_id"))) throw notFound();
    const p = validate(z.object({ closes_at: z.coerce.date() }), await readParams(c));
    return c.json(serializeAmendment(await putAmendmentToVote(ctx, proposal, c.req.param("amendment_id"), p.closes_at)));
  });

  app.get("/api/stoa/v1/proposals/:id/updates", scopeIfToken(ctx, "read"), async (c) => c.json((await updatesOf(sql, (await visible(c)).id)).map(serializeUpdate)));
  app.post("/api/stoa/v1/proposals/:id/updates", authed(ctx, "write"), async (c) => {
    const proposal = await authored(c);
    const p = validate(z.object({ status: z.enum(["planned", "in-progress", "done", "abandoned"]), text: z.string().trim().min(1).max(5000) }), await readParams(c));
    return c.json(serializeUpdate(await addUpdate(sql, proposal, viewerId(c), p.status, p.text)));
  });
  return app;
}
