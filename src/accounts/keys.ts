import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

const generate = promisify(generateKeyPair);

/** The key pairs a local actor signs with: RSA for HTTP Signatures, Ed25519 for object proofs. */
export async function generateActorKeys() {
  const rsa = await generate("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const ed = await generate("ed25519");
  return {
    publicKeyPem: rsa.publicKey,
    privateKeyPem: rsa.privateKey,
    ed25519PublicJwk: ed.publicKey.export({ format: "jwk" }),
    ed25519PrivateJwk: ed.privateKey.export({ format: "jwk" }),
  };
}
