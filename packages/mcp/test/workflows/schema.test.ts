// Declared fields as JSON Schema: type names from a workflow's file are looked up as own keys only.
import { describe, expect, it } from "vitest";
import { fieldSchema, inputSchemaOf } from "../../src/workflows/schema.js";

describe("fieldSchema", () => {
  it("maps a type named like an Object member (toString, constructor) to no type", () => {
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(fieldSchema(name)).toEqual({});
      expect(fieldSchema({ type: name })).toEqual({});
    }
    expect(
      inputSchemaOf({ opts: { type: "object", properties: { a: "toString", b: "int" } } }),
    ).toMatchObject({ properties: { opts: { properties: { a: {}, b: { type: "integer" } } } } });
    // A `properties` entry that is not a type name is its description (§2.2), never {}'s member.
    expect(fieldSchema({ type: "object", properties: { a: "constructor" } })).toEqual({
      type: "object",
      properties: { a: { description: "constructor" } },
    });
  });
});
