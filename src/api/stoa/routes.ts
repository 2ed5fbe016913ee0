import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import type { Env } from "../http/env.ts";
import { scopeRoutes } from "./scopes.ts";
import { membershipRoutes } from "./membership.ts";
import { bodyRoutes } from "./bodies.ts";
import { proposalRoutes } from "./proposals.ts";
import { voteRoutes } from "./votes.ts";
import { delegationRoutes } from "./delegations.ts";
import { petitionRoutes } from "./petitions.ts";
import { electionRoutes } from "./elections.ts";
import { governanceNotificationRoutes } from "./notifications.ts";
import { openApiRoutes } from "./openapi.ts";

/** Stoa's own API under /api/stoa/v1 (governance), one module per resource. */
export function stoaRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  for (const routes of [scopeRoutes, membershipRoutes, bodyRoutes, proposalRoutes, voteRoutes, delegationRoutes, petitionRoutes, electionRoutes, governanceNotificationRoutes, openApiRoutes]) app.route("/", routes(ctx));
  return app;
}
