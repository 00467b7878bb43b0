// Public entry of the skillflow CLI package: the run(argv, io) seam and its Io binding.
export { run, VERSION, type RunOptions } from "./main.js";
export { nodeIo, colorsEnabled, type Io, type Writer } from "./io.js";
export type { CommandContext } from "./command.js";
export type { OpenStore } from "./history.js";
export { EXIT, CliError, type CliErrorCode } from "./errors.js";
