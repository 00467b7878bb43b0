// The `hooks` list: secrets only from the environment, names, body paths, and each problem code.
import { describe, expect, it } from "vitest";
import { MAX_HOOK_TOLERANCE_SECONDS } from "../../src/index.js";
import { ENV, messages, parsed, problems } from "./_helpers.js";

const hook = { name: "release", workflow: "publish-notes", secretEnv: "HOOK_SECRET" };

describe("safeParseServiceConfig: hooks", () => {
  it("reads the secret from the variable secretEnv names, with defaults", () => {
    expect(parsed({ hooks: [hook] }).hooks).toEqual([
      { name: "release", workflow: "publish-notes", secret: "s3cret-value", inputs: {} },
    ]);
    expect(parsed({}).hooks).toEqual([]);
    expect(parsed({ hooks: [] }).hooks).toEqual([]);
  });

  it("keeps every declared field, tolerance seconds as ms", () => {
    const full = {
      ...hook,
      inputs: { tag: "$.release.tag_name", first: "$.items[0].name", odd: '$["odd key"]' },
      defaults: { dryRun: false },
      github: true,
      toleranceSeconds: 60,
    };
    expect(parsed({ hooks: [full] }).hooks).toEqual([
      {
        name: "release",
        workflow: "publish-notes",
        secret: "s3cret-value",
        inputs: full.inputs,
        defaults: { dryRun: false },
        github: true,
        toleranceMs: 60_000,
      },
    ]);
  });

  it("keeps input and default names a plain object would misread as data", () => {
    const declared = JSON.parse('{"__proto__": "$.a", "constructor": "$.b"}') as Record<
      string,
      string
    >;
    const defaults = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    const [found] = parsed({ hooks: [{ ...hook, inputs: declared, defaults }] }).hooks;
    expect(Object.keys(found?.inputs ?? {})).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(found?.inputs, "__proto__")?.value).toBe("$.a");
    expect(Object.getPrototypeOf(found?.defaults)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(found?.defaults, "__proto__")?.value).toBe(1);
  });

  it("refuses a missing or empty variable, naming it, and never shows a secret", () => {
    expect(problems({ hooks: [{ ...hook, secretEnv: "UNSET_SECRET" }] })).toEqual([
      { code: "ENV_MISSING", path: "hooks[0].secretEnv" },
    ]);
    expect(messages({ hooks: [{ ...hook, secretEnv: "UNSET_SECRET" }] })).toContain("UNSET_SECRET");
    expect(problems({ hooks: [{ ...hook, secretEnv: "EMPTY" }] })).toEqual([
      { code: "ENV_MISSING", path: "hooks[0].secretEnv" },
    ]);
    // An env inherited from Object.prototype is not a variable.
    expect(problems({ hooks: [{ ...hook, secretEnv: "constructor" }] }, {})).toEqual([
      { code: "ENV_MISSING", path: "hooks[0].secretEnv" },
    ]);
  });

  it("refuses a secret written in the config, and a secretEnv that is not a variable name (unshown)", () => {
    expect(problems({ hooks: [{ ...hook, secret: "pasted-secret" }] })).toEqual([
      { code: "SECRET_IN_CONFIG", path: "hooks[0].secret" },
    ]);
    const pasted = { ...hook, secretEnv: "whsec_abc-123 pasted" };
    expect(problems({ hooks: [pasted] })).toEqual([
      { code: "ENV_NAME_INVALID", path: "hooks[0].secretEnv" },
    ]);
    expect(messages({ hooks: [pasted] })).not.toContain("whsec_abc");
    expect(messages({ hooks: [{ ...hook, secret: "pasted-secret" }] })).not.toContain(
      "pasted-secret",
    );
    expect(problems({ hooks: [{ ...hook, secretEnv: 1 }] })).toEqual([
      { code: "ENV_NAME_INVALID", path: "hooks[0].secretEnv" },
    ]);
  });

  it("refuses a list that is not one, entries that are not mappings, and unknown keys", () => {
    expect(problems({ hooks: { release: hook } })).toEqual([
      { code: "HOOKS_NOT_A_LIST", path: "hooks" },
    ]);
    expect(problems({ hooks: ["release", null] })).toEqual([
      { code: "HOOK_NOT_AN_OBJECT", path: "hooks[0]" },
      { code: "HOOK_NOT_AN_OBJECT", path: "hooks[1]" },
    ]);
    expect(problems({ hooks: [{ ...hook, toleranceSecond: 5 }] })).toEqual([
      { code: "HOOK_UNKNOWN_KEY", path: "hooks[0].toleranceSecond" },
    ]);
  });

  it.each([
    [{ name: undefined }, "HOOK_FIELD_MISSING", "hooks[0].name"],
    [{ workflow: undefined }, "HOOK_FIELD_MISSING", "hooks[0].workflow"],
    [{ secretEnv: undefined }, "HOOK_FIELD_MISSING", "hooks[0].secretEnv"],
    [{ name: 7 }, "HOOK_FIELD_TYPE", "hooks[0].name"],
    [{ workflow: ["a"] }, "HOOK_FIELD_TYPE", "hooks[0].workflow"],
    [{ inputs: ["$.a"] }, "HOOK_FIELD_TYPE", "hooks[0].inputs"],
    [{ defaults: "x" }, "HOOK_FIELD_TYPE", "hooks[0].defaults"],
    [{ github: "yes" }, "HOOK_FIELD_TYPE", "hooks[0].github"],
    [{ name: "Release" }, "HOOK_NAME_INVALID", "hooks[0].name"],
    [{ name: "__proto__" }, "HOOK_NAME_INVALID", "hooks[0].name"],
    [{ name: "a".repeat(65) }, "HOOK_NAME_INVALID", "hooks[0].name"],
    [{ workflow: "  " }, "HOOK_WORKFLOW_EMPTY", "hooks[0].workflow"],
    [{ inputs: { tag: "release.tag" } }, "HOOK_INPUT_PATH_INVALID", "hooks[0].inputs.tag"],
    [{ inputs: { tag: 3 } }, "HOOK_INPUT_PATH_INVALID", "hooks[0].inputs.tag"],
    [{ inputs: { tag: "$..x" } }, "HOOK_INPUT_PATH_INVALID", "hooks[0].inputs.tag"],
    [{ toleranceSeconds: 0 }, "HOOK_TOLERANCE_INVALID", "hooks[0].toleranceSeconds"],
    [
      { toleranceSeconds: MAX_HOOK_TOLERANCE_SECONDS + 1 },
      "HOOK_TOLERANCE_INVALID",
      "hooks[0].toleranceSeconds",
    ],
    [{ toleranceSeconds: "5m" }, "HOOK_TOLERANCE_INVALID", "hooks[0].toleranceSeconds"],
  ])("refuses %j with %s", (fields, code, path) => {
    const entry: Record<string, unknown> = { ...hook, ...fields };
    for (const [key, value] of Object.entries(fields)) if (value === undefined) delete entry[key];
    expect(problems({ hooks: [entry] })).toEqual([{ code, path }]);
  });

  it("refuses a name used twice, keeping the first", () => {
    const second = { ...hook, workflow: "other", secretEnv: "OTHER_SECRET" };
    expect(problems({ hooks: [hook, { ...hook, name: "other" }, second] })).toEqual([
      { code: "HOOK_NAME_DUPLICATE", path: "hooks[2].name" },
    ]);
  });

  it("collects the problems of every hook at once", () => {
    const result = problems(
      {
        hooks: [
          { ...hook, secretEnv: "UNSET" },
          { name: "x", extra: 1 },
        ],
      },
      ENV,
    );
    expect(result).toEqual([
      { code: "ENV_MISSING", path: "hooks[0].secretEnv" },
      { code: "HOOK_UNKNOWN_KEY", path: "hooks[1].extra" },
      { code: "HOOK_FIELD_MISSING", path: "hooks[1].workflow" },
      { code: "HOOK_FIELD_MISSING", path: "hooks[1].secretEnv" },
    ]);
  });
});
