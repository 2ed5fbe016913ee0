/**
 * `npm run build`: the production build of the web app, then the size budgets it must meet.
 * Fails (exit code 1) when a budget is exceeded, so CI catches a heavier bundle.
 */
import { build } from "vite";
import { configFile } from "./paths.ts";
import { checkBudgets, printReport } from "./check-budgets.ts";

await build({ configFile, logLevel: "warn" });
const report = await checkBudgets();
printReport(report);
if (report.failures.length > 0) process.exitCode = 1;
