/**
 * `npm start` runs this first: builds the web app when web/dist is missing or older than its
 * sources, so a fresh clone works with `npm install && npm start` and edits are never stale.
 */
import { stat, readdir } from "node:fs/promises";
import path from "node:path";
import { build } from "vite";
import { configFile, distDir, webDir } from "./paths.ts";

/** The newest modification time among the files that shape the build. */
async function newestSource(): Promise<number> {
  const inputs = [path.join(webDir, "src"), path.join(webDir, "public"), path.join(webDir, "index.html"), configFile];
  let newest = 0;
  for (const input of inputs) newest = Math.max(newest, await newestIn(input));
  return newest;
}

async function newestIn(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target)) newest = Math.max(newest, await newestIn(path.join(target, entry)));
  return newest;
}

/** When the last build finished, or 0 when there is none. */
async function builtAt(): Promise<number> {
  try {
    return (await stat(path.join(distDir, "index.html"))).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds the web app when its output is missing or stale; returns whether it built. */
export async function ensureBuilt(): Promise<boolean> {
  if ((await builtAt()) >= (await newestSource())) return false;
  process.stdout.write("Building the web app (web/dist)…\n");
  await build({ configFile, logLevel: "warn" });
  return true;
}

if (import.meta.main) await ensureBuilt();
