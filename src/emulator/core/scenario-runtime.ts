// The live rule set an emulator runs, and the default scenario. No zod here: an emulator started
// without a scenario never loads it (validation is in scenario.ts and scenario-schema.ts).
import { toMs } from './duration.js'
import { DEFAULT_TIMING, type DeliveryTiming, defaultPlan } from './lifecycle.js'
import { type CompiledRule, compileRules, type Decision, decide, quietDecision, type RequestFacts, type RuleContext, RuleIndex } from './rules.js'
import type { Rule, Scenario } from './scenario-schema.js'
import { SCENARIO_VERSION } from './scenario-version.js'

/** What validating `{}` gives (test/scenarios/option-defaults.test.ts keeps them equal), built without zod. */
export function defaultScenario(): Scenario {
  return { version: SCENARIO_VERSION, defaultAccounts: true, accounts: {}, spamKeywords: [], magicNumbers: true, providers: {}, rules: [] }
}

export type RuleOrigin = 'use' | 'scenario' | 'magic'

export interface RuleReport {
  readonly name: string
  readonly origin: RuleOrigin
  /** Requests that met the rule's conditions (before nth / every / after / probability). */
  readonly matched: number
  /** Requests the rule fired for. */
  readonly fired: number
  /** A `once` rule that has fired. */
  readonly spent: boolean
  readonly rule: Rule
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
  /** Puts rules in front of every other (first match wins), until `replace` or `resetRules`. */
  use(rules: readonly Rule[]): void
  /** Rules that apply after the scenario's own (the magic numbers), unless the scenario turns them off. */
  setFallbackRules(rules: readonly Rule[]): void
  replace(scenario: Scenario): void
  /** Restarts counters and `once` rules, and drops rules added with `use`. */
  resetRules(): void
  /** Every rule in the order it applies, with its counters. */
  describe(): RuleReport[]
}

interface RuleSet {
  readonly origin: RuleOrigin
  readonly sources: readonly Rule[]
  compiled: CompiledRule[]
}

export function createScenarioRuntime(initial: Scenario, ctx: Omit<RuleContext, 'timing'>, defaultOptions: (provider: string) => unknown): ScenarioRuntime {
  let scenario = initial
  let timing = timingOf(scenario)
  // Plans are never mutated (a forced outcome writes a new one), so every default message shares one.
  let quiet = quietDecision(defaultPlan(timing))
  let keywords = keywordsOf(scenario)
  let usedCount = 0
  const labels: Record<RuleOrigin, (rule: Rule, index: number) => string> = {
    use: (rule) => rule.name ?? `added rule ${++usedCount}`,
    scenario: (rule, index) => rule.name ?? `rule ${index + 1}`,
    magic: (rule, index) => rule.name ?? `magic number ${index + 1}`,
  }
  const ruleSet = (origin: RuleOrigin, sources: readonly Rule[]): RuleSet => ({ origin, sources, compiled: compileRules(sources, labels[origin]) })
  let used: RuleSet[] = []
  let own = ruleSet('scenario', scenario.rules)
  let fallback = ruleSet('magic', [])
  let active = new RuleIndex([])
  const ruleContext: RuleContext = { ...ctx, timing: () => timing }

  // Counters live in the compiled rules, so adding rules never restarts the others' counts.
  function refresh(): void {
    active = new RuleIndex([...used.flatMap((set) => set.compiled), ...own.compiled, ...(scenario.magicNumbers ? fallback.compiled : [])])
  }
  refresh()

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
    decide: (facts) => decide(active.candidates(facts.to), facts, ruleContext, quiet),
    use(rules) {
      used = [ruleSet('use', rules), ...used]
      refresh()
    },
    setFallbackRules(rules) {
      fallback = ruleSet('magic', rules)
      refresh()
    },
    replace(next) {
      scenario = next
      timing = timingOf(next)
      quiet = quietDecision(defaultPlan(timing))
      keywords = keywordsOf(next)
      used = []
      usedCount = 0
      own = ruleSet('scenario', next.rules)
      refresh()
    },
    resetRules() {
      used = []
      usedCount = 0
      own = ruleSet('scenario', own.sources)
      fallback = ruleSet('magic', fallback.sources)
      refresh()
    },
    describe() {
      const origins = new Map<CompiledRule, RuleOrigin>()
      for (const set of [...used, own, fallback]) for (const rule of set.compiled) origins.set(rule, set.origin)
      return active.rules.map((rule) => ({
        name: rule.label,
        origin: origins.get(rule) ?? 'scenario',
        matched: rule.matched,
        fired: rule.fired,
        spent: rule.spent,
        rule: rule.source,
      }))
    },
  }
}

function keywordsOf(scenario: Scenario): string[] {
  return scenario.spamKeywords.map((word) => word.toLowerCase())
}

function timingOf(scenario: Scenario): DeliveryTiming {
  return {
    sentAfterMs: scenario.dlr?.sentAfter === undefined ? DEFAULT_TIMING.sentAfterMs : toMs(scenario.dlr.sentAfter),
    deliveredAfterMs: scenario.dlr?.deliveredAfter === undefined ? DEFAULT_TIMING.deliveredAfterMs : toMs(scenario.dlr.deliveredAfter),
  }
}
