// Loading a scenario (file or object) with precise errors, and the live rule set an emulator runs.
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { jsonErrorOffset } from './json-syntax.js'
import { type Rule, ruleSchema, type Scenario, type ScenarioProvider, scenarioSchema } from './scenario-schema.js'

export interface ScenarioIssue {
  /** Where in the document, as a JSON path: `$.rules[0].then.dlr`. */
  readonly path: string
  readonly message: string
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError'
  constructor(
    message: string,
    readonly issues: readonly ScenarioIssue[] = [],
  ) {
    super(message)
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export function formatPath(path: readonly PropertyKey[], root = '$'): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    const name = String(key)
    return IDENTIFIER.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`
  }, root)
}

/** Zod's words where they are vague: unknown keys name the keys that are allowed. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'unrecognized_keys') {
    const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape
    const keys = issue.keys.map((key) => `"${key}"`).join(', ')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${shape ? `; expected one of ${Object.keys(shape).join(', ')}` : ''}`
  }
  return undefined
}

/** Validates `input` against `schema` and turns every problem into one line naming its JSON path. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, action: string): z.output<T> {
  const result = schema.safeParse(input, { error: errorMap })
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
  const lines = issues.slice(0, LISTED_ISSUES).map((issue) => `  ${issue.path}: ${issue.message}`)
  if (issues.length > LISTED_ISSUES) lines.push(`  ...and ${issues.length - LISTED_ISSUES} more`)
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`
  throw new ScenarioError(`Failed to ${action}: ${count}.\n${lines.join('\n')}`, issues)
}

const LISTED_ISSUES = 50
/** Rules are matched in order on every request: a longer list is a mistake, and validating it would stall the process. */
export const MAX_RULES = 1000

function refuseTooManyRules(rules: unknown, path: string, action: string): void {
  if (!Array.isArray(rules) || rules.length <= MAX_RULES) return
  const message = `at most ${MAX_RULES} rules, not ${rules.length}`
  throw new ScenarioError(`Failed to ${action}: ${path}: ${message}.`, [{ path, message }])
}

/** Validates a scenario object against the schema built from the providers' names, codes and switches. */
// Building the schema costs far more than validating with it (certify starts an emulator per cell).
const schemas = new WeakMap<readonly ScenarioProvider[], ReturnType<typeof scenarioSchema>>()

function schemaFor(providers: readonly ScenarioProvider[]): ReturnType<typeof scenarioSchema> {
  let schema = schemas.get(providers)
  if (!schema) {
    schema = scenarioSchema(providers)
    schemas.set(providers, schema)
  }
  return schema
}

export function parseScenario(input: unknown, providers: readonly ScenarioProvider[], source = 'scenario'): Scenario {
  if (input !== null && typeof input === 'object') refuseTooManyRules((input as { rules?: unknown }).rules, '$.rules', `load ${source}`)
  return validate(schemaFor(providers), input, `load ${source}`)
}

/** Validates rules added at run time (`use`) as strictly as a scenario file's. */
export function parseRules(input: readonly unknown[], providers: readonly ScenarioProvider[]): Rule[] {
  refuseTooManyRules(input, '$', 'add rules')
  const rules = schemaFor(providers).shape.rules
  return validate(rules, input, 'add rules') as Rule[]
}

/** `line:column` of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`
}

export async function loadScenarioFile(file: string, providers: readonly ScenarioProvider[]): Promise<Scenario> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ScenarioError(`Failed to load ${file}: ${(error as Error).message}. Check the path given to --scenario.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const offset = jsonErrorOffset(text)
    const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`
    throw new ScenarioError(`Failed to load ${file}: not valid JSON${where} (${message}).`, [{ path: '$', message }])
  }
  return parseScenario(json, providers, file)
}

export { ruleSchema }
export { createScenarioRuntime, type RuleOrigin, type RuleReport, type ScenarioRuntime } from './scenario-runtime.js'
export type { Scenario, Rule }
export type ProviderOptionsSchema = z.ZodType
