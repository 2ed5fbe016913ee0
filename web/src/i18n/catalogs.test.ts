import { test } from "node:test";
import assert from "node:assert/strict";
import en from "./locales/en.ts";
import es from "./locales/es.ts";
import ptBR from "./locales/pt-BR.ts";
import ptPT from "./locales/pt-PT.ts";
import ca from "./locales/ca.ts";
import { formatMessage, messageArguments } from "./format.ts";
import { LOCALES } from "./locales.ts";

const catalogs: Record<string, Record<string, string>> = { en, es, "pt-BR": ptBR, "pt-PT": ptPT, ca };
const reference = Object.keys(en).sort();

test("every locale the app offers has a catalog", () => {
  assert.deepEqual(LOCALES.map((l) => l.code).sort(), Object.keys(catalogs).sort());
});

for (const [code, catalog] of Object.entries(catalogs)) {
  test(`${code}: has every message key and no stray one`, () => {
    const keys = Object.keys(catalog).sort();
    assert.deepEqual(reference.filter((k) => !keys.includes(k)), [], "missing keys");
    assert.deepEqual(keys.filter((k) => !reference.includes(k)), [], "keys English does not have");
    for (const key of keys) assert.notEqual(catalog[key]!.trim(), "", `${key} is empty`);
  });

  test(`${code}: uses the same arguments as English, with plural forms the language needs`, () => {
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
    for (const key of reference) {
      const mine = messageArguments(catalog[key]!);
      assert.deepEqual([...mine.names].sort(), [...messageArguments(en[key as keyof typeof en]).names].sort(), `${key}: arguments differ`);
      for (const [name, selectors] of mine.plurals) {
        assert.ok(selectors.includes("other"), `${key}: plural ${name} lacks "other"`);
        if (categories.includes("one")) assert.ok(selectors.includes("one"), `${key}: plural ${name} lacks "one"`);
        for (const selector of selectors) assert.ok(selector.startsWith("=") || categories.includes(selector), `${key}: "${selector}" is not a plural category of ${code}`);
      }
    }
  });
}

test("plural messages format through Intl.PluralRules", () => {
  assert.equal(formatMessage(en["compose.remaining"], { count: 1 }, "en"), "1 character left");
  assert.equal(formatMessage(en["compose.remaining"], { count: 1200 }, "en"), "1,200 characters left");
  assert.equal(formatMessage(en["timeline.newPosts"], { count: 0 }, "en"), "No new posts");
  assert.equal(formatMessage(es["compose.remaining"], { count: 2 }, "es"), "Quedan 2 caracteres");
  assert.equal(formatMessage(ca["profile.followers"], { count: 1 }, "ca"), "1 seguidor");
});

test("arguments are substituted, nested plurals keep their own #", () => {
  assert.equal(formatMessage("{name} boosted", { name: "Ada" }), "Ada boosted");
  assert.equal(formatMessage("{n, plural, one {# item for {who}} other {# items for {who}}}", { n: 3, who: "Ada" }), "3 items for Ada");
  assert.equal(formatMessage("{kind, select, a {Alpha} other {Other}}", { kind: "b" }), "Other");
  assert.equal(formatMessage("{missing} stays", {}), "{missing} stays");
});
