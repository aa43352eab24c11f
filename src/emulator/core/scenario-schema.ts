// The scenario file format (version 1), as a zod schema: validation, types and the published JSON Schema.
import { ruleRegexProblem } from './safe-regex.js'
import { z } from 'zod'
import { finalDeliveryCodes } from '../../contracts/lookup.js'
import { deliveryReasonNames, reasonNames } from '../../contracts/reasons.js'
import { DURATION } from './duration.js'
import type { ProviderFacts } from './provider-facts.js'
import { SCENARIO_VERSION } from './scenario-version.js'

export { SCENARIO_VERSION }

const DURATION_EXPECTED = 'expected a duration: milliseconds, or a number with a unit (ms, s, m, h, d) such as "5s"'
const duration = z
  .union([z.number().nonnegative({ error: DURATION_EXPECTED }), z.string().regex(DURATION, { error: DURATION_EXPECTED })], { error: DURATION_EXPECTED })
  .describe('Milliseconds, or a number with a unit: "250ms", "5s", "2m", "1h"')

const pattern = z
  .string()
  .superRefine((source, ctx) => {
    const problem = ruleRegexProblem(source)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })
  .describe('A regular expression without slashes, in RE2 syntax (JavaScript syntax less lookaround and backreferences): it runs in linear time')

/** Matches a string exactly (a plain string), by prefix, by regular expression, or against a list. */
const stringMatcher = z.union(
  [
    z.string().describe('Exact match'),
    z.object({ equals: z.string() }).strict(),
    z.object({ prefix: z.string() }).strict(),
    z.object({ regex: pattern }).strict(),
    z.array(z.string()).describe('Any of these exact values'),
  ],
  { error: 'expected a string (exact match), a list of strings, or an object with one key: "equals", "prefix" or "regex"' },
)

const oneOrMany = <T extends z.ZodType>(item: T, allowed: readonly string[] = []) =>
  z.union([item, z.array(item).min(1)], {
    error: allowed.length === 0 ? 'expected a name or a list of names' : `expected one of ${allowed.join(', ')}, or a list of them`,
  })

const ipList = z.array(z.string().min(1))

// A DNS name, any case: routing compares names in lower case.
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/

const account = z
  .object({
    key: z.string().min(1).describe('API key: DiniSoft `apikey`, MiM `api_key`'),
    secret: z.string().min(1).describe('DiniSoft `secretkey`, MiM login password'),
    name: z.string().min(1).describe('DiniSoft balance `client`, MiM login username'),
    balance: z.number().nonnegative().default(1000).describe('Credits; one SMS segment to one recipient costs one credit'),
    senders: z.array(z.string().min(1)).optional().describe('Approved sender IDs; omit to accept any (DiniSoft) or only the defaults (MiM)'),
    allowedIps: ipList.optional().describe('Source IPs allowed to call; omit to allow every IP'),
  })
  .strict()

export const accountSchema = account

const statusOutcome = z.enum(['pending', 'sent', ...deliveryReasonNames])

const timelineStep = z
  .tuple([duration, z.enum(['sent', 'delivered', 'failed']), z.string().min(1).optional()])
  .describe('[after, status, reason or provider DLR code]: ["2s", "sent"], ["10s", "failed", "absent-subscriber"], ["10s", "failed", "1028"]')

const dlr = z.union(
  [
    statusOutcome.describe('The outcome with the default timing; "pending" never leaves pending, "sent" stays sent'),
    z
      .object({
        outcome: statusOutcome.optional(),
        code: z.string().min(1).optional().describe("A provider DLR code named directly (MiM '1028'); implies the outcome it means"),
        sentAfter: duration.optional().describe('From release to "sent"'),
        finalAfter: duration.optional().describe('From release to the final state'),
      })
      .strict(),
    z.array(timelineStep).min(1).describe('An explicit timeline, relative to release'),
  ],
  {
    error: `expected an outcome (${['pending', 'sent', ...deliveryReasonNames].join(', ')}), an object { outcome, code, sentAfter, finalAfter }, or a timeline [["2s", "sent"], ["5s", "delivered"]]`,
  },
)

export const faultKinds = ['http-500', 'http-502', 'http-503', 'malformed', 'drop', 'hang', 'rate-limit'] as const

const fault = z.union(
  [
    z.enum(faultKinds),
    z
      .object({
        kind: z.enum(faultKinds),
        retryAfter: duration.optional().describe('rate-limit: the Retry-After the answer carries (default 1s)'),
      })
      .strict(),
  ],
  { error: `expected a fault kind (${faultKinds.join(', ')}) or an object { kind, retryAfter }` },
)

const latency = z.union([duration, z.object({ min: duration, max: duration }).strict()], {
  error: 'expected a duration ("2s", 2000) or a range { "min": "1s", "max": "3s" }',
})

const whenShape = {
  provider: oneOrMany(z.string()).optional().describe('Provider name(s): dinisoft, mimsms'),
  endpoint: oneOrMany(z.string()).optional().describe('Contract endpoint id(s): sendtext, getstatus, smsapi, getDLR, ...'),
  to: stringMatcher.optional().describe('Any recipient of the request, compared in normal form 8801XXXXXXXXX'),
  from: stringMatcher.optional().describe('Sender ID'),
  text: stringMatcher.optional().describe('Message text'),
  account: stringMatcher.optional().describe('Account API key'),
  nth: z.number().int().positive().optional().describe('Only the nth request matching the other conditions (1 = the first)'),
  every: z.number().int().positive().optional().describe('Every kth request matching the other conditions'),
  after: z.number().int().nonnegative().optional().describe('Every request after the first n matching ones'),
  probability: z.number().min(0).max(1).optional().describe('Chance of firing, drawn from the seeded random source'),
}

export const whenSchema = z.object(whenShape).strict()

export const thenSchema = z
  .object({
    reject: z.enum(reasonNames).optional().describe("A neutral reason; each provider answers it with its own code (MiM 1007, DiniSoft 1 for 'insufficient-balance')"),
    code: z.string().min(1).optional().describe("A documented provider code, answered in the provider's own format (aim the rule at that provider)"),
    dlr: dlr.optional().describe('Delivery outcome and timeline of the matching recipients'),
    latency: latency.optional().describe('Delay before answering, fixed or a range (wall-clock time: the client feels it)'),
    fault: fault.optional().describe('Break the answer: an HTTP error page, a malformed body, a dropped connection, no answer, a rate limit'),
  })
  .strict()
  .refine((then) => Object.values(then).some((value) => value !== undefined), { message: 'a rule must do something: reject, code, dlr, latency or fault' })
  .refine((then) => then.reject === undefined || then.code === undefined, { message: 'give either "reject" (a neutral reason) or "code" (a provider code), not both' })

export const ruleSchema = z
  .object({
    name: z.string().min(1).optional().describe('Shown in the journal and the control API; defaults to the rule\'s place, "rule 1"'),
    when: whenSchema.default({}),
    then: thenSchema,
    once: z.boolean().optional().describe('Fire at most once, then never again (until reset)'),
  })
  .strict()

/** What the schema needs to know of a provider. */
export type ScenarioProvider = Pick<ProviderFacts, 'name' | 'optionsSchema' | 'contract' | 'deliveryCode'> & {
  readonly title?: string
  readonly realm?: string
}

const realmName = (provider: ScenarioProvider) => provider.realm ?? provider.name

/**
 * The switches of each realm (a provider and the APIs that belong to it): one section per realm in a
 * scenario's `providers`, holding every API's switches (their object schemas merged, strict).
 */
export function realmOptionsSchemas(providers: readonly ScenarioProvider[]): Map<string, z.ZodType> {
  // Merging object schemas is slow (zod materialises their shapes), and every scenario parse asks.
  const cached = realmSchemasCache.get(providers)
  if (cached) return cached
  const byRealm = new Map<string, ScenarioProvider[]>()
  for (const provider of providers) byRealm.set(realmName(provider), [...(byRealm.get(realmName(provider)) ?? []), provider])
  const schemas = new Map<string, z.ZodType>()
  for (const [realm, members] of byRealm) {
    const objects = members.map((member) => member.optionsSchema)
    if (objects.length === 1 || !objects.every((schema) => schema instanceof z.ZodObject)) {
      schemas.set(realm, (members.find((member) => member.name === realm) ?? members[0])?.optionsSchema ?? z.object({}).strict())
      continue
    }
    const shape = Object.assign({}, ...(objects as z.ZodObject[]).map((schema) => schema.shape)) as z.ZodRawShape
    schemas.set(realm, z.object(shape).strict())
  }
  realmSchemasCache.set(providers, schemas)
  return schemas
}

const realmSchemasCache = new WeakMap<readonly ScenarioProvider[], Map<string, z.ZodType>>()

function enumOf(values: readonly string[]): z.ZodType<string> {
  return values.length === 0 ? z.string() : z.enum(values as [string, ...string[]])
}

const unique = (values: readonly string[]) => [...new Set(values)]

/** The endpoint ids of a provider's contract. */
function endpointIds(provider: ScenarioProvider): string[] {
  return provider.contract?.endpoints.map((endpoint) => endpoint.id) ?? []
}

/** The refusal codes of a provider's contract (a rule answering "accepted" would accept nothing); undefined when it lists none. */
function refusalCodes(provider: ScenarioProvider): string[] | undefined {
  const codes = (provider.contract?.endpoints ?? []).flatMap((endpoint) => endpoint.codes ?? []).filter((entry) => entry.reasons.length > 0)
  return codes.length === 0 ? undefined : unique(codes.map((entry) => entry.code))
}

/** The providers a rule is aimed at: those named in `when.provider`, or all. */
function targets(rule: z.output<typeof ruleSchema>, providers: readonly ScenarioProvider[]): readonly ScenarioProvider[] {
  const named = rule.when.provider
  if (named === undefined) return providers
  const names = new Set(Array.isArray(named) ? named : [named])
  // Naming a provider aims the rule at its other APIs too.
  return providers.filter((provider) => names.has(provider.name) || names.has(realmName(provider)))
}

const isDeliveryReason = (value: string) => (deliveryReasonNames as readonly string[]).includes(value)

/** A code a rule names must mean something to a provider it is aimed at. */
function checkCodes(rule: z.output<typeof ruleSchema>, providers: readonly ScenarioProvider[], ctx: z.RefinementCtx): void {
  const aimed = targets(rule, providers)
  const title = (p: ScenarioProvider) => p.title ?? p.name
  const hint = (owners: readonly ScenarioProvider[]) =>
    owners.length > 0 ? ` Aim the rule at ${owners.map((p) => p.name).join(' or ')} with "when": { "provider": "${owners[0]?.name}" }.` : ''

  // Enough that one aimed provider knows the code: the others answer it as a bare refusal.
  const code = rule.then.code
  if (code !== undefined) {
    // A provider whose contract lists no codes cannot be checked, so it may know the code.
    const checkable = aimed.filter((p) => refusalCodes(p) !== undefined)
    if (checkable.length > 0 && checkable.length === aimed.length && !checkable.some((p) => refusalCodes(p)?.includes(code))) {
      const owners = providers.filter((p) => refusalCodes(p)?.includes(code))
      const known = checkable.map((p) => `${title(p)}: ${refusalCodes(p)?.join(', ')}`).join('; ')
      ctx.addIssue({ code: 'custom', path: ['then', 'code'], message: `"${code}" is not a refusal code of ${checkable.map(title).join(' or ')} (${known}).${hint(owners)}` })
    }
  }

  const named: { code: string; path: PropertyKey[] }[] = []
  const dlr = rule.then.dlr
  if (Array.isArray(dlr)) {
    dlr.forEach((step, index) => {
      if (step[2] !== undefined) named.push({ code: step[2], path: ['then', 'dlr', index, 2] })
    })
  } else if (typeof dlr === 'object' && dlr.code !== undefined) {
    named.push({ code: dlr.code, path: ['then', 'dlr', 'code'] })
  }
  const withCodes = (p: ScenarioProvider) => {
    const codes = p.contract ? finalDeliveryCodes(p.contract) : []
    return codes.length > 0 ? `${title(p)} (${codes.join(', ')})` : title(p)
  }
  // A DLR code unknown to some of the aimed providers is still fine: their reports just say "failed".
  for (const { code: deliveryCode, path } of named) {
    if (isDeliveryReason(deliveryCode) || aimed.some((p) => p.deliveryCode(deliveryCode) !== undefined)) continue
    const owners = providers.filter((p) => p.deliveryCode(deliveryCode) !== undefined)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `"${deliveryCode}" is neither a delivery reason (${deliveryReasonNames.join(', ')}) nor a DLR code of ${aimed.map(withCodes).join(' or ')}.${hint(owners)}`,
    })
  }
}

const NO_PROVIDERS: readonly ScenarioProvider[] = []
const built = new WeakMap<readonly ScenarioProvider[], ReturnType<typeof buildScenarioSchema>>()

/**
 * The schema of a scenario file for a set of providers: their names, endpoints, codes and option
 * switches become part of it, so a typo is an error on load and editors complete the names.
 * Built once per providers list: building and zod's first parse cost about a thousand parses.
 */
export function scenarioSchema(providers: readonly ScenarioProvider[] = NO_PROVIDERS): ReturnType<typeof buildScenarioSchema> {
  let schema = built.get(providers)
  if (!schema) {
    schema = buildScenarioSchema(providers)
    built.set(providers, schema)
  }
  return schema
}

function buildScenarioSchema(providers: readonly ScenarioProvider[]) {
  const providerNames = providers.map((p) => p.name)
  const endpoints = unique(providers.flatMap(endpointIds))
  const when = whenSchema.extend({
    provider: oneOrMany(enumOf(providerNames), providerNames).optional().describe('Provider name(s)'),
    endpoint: oneOrMany(enumOf(endpoints), endpoints).optional().describe('Contract endpoint id(s)'),
  })
  const rule = ruleSchema.extend({ when: when.default({}) }).superRefine((value, ctx) => checkCodes(value, providers, ctx))
  const realms = realmOptionsSchemas(providers)
  const accounts = z.object(Object.fromEntries([...realms.keys()].map((realm) => [realm, z.array(account).optional()]))).strict()
  const providerOptions = z.object(Object.fromEntries([...realms].map(([realm, schema]) => [realm, schema.optional()]))).strict()
  return z
    .object({
      $schema: z.string().optional().describe('Where editors find this schema'),
      version: z.literal(SCENARIO_VERSION).default(SCENARIO_VERSION).describe('The format version; 1'),
      name: z.string().optional(),
      description: z.string().optional(),
      seed: z.number().int().optional().describe('Seed of the random source: same seed, same requests, same ids and outcomes'),
      clock: z
        .object({
          mode: z.enum(['real', 'manual']).optional().describe('real: time flows; manual: frozen until advanced'),
          start: z.iso.datetime({ offset: true }).optional().describe('Where the timeline starts, e.g. "2026-01-15T10:00:00+06:00"'),
        })
        .strict()
        .optional()
        .describe('Applied when the emulator starts with this scenario (flags and options win); ignored on replacement'),
      dlr: z
        .object({ sentAfter: duration.optional(), deliveredAfter: duration.optional() })
        .strict()
        .optional()
        .describe('Default delivery timing, from release: sent after 1s, delivered after 3s'),
      defaultAccounts: z.boolean().default(true).describe('Keep the built-in demo accounts beside the ones listed'),
      accounts: accounts.default({}).describe('Accounts per provider'),
      spamKeywords: z.array(z.string().min(1)).default([]).describe('Case-insensitive words that make a provider with a spam filter refuse the text'),
      magicNumbers: z.boolean().default(true).describe('Whether the built-in magic recipient numbers apply (after the rules)'),
      providers: providerOptions.default({}).describe('Per-provider behaviour switches'),
      rules: z.array(rule).default([]).describe('Ordered rules: for each effect, the first rule that fires and has it decides'),
      hostAliases: z
        .record(z.string().regex(HOST_NAME, { error: 'expected a host name such as "sms.reseller.example"' }), enumOf(providerNames))
        .optional()
        .describe('More host names the emulator answers as a provider\'s (white-label panels): { "sms.reseller.example": "mimsms" }. See docs/interception.md'),
    })
    .strict()
}

export type ScenarioInput = z.input<ReturnType<typeof scenarioSchema>>
export type Scenario = z.output<ReturnType<typeof scenarioSchema>>
export type RuleInput = z.input<typeof ruleSchema>
export type Rule = z.output<typeof ruleSchema>
export type When = z.output<typeof whenSchema>
export type Then = z.output<typeof thenSchema>
export type FaultKind = (typeof faultKinds)[number]
export type AccountInput = z.input<typeof account>
