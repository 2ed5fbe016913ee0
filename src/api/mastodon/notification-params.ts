import { z } from "zod";
import { isId } from "../../lib/ids.ts";
import { NOTIFICATION_TYPES } from "../../notifications/notify.ts";
import type { NotificationSelection } from "../../notifications/queries.ts";
import { validate, zBool, zList } from "../http/params.ts";

// Clients filter by every type Mastodon knows, including ones Stoa never sends (annual_report).
const zType = z.enum([...NOTIFICATION_TYPES, "annual_report"]);

/** The filters every notification listing accepts (types[], exclude_types[], account_id, include_filtered). */
export const selectionSchema = z.object({
  types: zList(zType).optional(),
  exclude_types: zList(zType).optional(),
  account_id: z.string().refine(isId, "is not a valid id").optional(),
  include_filtered: zBool.default(false),
});

/** Reads the notification filters of a request; unknown types are a 422. */
export function readSelection(params: Record<string, unknown>): NotificationSelection {
  const p = validate(selectionSchema, params);
  return { types: p.types, excludeTypes: p.exclude_types, fromAccountId: p.account_id, includeFiltered: p.include_filtered };
}

/** `grouped_types[]`: which types group in v2 (Mastodon's default: favourite, follow, reblog). */
export const groupedTypesSchema = z.object({ grouped_types: zList(z.enum(["favourite", "follow", "reblog"])).optional() });
