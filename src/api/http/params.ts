import type { Context } from "hono";
import { z } from "zod";
import { ApiError, unprocessable } from "../../lib/errors.ts";

/**
 * Reads request parameters the way Mastodon (Rails) does: query string, JSON, form-urlencoded
 * or multipart bodies, with bracketed keys (`poll[options][]`, `fields_attributes[0][name]`)
 * turned into nested objects and arrays. Files from multipart bodies stay `File` values.
 */
export async function readParams(c: Context): Promise<Record<string, unknown>> {
  const fromQuery = nest(new URL(c.req.url).searchParams.entries());
  if (c.req.method === "GET" || c.req.method === "HEAD") return fromQuery;
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.includes("application/json")) return { ...fromQuery, ...(await readJson(c)) };
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new ApiError(400, "Error occurred while parsing request parameters");
    }
    return { ...fromQuery, ...nest(form.entries()) };
  }
  const text = await c.req.text();
  if (text.trim() !== "" && type === "") {
    // Some clients omit the content type on JSON bodies.
    try {
      return { ...fromQuery, ...asObject(JSON.parse(text)) };
    } catch {
      return { ...fromQuery, ...nest(new URLSearchParams(text).entries()) };
    }
  }
  return fromQuery;
}

async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  try {
    return asObject(JSON.parse(text));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, "Error occurred while parsing request parameters");
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError(400, "Error occurred while parsing request parameters");
  }
  return value as Record<string, unknown>;
}

type Entry = [string, FormDataEntryValue | string];

/** Turns bracketed keys into nested objects; `[]` appends; objects keyed 0..n become arrays. */
export function nest(entries: Iterable<Entry>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const path = key.match(/^[^[\]]+|\[[^[\]]*\]/g)?.map((p) => p.replace(/^\[|\]$/g, "")) ?? [key];
    if (path.length > 6) continue; // deeper keys are never meaningful here: ignore instead of recursing
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsList = path[i + 1] === "";
      if (part === "") return;
      if (last) {
        node[part] = value;
      } else if (nextIsList && i + 1 === path.length - 1) {
        const list = Array.isArray(node[part]) ? (node[part] as unknown[]) : [];
        list.push(value);
        node[part] = list;
      } else {
        if (typeof node[part] !== "object" || node[part] === null || Array.isArray(node[part])) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

/** Mastodon's boolean parameters: true, "true", "1", "on" and their opposites. */
export const zBool = z.preprocess((v) => {
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (["true", "1", "on", "yes"].includes(s)) return true;
    if (["false", "0", "off", "no", ""].includes(s)) return false;
  }
  if (v === 1) return true;
  if (v === 0) return false;
  return v;
}, z.boolean());

/** An array parameter that clients may send as a list, a single value, or an index-keyed object. */
export function zList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return v === "" ? [] : undefined;
    if (Array.isArray(v)) return v;
    if (typeof v === "object" && !(v instanceof Blob)) return Object.values(v as object);
    return [v];
  }, z.array(item));
}

/** A positive integer parameter that may arrive as a string. */
export const zInt = z.coerce.number().int();

/**
 * Validates parameters against a schema; failures become a 422 naming each field, with
 * Mastodon's `details` (`{ field: [{ error: "ERR_…", description }] }`).
 */
export function validate<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const fields: Record<string, { error: string; description: string }[]> = {};
  for (const issue of result.error.issues) fields[issue.path.join(".") || "params"] ??= [{ error: errorCode(issue), description: issue.message }];
  const summary = Object.entries(fields).map(([k, [v]]) => `${k} ${v!.description}`).join(", ");
  throw unprocessable(summary, fields);
}

function errorCode(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_big") return "ERR_TOO_LONG";
  if (issue.code === "invalid_type" && issue.input === undefined) return "ERR_BLANK";
  return "ERR_INVALID";
}

/** A BCP 47 language tag as statuses carry it (`en`, `pt-BR`). */
export const zLanguage = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "is not a language code");
