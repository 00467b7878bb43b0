// The JSON Schema validator MCP clients check tool results with: Ajv with patterns on RE2 (linear time).
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { safeRegExp } from "../pattern.js";

// Like the SDK's default (draft-07, not strict, every error), with the schema's patterns compiled
// for RE2: a server's output schema and its result cannot hang the process between them. Formats
// are not checked (the package ships no format vocabulary).
const OPTIONS = {
  strict: false,
  allErrors: true,
  validateSchema: false,
  validateFormats: false,
  addUsedSchema: false,
  code: { regExp: safeRegExp },
} as const;

const is2020 = (schema: JsonSchemaType): boolean =>
  typeof schema.$schema === "string" && schema.$schema.includes("2020-12");

/** A `jsonSchemaValidator` for `new Client(…, { jsonSchemaValidator })`. */
export class SafeJsonSchemaValidator implements jsonSchemaValidator {
  #draft7: Ajv | undefined;
  #draft2020: Ajv2020 | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const ajv = is2020(schema)
      ? (this.#draft2020 ??= new Ajv2020(OPTIONS))
      : (this.#draft7 ??= new Ajv(OPTIONS));
    const validate: ValidateFunction = ajv.compile(schema);
    return (input) =>
      validate(input)
        ? { valid: true, data: input as T, errorMessage: undefined }
        : { valid: false, data: undefined, errorMessage: ajv.errorsText(validate.errors) };
  }
}
