import type { TestInstance } from "./instance.ts";

/**
 * Resolves when the server subscribes a streaming connection to `channel`: from then on no
 * event published there can be missed, so a test can produce events without sleeping.
 */
export function subscriptionTo(stoa: TestInstance, channel: string): Promise<void> {
  const pubsub = stoa.ctx.pubsub;
  const original = pubsub.subscribe.bind(pubsub);
  return new Promise((resolve) => {
    pubsub.subscribe = async (name, handler) => {
      const off = await original(name, handler);
      if (name === channel) resolve();
      return off;
    };
  });
}
