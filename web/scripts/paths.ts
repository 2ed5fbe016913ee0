import { fileURLToPath } from "node:url";

/** The web app's folder, its sources and its build output, wherever the repository lives. */
export const webDir = fileURLToPath(new URL("..", import.meta.url));
export const distDir = fileURLToPath(new URL("../dist", import.meta.url));
export const configFile = fileURLToPath(new URL("../vite.config.ts", import.meta.url));
