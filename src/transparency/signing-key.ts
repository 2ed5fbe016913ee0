import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Db } from "../db/database.ts";
import { publicKeyFromJwk } from "./entry.ts";

/** The instance key that signs the transparency log. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Published form: an Ed25519 public JWK (`kty: OKP`, `crv: Ed25519`, `x`). */
  publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string };
}

const PURPOSE = "transparency-log";

/**
 * The instance's Ed25519 log key, generated on first use. It lives in the database, not in
 * the data directory, because every web and worker process must sign with the same key; a
 * concurrent first use keeps whichever row was inserted first.
 */
export async function instanceSigningKey(db: Db): Promise<SigningKey> {
  const existing = await readKey(db);
  if (existing) return existing;
  const pair = generateKeyPairSync("ed25519");
  await db`insert into instance_signing_keys (purpose, public_jwk, private_jwk)
    values (${PURPOSE}, ${db.json(pair.publicKey.export({ format: "jwk" }) as never)}, ${db.json(pair.privateKey.export({ format: "jwk" }) as never)})
    on conflict (purpose) do nothing`;
  return (await readKey(db))!;
}

/** The published public key, or null before the first entry was signed. */
export async function instancePublicJwk(db: Db): Promise<SigningKey["publicJwk"] | null> {
  return (await readKey(db))?.publicJwk ?? null;
}

async function readKey(db: Db): Promise<SigningKey | null> {
  const [row] = await db<{ publicJwk: { x: string }; privateJwk: { x: string; d: string } }[]>`
    select public_jwk, private_jwk from instance_signing_keys where purpose = ${PURPOSE}`;
  if (!row) return null;
  const publicJwk = { kty: "OKP" as const, crv: "Ed25519" as const, x: row.publicJwk.x };
  return {
    publicJwk,
    publicKey: publicKeyFromJwk(publicJwk),
    privateKey: createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: row.privateJwk.x, d: row.privateJwk.d }, format: "jwk" }),
  };
}
