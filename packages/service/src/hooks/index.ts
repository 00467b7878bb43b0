// Webhook triggers: signature verification, replay protection and body-to-inputs mapping.
export * from "./mapping.js";
export * from "./replay.js";
export * from "./signature.js";
export * from "./verify.js";
export type { HeaderSource } from "./_headers.js";
