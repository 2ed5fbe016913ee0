import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** The web app's build: one HTML entry, hashed assets, a manifest the budget check reads. */
export default defineConfig({
  root,
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    cssCodeSplit: true,
    sourcemap: false,
  },
  server: { proxy: { "^/(api|oauth|\\.well-known|system|nodeinfo)": "http://localhost:3000" } },
});
