import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Percentile (0–100) of a sorted array of milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Summarises latencies (ms) collected over `seconds`. */
export function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: sorted.length, errors, seconds, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * Keeps `connections` keep-alive HTTP requests in flight against `url` for `seconds`,
 * each connection cycling through `tokens`. Bounded in time; loopback only.
 */
export async function httpLoad(options: { url: string; tokens: string[]; connections: number; seconds: number }): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("load tests target loopback only");
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const one = (token: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(target, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async (_, i) => {
      for (let n = i; performance.now() < deadline; n += options.connections) await one(options.tokens[n % options.tokens.length]!);
    }),
  );
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/** Runs `task` with `concurrency` workers for `seconds` (for direct database queries). */
export async function loopLoad(options: { concurrency: number; seconds: number; task: (i: number) => Promise<void> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, w) => {
      for (let n = w; performance.now() < deadline; n += options.concurrency) {
        const t = performance.now();
        try {
          await options.task(n);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}
