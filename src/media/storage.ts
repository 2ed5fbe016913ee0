import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where media files live. Local disk under the data directory by default; an S3-compatible
 * store can implement the same four methods.
 */
export interface MediaStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9_]+(\/[a-z0-9_.-]+)+$/;

/** Keys are relative paths of our own making; anything else (`..`, absolute) is refused. */
export function isSafeKey(key: string): boolean {
  return KEY.test(key) && !key.split("/").some((part) => part === "." || part === "..");
}

/** Files under `root`, one per key. */
export class DiskStorage implements MediaStorage {
  readonly #root: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  #path(key: string): string {
    if (!isSafeKey(key)) throw new Error(`unsafe media key: ${key}`);
    return path.join(this.#root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.#path(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#path(key));
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}
