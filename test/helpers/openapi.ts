// OpenAPI 3.1 validation for the tests. One validator for all of them: it compiles the OpenAPI meta-schema
// with ajv on its first document (most of a validation's CPU) and keeps it; each validate() starts afresh.
import { Validator } from '@seriousme/openapi-schema-validator'

const validator = new Validator()

/** Whether `document` is valid OpenAPI (3.0 or 3.1, as it declares), and if not, why. */
export async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors: unknown }> {
  const { valid, errors } = await validator.validate(document as Record<string, unknown>)
  return { valid, errors }
}
