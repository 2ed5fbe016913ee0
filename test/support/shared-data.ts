import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Path into the project's shared real-data folder (`../shared/data` beside the clone).
 * Tests read vectors from there at run time; they are never copied into the repository.
 */
export function sharedData(...parts: string[]): string {
  const base = process.env.STOA_SHARED_DATA ?? path.resolve(repoRoot, "..", "shared", "data");
  if (!existsSync(base)) throw new Error(`shared data not found at ${base} (set STOA_SHARED_DATA)`);
  return path.join(base, ...parts);
}
