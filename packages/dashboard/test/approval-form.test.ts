// Forms built from declared fields: the control of each type, what is required, and reading typed
// values back with problems as codes (approval responses and skill inputs share it).
import { describe, expect, it } from "vitest";
import { buildForm, initialValues, readForm } from "../app/approval-form";

const declared = {
  reason: { type: "string" },
  count: { type: "int" },
  ratio: { type: "float", nullable: true },
  urgent: { type: "boolean" },
  tags: { type: "array", items: { type: "string" } },
  meta: { type: "object", properties: { a: "string" } },
};

describe("buildForm", () => {
  it("gives each declared type its control, number step and requiredness, in order", () => {
    const fields = buildForm(declared);
    expect(fields.map((f) => [f.name, f.control, f.step, f.required])).toEqual([
      ["reason", "text", undefined, true],
      ["count", "number", "1", true],
      ["ratio", "number", "any", false],
      ["urgent", "checkbox", undefined, false],
      ["tags", "json", undefined, true],
      ["meta", "json", undefined, true],
    ]);
  });

  it("makes a field with a default optional and starts the control with the default", () => {
    const fields = buildForm({
      url: { type: "string", default: "https://example.org" },
      n: { type: "int", default: 3 },
      flag: { type: "boolean", default: true },
      list: { type: "array", default: [1] },
    });
    expect(fields.map((f) => f.required)).toEqual([false, false, false, false]);
    expect(initialValues(fields)).toEqual({
      url: "https://example.org",
      n: "3",
      flag: true,
      list: "[\n  1\n]",
    });
  });

  it("treats a declaration without a known type as free JSON", () => {
    const [field] = buildForm({ odd: { type: "date" }, none: "x" });
    expect(field).toMatchObject({ control: "json", type: "date" });
    expect(buildForm({ none: "x" })[0]).toMatchObject({ control: "json", type: "unknown" });
  });
});

describe("readForm", () => {
  const fields = buildForm(declared);
  const filled = {
    reason: "ok",
    count: "4",
    ratio: "0.5",
    urgent: true,
    tags: '["a"]',
    meta: '{"a":"b"}',
  };

  it("reads every control into its type", () => {
    expect(readForm(fields, filled)).toEqual({
      values: { reason: "ok", count: 4, ratio: 0.5, urgent: true, tags: ["a"], meta: { a: "b" } },
      problems: [],
    });
  });

  it("refuses a missing required field, a fraction for an int, a non-number, bad JSON and the wrong JSON type", () => {
    const read = readForm(fields, {
      reason: "",
      count: "1.5",
      ratio: "abc",
      tags: "[1,",
      meta: "[1]",
    });
    expect(read.problems.map((p) => [p.field, p.code])).toEqual([
      ["reason", "REQUIRED"],
      ["count", "NOT_AN_INTEGER"],
      ["ratio", "NOT_A_NUMBER"],
      ["tags", "INVALID_JSON"],
      ["meta", "WRONG_JSON_TYPE"],
    ]);
    expect(read.values).toEqual({ urgent: false });
  });

  it("refuses an object where an array is declared", () => {
    expect(readForm(fields, { ...filled, tags: "{}" }).problems).toMatchObject([
      { field: "tags", code: "WRONG_JSON_TYPE" },
    ]);
  });

  it("leaves empty fields out of a rejection instead of refusing them, but still checks what is filled", () => {
    const read = readForm(fields, { count: "x" }, { requireAll: false });
    expect(read.problems.map((p) => p.code)).toEqual(["NOT_A_NUMBER"]);
    expect(readForm(fields, {}, { requireAll: false })).toEqual({
      values: { urgent: false },
      problems: [],
    });
  });

  it("sends null for an empty nullable field when asked, and leaves it out otherwise", () => {
    expect(
      readForm(fields, { ...filled, ratio: "" }, { requireAll: true, nulls: true }).values,
    ).toHaveProperty("ratio", null);
    expect(readForm(fields, { ...filled, ratio: " " }).values).not.toHaveProperty("ratio");
  });

  it("keeps a text value as typed (spaces included) and a JSON value that looks like a problem", () => {
    const read = readForm(buildForm({ s: { type: "string" }, o: { type: "object" } }), {
      s: "  ",
      o: '{"field":"x","code":"REQUIRED","message":"m"}',
    });
    expect(read).toEqual({
      values: { s: "  ", o: { field: "x", code: "REQUIRED", message: "m" } },
      problems: [],
    });
  });

  it("reads an unchecked or untouched checkbox as false", () => {
    const form = buildForm({ b: { type: "boolean" } });
    expect(readForm(form, {}).values).toEqual({ b: false });
  });
});
