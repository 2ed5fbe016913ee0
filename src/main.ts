import { loadConfig, ConfigError } from "./config.ts";
import { setupLogging } from "./log.ts";
import { startServer } from "./server.ts";
import { openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { runAdminCli } from "./cli/admin.ts";

const USAGE = `Usage: stoa <command>

Commands:
  start                     run the instance (web and/or worker, per STOA_ROLE)
  worker                    run only the background job worker
  migrate                   apply database migrations and exit
  admin create-user NAME --email E --password P [--role owner|admin|moderator|user]
  admin add-emoji SHORTCODE FILE [--category C]
  tally FILE [--method M]   recount a ballot file (JSON, .blt or pabulib .pb)
  verify-log URL|FILE [--key X]  re-check the transparency log's hashes, links and signatures
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "tally") {
    const { runTallyCli } = await import("./governance/tally-cli.ts");
    return runTallyCli(rest, (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`));
  }
  if (command === "verify-log") {
    const { runVerifyLogCli } = await import("./transparency/verify-cli.ts");
    return runVerifyLogCli(rest, (s) => process.stdout.write(`${s}\n`));
  }
  const config = loadConfig(command === "worker" ? { ...process.env, STOA_ROLE: "worker" } : process.env);
  await setupLogging(config);
  switch (command) {
    case "start":
    case "worker": {
      const running = await startServer(config);
      const shutdown = async () => {
        try {
          await running.stop();
        } catch (error) {
          process.stderr.write(`Error during shutdown: ${String(error)}\n`);
        }
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
      return -1;
    }
    case "migrate": {
      const db = await openDatabase(config);
      try {
        const applied = await migrate(db.sql);
        process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : "Database is up to date.\n");
      } finally {
        await db.close();
      }
      return 0;
    }
    case "admin":
      return runAdminCli(config, rest);
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
