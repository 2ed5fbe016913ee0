import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import { openInstance } from "../instance.ts";
import { registerUser } from "../accounts/registration.ts";
import { addEmojiCli } from "./add-emoji.ts";

/** `stoa admin …`: operator tasks that need no running server. */
export async function runAdminCli(config: Config, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add-emoji") return addEmojiCli(config, rest);
  if (sub !== "create-user") {
    process.stderr.write("Usage: stoa admin create-user USERNAME --email EMAIL --password PASSWORD [--role ROLE]\n       stoa admin add-emoji SHORTCODE FILE [--category CATEGORY]\n");
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string", default: "user" } },
  });
  const role = values.role as "owner" | "admin" | "moderator" | "user";
  if (!positionals[0] || !values.email || !values.password || !["owner", "admin", "moderator", "user"].includes(role)) {
    process.stderr.write("create-user needs USERNAME, --email, --password and a valid --role\n");
    return 2;
  }
  const instance = await openInstance(config);
  try {
    const user = await registerUser(instance.ctx, {
      username: positionals[0], email: values.email, password: values.password, role, bypassMode: true,
    });
    process.stdout.write(`Created @${positionals[0]} (account ${user.accountId}, role ${user.role})\n`);
    return 0;
  } finally {
    await instance.close();
  }
}
