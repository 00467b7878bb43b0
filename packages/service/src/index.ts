// Public entry of @skillflow/service: the building blocks of `skillflow serve` (issue 16, in progress).
export const SERVICE_PACKAGE = "@skillflow/service";
export * from "./hooks/index.js";
export * from "./notify/index.js";
