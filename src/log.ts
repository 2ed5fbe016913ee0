import { configure, getConsoleSink, getLogger, getJsonLinesFormatter, type Logger } from "@logtape/logtape";
import type { Config } from "./config.ts";

/** A logger for a category below `stoa`, e.g. `logger("federation", "inbox")`. */
export function logger(...category: string[]): Logger {
  return getLogger(["stoa", ...category]);
}

/** Configures log output once per process: JSON lines on stderr, Fedify's own logs included. */
export async function setupLogging(config: Pick<Config, "logLevel">): Promise<void> {
  await configure({
    reset: true,
    sinks: { console: getConsoleSink({ formatter: getJsonLinesFormatter() }) },
    loggers: [
      { category: ["stoa"], lowestLevel: config.logLevel, sinks: ["console"] },
      { category: ["fedify"], lowestLevel: "warning", sinks: ["console"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
}
