import { test } from "node:test";
import assert from "node:assert/strict";
import { inQuietHours, lastDelivery, soundsHarsh } from "./wellbeing.ts";

const at = (hh: number, mm = 0) => new Date(2026, 10, 28, hh, mm);

test("quiet hours, within a day and across midnight, end exclusive", () => {
  assert.equal(inQuietHours(at(23), "22:00", "07:00"), true);
  assert.equal(inQuietHours(at(3), "22:00", "07:00"), true);
  assert.equal(inQuietHours(at(7), "22:00", "07:00"), false);
  assert.equal(inQuietHours(at(12), "22:00", "07:00"), false);
  assert.equal(inQuietHours(at(13, 30), "13:00", "14:00"), true);
  assert.equal(inQuietHours(at(14), "13:00", "14:00"), false);
  assert.equal(inQuietHours(at(3), null, null), false);
});

test("batched notifications: the last of three daily deliveries", () => {
  assert.deepEqual([lastDelivery(at(9, 15)).getHours(), lastDelivery(at(9, 15)).getMinutes()], [8, 0]);
  assert.equal(lastDelivery(at(13)).getHours(), 13);
  assert.equal(lastDelivery(at(23, 59)).getHours(), 19);
  const early = lastDelivery(at(6));
  assert.deepEqual([early.getDate(), early.getHours()], [27, 19], "before 08:00 it is yesterday evening's");
});

test("harsh words in the app's languages prompt; ordinary words do not", () => {
  for (const text of ["you are an idiot", "Eres un IDIOTA", "cállate ya", "que ridículo", "shut up"]) assert.equal(soundsHarsh(text), true, text);
  for (const text of ["I disagree with the numbers", "No estoy de acuerdo", "idiomatic code", "Não concordo"]) assert.equal(soundsHarsh(text), false, text);
});
