// Scenario rules compiled once: matching a request, counting, and turning `then` into a decision.
import { compileRuleRegex } from './safe-regex.js'
import type { DeliveryReason, Reason } from '../../contracts/reasons.js'
import { deliveryReasons } from '../../contracts/reasons.js'
import { toMs } from './duration.js'
import type { DeliveryStep, DeliveryTiming } from './lifecycle.js'
import { normaliseMsisdn } from '../../contracts/msisdn.js'
import type { Random } from './random.js'
import type { FaultKind, Rule, Then, When } from './scenario-schema.js'

/** What a provider knows of a request once it has read its parameters. */
export interface RequestFacts {
  readonly provider: string
  /** The provider the API belongs to, when it is another's API (`mimsms` for `mimsms-json`): rules naming it match too. */
  readonly realm?: string
  readonly endpoint: string
  /** The account's API key, as sent. */
  readonly account?: string
  readonly from?: string
  /** Recipients, normalised where they could be. */
  readonly to?: readonly string[]
  readonly text?: string
}

export interface Fault {
  readonly kind: FaultKind
  readonly retryAfterMs?: number
}

export interface DeliveryChoice {
  readonly plan: readonly DeliveryStep[]
  readonly rule?: string
}

/** What the scenario says about one request. Each effect comes from the first matching rule that has it. */
export interface Decision {
  /** Names of every rule that took part, for the journal. */
  readonly rules: readonly string[]
  readonly reject?: Reason
  readonly code?: string
  readonly latencyMs?: number
  readonly fault?: Fault
  /** The delivery plan of one recipient (defaults when no rule speaks of it). */
  deliveryFor(to: string): DeliveryChoice
}

export interface RuleContext {
  readonly random: Random
  timing(): DeliveryTiming
  /** The neutral outcome of a provider's DLR code. */
  deliveryCode(provider: string, code: string): DeliveryReason | undefined
}

type StringTest = (value: string) => boolean

export interface CompiledRule {
  readonly label: string
  readonly source: Rule
  readonly test: {
    readonly provider?: StringTest
    readonly endpoint?: StringTest
    readonly to?: StringTest
    readonly from?: StringTest
    readonly text?: StringTest
    readonly account?: StringTest
  }
  /** The recipients (normal form) the rule is limited to, when it names them exactly: its keys in a `RuleIndex`. */
  readonly toKeys: readonly string[] | undefined
  /** Requests that met the conditions. */
  matched: number
  /** Requests the rule fired for (after nth, every, after and probability). */
  fired: number
  spent: boolean
}

function compileMatcher(matcher: When['to'], normalise: (value: string) => string = (value) => value): StringTest | undefined {
  if (matcher === undefined) return undefined
  if (typeof matcher === 'string') {
    const expected = normalise(matcher)
    return (value) => value === expected
  }
  if (Array.isArray(matcher)) {
    const values = new Set(matcher.map(normalise))
    return (value) => values.has(value)
  }
  if ('equals' in matcher) {
    const expected = normalise(matcher.equals)
    return (value) => value === expected
  }
  if ('prefix' in matcher) {
    const prefix = normalise(matcher.prefix)
    return (value) => value.startsWith(prefix)
  }
  const regex = compileRuleRegex(matcher.regex)
  return (value) => regex.test(value)
}

/** The values an exact matcher (a string, a list, `equals`) accepts; `undefined` for prefixes and patterns. */
function exactValues(matcher: When['to'], normalise: (value: string) => string): string[] | undefined {
  if (matcher === undefined) return undefined
  if (typeof matcher === 'string') return [normalise(matcher)]
  if (Array.isArray(matcher)) return [...new Set(matcher.map(normalise))]
  if ('equals' in matcher) return [normalise(matcher.equals)]
  return undefined
}

/** Recipients are compared in normal form, so a rule may spell a number `01712345678` or `+8801712345678`. */
function normaliseNumber(value: string): string {
  return normaliseMsisdn(value) ?? value
}

/** A prefix in the local or international spelling (`017`, `+88017`) becomes a prefix of the normal form. */
function normaliseNumberPrefix(value: string): string {
  const digits = value.trim().replace(/^\+/, '')
  return digits.startsWith('0') ? `88${digits}` : digits
}

export function compileRules(rules: readonly Rule[], label: (rule: Rule, index: number) => string): CompiledRule[] {
  return rules.map((rule, index) => {
    const to = rule.when.to
    return {
      label: label(rule, index),
      source: rule,
      test: {
        provider: compileMatcher(rule.when.provider),
        endpoint: compileMatcher(rule.when.endpoint),
        to:
          to !== undefined && typeof to === 'object' && !Array.isArray(to) && 'prefix' in to
            ? compileMatcher(to, normaliseNumberPrefix)
            : compileMatcher(to, normaliseNumber),
        from: compileMatcher(rule.when.from),
        text: compileMatcher(rule.when.text),
        account: compileMatcher(rule.when.account),
      },
      toKeys: exactValues(to, normaliseNumber),
      matched: 0,
      fired: 0,
      spent: false,
    }
  })
}

/**
 * Rules in order, indexed by the recipients they name exactly (the magic numbers and most per-number
 * rules), so a request tests the rules without recipients and only those naming one of its own: a rule
 * naming other numbers could not match it, and testing it would change nothing.
 */
export class RuleIndex {
  /** The rules that name no exact recipients, in order. */
  readonly #open: readonly CompiledRule[]
  readonly #openPositions: readonly number[]
  readonly #byTo = new Map<string, number[]>()

  constructor(readonly rules: readonly CompiledRule[]) {
    const open: CompiledRule[] = []
    const openPositions: number[] = []
    rules.forEach((rule, position) => {
      if (rule.toKeys === undefined) {
        open.push(rule)
        openPositions.push(position)
        return
      }
      for (const key of rule.toKeys) {
        const positions = this.#byTo.get(key)
        if (positions) positions.push(position)
        else this.#byTo.set(key, [position])
      }
    })
    this.#open = open
    this.#openPositions = openPositions
  }

  /** The rules that may match a request to these recipients, in rule order. */
  candidates(to: readonly string[] | undefined): readonly CompiledRule[] {
    if (to === undefined || this.#byTo.size === 0) return this.#open
    let hits: number[] | undefined
    for (const number of to) {
      const positions = this.#byTo.get(number)
      if (positions) (hits ??= []).push(...positions)
    }
    if (hits === undefined) return this.#open
    const positions = [...new Set([...this.#openPositions, ...hits])].sort((a, b) => a - b)
    return positions.map((position) => this.rules[position] as CompiledRule)
  }
}

function conditionsHold(rule: CompiledRule, facts: RequestFacts): boolean {
  const { test } = rule
  if (test.provider && !test.provider(facts.provider) && !(facts.realm !== undefined && test.provider(facts.realm))) return false
  if (test.endpoint && !test.endpoint(facts.endpoint)) return false
  if (test.to && !(facts.to ?? []).some(test.to)) return false
  if (test.from && (facts.from === undefined || !test.from(facts.from))) return false
  if (test.text && (facts.text === undefined || !test.text(facts.text))) return false
  if (test.account && (facts.account === undefined || !test.account(facts.account))) return false
  return true
}

/** Counts the request against the rule and says whether the rule fires for it. */
function fires(rule: CompiledRule, facts: RequestFacts, random: Random): boolean {
  if (rule.spent || !conditionsHold(rule, facts)) return false
  rule.matched++
  const { nth, every, after, probability } = rule.source.when
  if (nth !== undefined && rule.matched !== nth) return false
  if (every !== undefined && rule.matched % every !== 0) return false
  if (after !== undefined && rule.matched <= after) return false
  if (probability !== undefined && !(random.next() < probability)) return false
  rule.fired++
  return true
}

function isDeliveryReason(value: string): value is DeliveryReason {
  return Object.hasOwn(deliveryReasons, value)
}

/** Turns a rule's `dlr` into a plan, relative to release. */
export function planFromDlr(dlr: NonNullable<Then['dlr']>, provider: string, ctx: RuleContext): DeliveryStep[] {
  const timing = ctx.timing()
  const final = (afterMs: number, reason: DeliveryReason, code?: string): DeliveryStep => ({
    afterMs,
    status: reason === 'delivered' ? 'delivered' : 'failed',
    reason,
    ...(code === undefined ? {} : { code }),
  })
  if (typeof dlr === 'string' || !Array.isArray(dlr)) {
    const spec = typeof dlr === 'string' ? { outcome: dlr } : dlr
    const sentAfterMs = spec.sentAfter === undefined ? timing.sentAfterMs : toMs(spec.sentAfter)
    const finalAfterMs = spec.finalAfter === undefined ? Math.max(timing.deliveredAfterMs, sentAfterMs) : toMs(spec.finalAfter)
    const outcome = spec.outcome ?? (spec.code === undefined ? 'delivered' : (ctx.deliveryCode(provider, spec.code) ?? 'rejected'))
    if (outcome === 'pending') return []
    const sent: DeliveryStep = { afterMs: Math.min(sentAfterMs, finalAfterMs), status: 'sent' }
    if (outcome === 'sent') return [sent]
    return [sent, final(finalAfterMs, isDeliveryReason(outcome) ? outcome : 'rejected', spec.code)]
  }
  return dlr
    .map(([after, status, detail]): DeliveryStep => {
      const afterMs = toMs(after)
      if (status === 'sent') return { afterMs, status }
      if (detail === undefined) return final(afterMs, status === 'delivered' ? 'delivered' : 'rejected')
      if (isDeliveryReason(detail)) return final(afterMs, detail)
      return final(afterMs, ctx.deliveryCode(provider, detail) ?? (status === 'delivered' ? 'delivered' : 'rejected'), detail)
    })
    .sort((a, b) => a.afterMs - b.afterMs)
}

/** A DLR code the API does not know may be one of its provider's other APIs (a rule aimed at the provider). */
function realmContext(ctx: RuleContext, facts: RequestFacts): RuleContext {
  const realm = facts.realm
  if (realm === undefined) return ctx
  return { ...ctx, deliveryCode: (provider, code) => ctx.deliveryCode(provider, code) ?? ctx.deliveryCode(realm, code) }
}

function latencyOf(latency: NonNullable<Then['latency']>, random: Random): number {
  if (typeof latency === 'object') return random.int(toMs(latency.min), Math.max(toMs(latency.min), toMs(latency.max)))
  return toMs(latency)
}

/**
 * Runs the request through the rules in order. A rule that fires contributes each effect no earlier
 * rule has set; a `once` rule is spent when it fires.
 */
/** What a request no rule fires for gets: no effects, the default plan for every recipient. */
export function quietDecision(plan: readonly DeliveryStep[]): Decision {
  const choice: DeliveryChoice = { plan }
  return { rules: [], deliveryFor: () => choice }
}

export function decide(rules: readonly CompiledRule[], facts: RequestFacts, ctx: RuleContext, quiet: Decision): Decision {
  const names: string[] = []
  let reject: Reason | undefined
  let code: string | undefined
  let latencyMs: number | undefined
  let fault: Fault | undefined
  const deliveryRules: CompiledRule[] = []

  for (const rule of rules) {
    if (!fires(rule, facts, ctx.random)) continue
    const { then } = rule.source
    let used = false
    if (then.reject !== undefined && reject === undefined && code === undefined) {
      reject = then.reject as Reason
      used = true
    }
    if (then.code !== undefined && reject === undefined && code === undefined) {
      code = then.code
      used = true
    }
    if (then.latency !== undefined && latencyMs === undefined) {
      latencyMs = latencyOf(then.latency, ctx.random)
      used = true
    }
    if (then.fault !== undefined && fault === undefined) {
      fault =
        typeof then.fault === 'string'
          ? { kind: then.fault }
          : { kind: then.fault.kind, ...(then.fault.retryAfter === undefined ? {} : { retryAfterMs: toMs(then.fault.retryAfter) }) }
      used = true
    }
    if (then.dlr !== undefined) {
      deliveryRules.push(rule)
      used = true
    }
    if (used) {
      names.push(rule.label)
      if (rule.source.once) rule.spent = true
    }
  }

  if (names.length === 0) return quiet
  return {
    rules: names,
    ...(reject === undefined ? {} : { reject }),
    ...(code === undefined ? {} : { code }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(fault === undefined ? {} : { fault }),
    deliveryFor(to) {
      for (const rule of deliveryRules) {
        if (rule.test.to && !rule.test.to(to)) continue
        const dlr = rule.source.then.dlr
        if (dlr !== undefined) return { plan: planFromDlr(dlr, facts.provider, realmContext(ctx, facts)), rule: rule.label }
      }
      return quiet.deliveryFor(to)
    },
  }
}
