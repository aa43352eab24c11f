// The scenario file format (version 1), as a zod schema: validation, types and the published JSON Schema.
import { z } from 'zod'
import { deliveryReasonNames, reasonNames } from '../../contracts/reasons.js'
import { isDuration } from './duration.js'

export const SCENARIO_VERSION = 1

const duration = z
  .union([z.number(), z.string()])
  .refine(isDuration, { message: 'expected a duration: milliseconds, or a number with a unit (ms, s, m, h, d) such as "5s"' })
  .describe('Milliseconds, or a number with a unit: "250ms", "5s", "2m", "1h"')

const pattern = z
  .string()
  .refine(
    (source) => {
      try {
        new RegExp(source)
        return true
      } catch {
        return false
      }
    },
    { message: 'expected a valid JavaScript regular expression' },
  )
  .describe('A JavaScript regular expression (no slashes)')

/** Matches a string exactly (a plain string), by prefix, or by regular expression. */
const stringMatcher = z.union([
  z.string().describe('Exact match'),
  z.object({ equals: z.string() }).strict(),
  z.object({ prefix: z.string() }).strict(),
  z.object({ regex: pattern }).strict(),
  z.array(z.string()).describe('Any of these exact values'),
])

const account = z
  .object({
    key: z.string().min(1).describe('API key: DiniSoft `apikey`, MiM `api_key`'),
    secret: z.string().min(1).describe('DiniSoft `secretkey`, MiM login password'),
    name: z.string().min(1).describe('DiniSoft balance `client`, MiM login username'),
    balance: z.number().nonnegative().default(1000).describe('Credits; one SMS segment to one recipient costs one credit'),
    senders: z.array(z.string()).optional().describe('Approved sender IDs; omit to accept any (DiniSoft) / only the defaults (MiM)'),
    allowedIps: z.array(z.string()).optional().describe('Source IPs allowed to call; omit to allow every IP'),
  })
  .strict()

const statusOutcome = z.enum(['pending', 'sent', ...deliveryReasonNames] as [string, ...string[]])

const timelineStep = z
  .tuple([duration, z.enum(['sent', 'delivered', 'failed'])])
  .rest(z.string())
  .describe('[after, status, reason or provider DLR code]: e.g. ["2s", "sent"], ["10s", "failed", "absent-subscriber"]')

const dlr = z.union([
  statusOutcome.describe('The final outcome with the default timing; "pending" never leaves pending, "sent" stays sent'),
  z
    .object({
      outcome: statusOutcome.optional(),
      code: z.string().optional().describe("A provider DLR code named directly (MiM '1028'); implies the failure or delivery it means"),
      sentAfter: duration.optional(),
      finalAfter: duration.optional(),
    })
    .strict(),
  z.array(timelineStep).describe('An explicit timeline'),
])

export const faultKinds = ['http-500', 'http-502', 'http-503', 'malformed', 'drop', 'hang', 'rate-limit'] as const

const fault = z.union([
  z.enum(faultKinds),
  z
    .object({
      kind: z.enum(faultKinds),
      retryAfter: duration.optional().describe('rate-limit: the Retry-After the answer carries'),
    })
    .strict(),
])

const latency = z.union([duration, z.object({ min: duration, max: duration }).strict()])

export const whenSchema = z
  .object({
    provider: z.union([z.string(), z.array(z.string())]).optional(),
    endpoint: z.union([z.string(), z.array(z.string())]).optional().describe('Contract endpoint id: sendtext, getstatus, smsapi, getDLR, ...'),
    to: stringMatcher.optional().describe('Any recipient, compared in normal form 8801XXXXXXXXX'),
    from: stringMatcher.optional().describe('Sender ID'),
    text: stringMatcher.optional().describe('Message text'),
    account: stringMatcher.optional().describe('Account API key'),
    nth: z.number().int().positive().optional().describe('Only the nth request matching the other conditions (1 = first)'),
    every: z.number().int().positive().optional().describe('Every kth request matching the other conditions'),
    after: z.number().int().nonnegative().optional().describe('Every request after the first n matching ones'),
    probability: z.number().min(0).max(1).optional().describe('Chance of matching, from the seeded random source'),
  })
  .strict()

export const thenSchema = z
  .object({
    reject: z.enum(reasonNames as [string, ...string[]]).optional().describe("A neutral reason; each provider answers it with its own code (MiM 1007, DiniSoft 1 for 'insufficient-balance')"),
    code: z.string().optional().describe("A documented provider code, answered in the provider's own format"),
    dlr: dlr.optional().describe('Delivery outcome and timeline of matching recipients'),
    latency: latency.optional().describe('Delay before answering, fixed or a range'),
    fault: fault.optional(),
  })
  .strict()
  .refine((then) => Object.values(then).some((value) => value !== undefined), { message: 'a rule must do something: reject, code, dlr, latency or fault' })

export const ruleSchema = z
  .object({
    name: z.string().optional(),
    when: whenSchema.default({}),
    then: thenSchema,
    once: z.boolean().optional().describe('Apply at most once, then never again (until reset)'),
  })
  .strict()

export function scenarioSchema(providerOptions: Record<string, z.ZodType> = {}) {
  const providerNames = Object.keys(providerOptions)
  const accounts = z.object(Object.fromEntries(providerNames.map((name) => [name, z.array(account).optional()]))).strict()
  const providers = z
    .object(Object.fromEntries(Object.entries(providerOptions).map(([name, schema]) => [name, schema.optional()])))
    .strict()
  return z
    .object({
      $schema: z.string().optional(),
      version: z.literal(SCENARIO_VERSION).default(SCENARIO_VERSION),
      name: z.string().optional(),
      description: z.string().optional(),
      seed: z.number().int().optional().describe('Seed of the random source: same seed, same requests, same ids and outcomes'),
      dlr: z
        .object({ sentAfter: duration.optional(), deliveredAfter: duration.optional() })
        .strict()
        .optional()
        .describe('Default delivery timing, from acceptance'),
      defaultAccounts: z.boolean().default(true).describe('Keep the built-in demo accounts beside the ones listed'),
      accounts: accounts.default({}),
      spamKeywords: z.array(z.string().min(1)).default([]).describe('Case-insensitive words that make a provider with a spam filter refuse the text'),
      magicNumbers: z.boolean().default(true).describe('Whether the built-in magic recipient numbers apply'),
      providers: providers.default({}).describe('Per-provider behaviour switches'),
      rules: z.array(ruleSchema).default([]),
    })
    .strict()
}

export type ScenarioInput = z.input<ReturnType<typeof scenarioSchema>>
export type Scenario = z.output<ReturnType<typeof scenarioSchema>>
export type Rule = z.output<typeof ruleSchema>
export type When = z.output<typeof whenSchema>
export type Then = z.output<typeof thenSchema>
export type FaultKind = (typeof faultKinds)[number]
export type AccountInput = z.output<typeof account>
