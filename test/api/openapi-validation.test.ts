/**
 * The response validator that every `TestInstance.request` runs must really reject what
 * disagrees with Mastodon's description, or every test that relies on it proves nothing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkResponse } from "../support/openapi.ts";

describe("OpenAPI response validation", () => {
  it("rejects entities that miss fields or carry wrong types, naming the field", () => {
    assert.throws(() => checkResponse("GET", "/api/v1/statuses/1", 200, { id: "1" }), /must have required property 'account'/);
    assert.throws(() => checkResponse("GET", "/api/v1/markers", 200, { home: { last_read_id: 5, version: 1, updated_at: "2026-01-01T00:00:00Z" } }), /home\/last_read_id must be string/);
    assert.throws(() => checkResponse("POST", "/api/v1/statuses/1/favourite", 404, { message: "nope" }), /required property 'error'/);
  });

  it("picks the literal route over a parameter and checks the status's own schema", () => {
    // `/accounts/verify_credentials` is a CredentialAccount (with `source`), not `/accounts/{id}`.
    assert.throws(() => checkResponse("GET", "/api/v1/accounts/verify_credentials?x=1", 200, {}), /required property 'source'/);
    checkResponse("GET", "/api/v1/statuses/1", 404, { error: "Record not found" });
  });

  it("leaves alone what the description does not cover", () => {
    checkResponse("GET", "/api/stoa/v1/anything", 200, { whatever: true });
    checkResponse("DELETE", "/api/v1/instance", 200, {});
  });
});
