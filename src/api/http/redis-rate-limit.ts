import type { Redis } from "ioredis";
import type { RateLimitStore } from "./rate-limit.ts";

// One round trip, atomic: the first hit of a window sets its expiry, so a window never outlives
// its length even if processes crash between commands.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Rate-limit windows in Redis, shared by every process of the instance. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async hit(key: string, windowMs: number, now: number) {
    const [count, ttl] = (await this.#redis.eval(HIT, 1, `${this.#prefix}rl:${key}`, windowMs)) as [number, number];
    return { count, resetAt: now + ttl };
  }
}
