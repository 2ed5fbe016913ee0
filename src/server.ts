import type { Server } from "node:http";
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "./config.ts";
import { openInstance, type Instance } from "./instance.ts";
import { logger } from "./log.ts";
import { attachStreaming } from "./api/streaming/websocket.ts";

const log = logger("server");

export interface RunningServer {
  instance: Instance;
  server: ServerType | null;
  port: number;
  stop(): Promise<void>;
}

/** Starts what the role asks for: the HTTP server (`web`), the job worker (`worker`), or both. */
export async function startServer(config: Config): Promise<RunningServer> {
  const instance = await openInstance(config);
  if (config.role !== "web") await instance.ctx.jobs.start();
  let server: ServerType | null = null;
  let port = config.port;
  let detachStreaming = async () => {};
  if (config.role !== "worker") {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: instance.app.fetch, port: config.port, hostname: "0.0.0.0" }, (info) => {
        port = info.port;
        resolve();
      });
      detachStreaming = attachStreaming(instance.ctx, server as Server);
    });
    log.info("Stoa listening on port {port} as {origin} (role {role})", { port, origin: config.origin, role: config.role });
  } else {
    log.info("Stoa worker started");
  }
  return {
    instance,
    server,
    port,
    async stop() {
      await detachStreaming();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await instance.close();
    },
  };
}
