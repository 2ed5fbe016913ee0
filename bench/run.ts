/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one after another
 * (so measurements do not disturb each other), and prints their figures.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const run = spawnSync(process.execPath, ["--expose-gc", dir + file], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
