import path from "node:path";
import { z } from "zod";

const registrationModes = ["open", "approval", "invite", "closed"] as const;
const roles = ["all", "web", "worker"] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  STOA_ORIGIN: z.url().optional(),
  STOA_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  STOA_ROLE: z.enum(roles).default("all"),
  STOA_ALLOW_PRIVATE_ADDRESSES: z.enum(["0", "1"]).default("0"),
  STOA_REGISTRATIONS: z.enum(registrationModes).default("open"),
  STOA_LOG_LEVEL: z.enum(["debug", "info", "warning", "error"]).default("info"),
  STOA_RATE_LIMITS: z.enum(["on", "off"]).default("on"),
});

/** The whole configuration of one Stoa process, parsed once, never mutated. */
export interface Config {
  readonly port: number;
  /** Public origin without a trailing slash, e.g. `https://stoa.example`. */
  readonly origin: string;
  /** Host part of the origin: the domain of local accounts. */
  readonly domain: string;
  readonly dataDir: string;
  /** Unset means: start the embedded PostgreSQL under `dataDir/pg`. */
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly role: (typeof roles)[number];
  readonly allowPrivateAddresses: boolean;
  readonly registrations: (typeof registrationModes)[number];
  readonly logLevel: "debug" | "info" | "warning" | "error";
  /** `STOA_RATE_LIMITS=off` lifts request rate limits (benchmarks only). */
  readonly rateLimits: boolean;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment into a validated, frozen Config. The only reader of `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const origin = (e.STOA_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return Object.freeze({
    port: e.PORT,
    origin,
    domain: new URL(origin).host,
    dataDir: path.resolve(e.STOA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    role: e.STOA_ROLE,
    allowPrivateAddresses: e.STOA_ALLOW_PRIVATE_ADDRESSES === "1",
    registrations: e.STOA_REGISTRATIONS,
    logLevel: e.STOA_LOG_LEVEL,
    rateLimits: e.STOA_RATE_LIMITS === "on",
  });
}
