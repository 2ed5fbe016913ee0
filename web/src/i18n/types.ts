import type en from "./locales/en.ts";

/** Every message key of the app; English is the reference catalog. */
export type MessageKey = keyof typeof en;

/** A complete catalog: the type system and a unit test both refuse a missing key. */
export type Catalog = Record<MessageKey, string>;
