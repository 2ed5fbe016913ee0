import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A throwaway certificate authority and one server certificate it signed (PEM strings). */
export interface TestPki {
  caCert: string;
  cert: string;
  key: string;
}

/**
 * Makes a CA and a server certificate for 127.0.0.1, localhost and *.stoa.test with the
 * `openssl` CLI (node:crypto cannot issue X.509 certificates). Nothing outlives the call.
 */
export async function makeTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(path.join(tmpdir(), "stoa-pki-"));
  const f = (name: string) => path.join(dir, name);
  try {
    const ossl = (...args: string[]) => run("openssl", args, { cwd: dir });
    await ossl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=Stoa test CA", "-keyout", f("ca.key"), "-out", f("ca.crt"),
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
    await ossl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-subj", "/CN=stoa.test", "-keyout", f("server.key"), "-out", f("server.csr"));
    await writeFile(f("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.stoa.test\nextendedKeyUsage=serverAuth\n");
    await ossl("x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial",
      "-days", "1", "-extfile", f("ext.cnf"), "-out", f("server.crt"));
    return { caCert: await readFile(f("ca.crt"), "utf8"), cert: await readFile(f("server.crt"), "utf8"), key: await readFile(f("server.key"), "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
