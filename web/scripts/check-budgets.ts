/**
 * Measures the production build against the web app's size budgets (gzipped bytes):
 * first-load JavaScript of the timeline route ≤ 150 KB, each further chunk ≤ 50 KB,
 * each locale catalog ≤ 25 KB, all CSS ≤ 50 KB. Reads Vite's manifest, never guesses names.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { distDir } from "./paths.ts";

const KB = 1024;
export const budgets = { firstLoad: 150 * KB, chunk: 50 * KB, catalog: 25 * KB, css: 50 * KB };

/** One chunk of Vite's build manifest (only the fields the check reads). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BudgetReport {
  lines: string[];
  failures: string[];
}

const timelineRoute = "src/screens/home.tsx";
const defaultCatalog = "src/i18n/locales/en.ts";
const isCatalog = (key: string) => key.startsWith("src/i18n/locales/");

async function gzipSize(file: string): Promise<number> {
  return gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
}

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

async function total(files: Iterable<string>): Promise<number> {
  let sum = 0;
  for (const file of files) sum += await gzipSize(file);
  return sum;
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** Measures dist/ against the budgets; a report of every figure and every failure. */
export async function checkBudgets(): Promise<BudgetReport> {
  const manifest = JSON.parse(await readFile(path.join(distDir, ".vite/manifest.json"), "utf8")) as Manifest;
  const lines: string[] = [];
  const failures: string[] = [];
  const measure = (label: string, bytes: number, limit: number) => {
    const line = `${bytes <= limit ? "ok  " : "OVER"} ${label.padEnd(46)} ${kb(bytes).padStart(9)} / ${kb(limit)}`;
    lines.push(line);
    if (bytes > limit) failures.push(line);
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error("The build manifest has no entry chunk.");
  if (!manifest[timelineRoute]) throw new Error(`The build manifest has no chunk for ${timelineRoute}.`);
  const firstLoad = staticClosure(manifest, entryKey);
  staticClosure(manifest, timelineRoute, firstLoad);
  staticClosure(manifest, defaultCatalog, firstLoad);
  measure("first-load JS of the timeline route", await total(firstLoad), budgets.firstLoad);

  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.file.endsWith(".js") || key === entryKey) continue;
    if (isCatalog(key)) measure(`catalog ${path.basename(key, ".ts")}`, await gzipSize(chunk.file), budgets.catalog);
    else measure(`chunk ${key}`, await gzipSize(chunk.file), budgets.chunk);
  }

  const cssFiles = new Set(Object.values(manifest).flatMap((chunk) => [...(chunk.css ?? []), ...(chunk.file.endsWith(".css") ? [chunk.file] : [])]));
  measure("CSS (all files)", await total(cssFiles), budgets.css);
  return { lines, failures };
}

/** Prints the figures, one line per measured item. */
export function printReport(report: BudgetReport): void {
  process.stdout.write(`Web app size budgets (gzipped):\n${report.lines.join("\n")}\n`);
  if (report.failures.length) process.stderr.write(`${report.failures.length} budget(s) exceeded.\n`);
}

if (import.meta.main) {
  const report = await checkBudgets();
  printReport(report);
  if (report.failures.length) process.exitCode = 1;
}
