// Notifications: when to send (rules), what to send (payloads), and delivery that never fails a run.
export * from "./payload.js";
export * from "./rules.js";
export * from "./send.js";
