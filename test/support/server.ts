import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { startTestInstance, type TestInstance } from "./instance.ts";
import { attachStreaming } from "../../src/api/streaming/websocket.ts";
import { checkResponse } from "./openapi.ts";

export interface TestServer {
  stoa: TestInstance;
  server: ServerType;
  url: string;
  close(): Promise<void>;
}

/**
 * A complete instance served on a real loopback socket (for real clients and WebSockets).
 * The origin is set to the bound address so URLs in responses are reachable.
 */
export async function startTestServer(): Promise<TestServer> {
  const port = await new Promise<number>((resolve) => {
    const probe = serve({ fetch: () => new Response(), port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      probe.close(() => resolve(info.port));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const stoa = await startTestInstance({ STOA_ORIGIN: url });
  // Responses to real clients are checked against Mastodon's description too; a disagreement
  // fails the test at close() rather than breaking the client mid-flow.
  const disagreements: string[] = [];
  const fetch = async (request: Request, env: unknown) => {
    const response = await stoa.app.fetch(request, env);
    if (response.headers.get("content-type")?.includes("application/json")) {
      const url = new URL(request.url);
      try {
        checkResponse(request.method, url.pathname, response.status, await response.clone().json());
      } catch (error) {
        disagreements.push((error as Error).message);
      }
    }
    return response;
  };
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const detachStreaming = attachStreaming(stoa.ctx, server as Server);
  // As in production (STOA_ROLE=all), a worker runs beside the server: clients such as
  // masto.js poll for media processing. Tests still call drain() to be certain.
  await stoa.ctx.jobs.start();
  return {
    stoa,
    server,
    url,
    async close() {
      await detachStreaming();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stoa.close();
      if (disagreements.length) throw new Error(disagreements.join("\n"));
    },
  };
}
