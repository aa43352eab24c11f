// Loading a scenario (file or object) with precise errors, and the live rule set an emulator runs.
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { toMs } from './duration.js'
import { DEFAULT_TIMING, type DeliveryStep, type DeliveryTiming, defaultPlan } from './lifecycle.js'
import type { ProviderDefinition } from './provider.js'
import { compileRules, type Decision, decide, type RequestFacts, type RuleContext } from './rules.js'
import { type Rule, type Scenario, scenarioSchema } from './scenario-schema.js'

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError'
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message)
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$')
}

/** Validates a scenario object against the schema built from the providers' option schemas. */
export function parseScenario(input: unknown, providers: readonly ProviderDefinition[], source = 'scenario'): Scenario {
  const schema = scenarioSchema(Object.fromEntries(providers.map((p) => [p.name, p.optionsSchema])))
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`)
  throw new ScenarioError(`Failed to load ${source}: ${issues.length} problem(s).\n${lines.join('\n')}`, issues)
}

export async function loadScenarioFile(file: string, providers: readonly ProviderDefinition[]): Promise<Scenario> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ScenarioError(`Failed to load ${file}: ${(error as Error).message}. Check the path passed to --scenario.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ScenarioError(`Failed to load ${file}: not valid JSON (${(error as Error).message}).`)
  }
  return parseScenario(json, providers, file)
}

/** The scenario an emulator is running, with its compiled rules and their counters. */
export interface ScenarioRuntime {
  readonly current: Scenario
  readonly timing: DeliveryTiming
  /** Lower-cased spam keywords. */
  readonly spamKeywords: readonly string[]
  /** A provider's validated switches (its `optionsSchema` output). */
  options<T>(provider: string): T
  decide(facts: RequestFacts): Decision
  /** Puts rules in front of the scenario's own (first match wins), until `replace` or `reset`. */
  use(rules: readonly Rule[]): void
  /** Rules that apply after the scenario's own (magic numbers). */
  setFallbackRules(rules: readonly Rule[]): void
  replace(scenario: Scenario): void
  /** Restarts counters, `once` rules and drops rules added with `use`. */
  resetRules(): void
  /** Every rule in the order it applies, with how often it matched. */
  describe(): { name: string; matched: number; spent: boolean; rule: Rule }[]
}

export function createScenarioRuntime(initial: Scenario, ctx: Omit<RuleContext, 'timing'>, defaultOptions: (provider: string) => unknown): ScenarioRuntime {
  let scenario = initial
  let timing = timingOf(scenario)
  let extraRules: Rule[] = []
  let fallbackRules: readonly Rule[] = []
  let compiled = compileAll()
  let keywords = scenario.spamKeywords.map((word) => word.toLowerCase())
  const ruleContext: RuleContext = { ...ctx, timing: () => timing }

  function compileAll() {
    return compileRules([...extraRules, ...scenario.rules, ...(scenario.magicNumbers ? fallbackRules : [])])
  }

  return {
    get current() {
      return scenario
    },
    get timing() {
      return timing
    },
    get spamKeywords() {
      return keywords
    },
    options<T>(provider: string): T {
      return ((scenario.providers as Record<string, unknown>)[provider] ?? defaultOptions(provider)) as T
    },
    decide: (facts) => decide(compiled, facts, ruleContext, (): DeliveryStep[] => defaultPlan(timing)),
    use(rules) {
      extraRules = [...rules, ...extraRules]
      compiled = compileAll()
    },
    setFallbackRules(rules) {
      fallbackRules = rules
      compiled = compileAll()
    },
    replace(next) {
      scenario = next
      timing = timingOf(next)
      keywords = next.spamKeywords.map((word) => word.toLowerCase())
      extraRules = []
      compiled = compileAll()
    },
    resetRules() {
      extraRules = []
      compiled = compileAll()
    },
    describe: () => compiled.map((rule) => ({ name: rule.label, matched: rule.matched, spent: rule.spent, rule: rule.source })),
  }
}

function timingOf(scenario: Scenario): DeliveryTiming {
  return {
    sentAfterMs: scenario.dlr?.sentAfter === undefined ? DEFAULT_TIMING.sentAfterMs : toMs(scenario.dlr.sentAfter),
    deliveredAfterMs: scenario.dlr?.deliveredAfter === undefined ? DEFAULT_TIMING.deliveredAfterMs : toMs(scenario.dlr.deliveredAfter),
  }
}

export type { Scenario, Rule }
export type ProviderOptionsSchema = z.ZodType
