// The package entry loads and names itself (the building blocks have their own tests).
import { expect, it } from "vitest";
import { SERVICE_PACKAGE } from "../src/index.js";

it("is @skillflow/service", () => expect(SERVICE_PACKAGE).toBe("@skillflow/service"));
