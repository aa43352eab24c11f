// Reading a JSON API request: names without regard to case, the query and a JSON body (body wins).
import type { RequestParams } from '../../core/params.js'

/** Parameter values by lower-cased name; the last value wins (the body's over the query's). */
export interface JsonParams {
  get(name: string): string | undefined
  /** The raw JSON value of a body field (SmsData is a list, not text). */
  raw(name: string): unknown
}

export function readJsonParams(params: RequestParams): JsonParams {
  const values = new Map<string, string>()
  for (const [name, value] of params.entries) values.set(name.toLowerCase(), value)
  const json = params.json !== null && typeof params.json === 'object' && !Array.isArray(params.json) ? (params.json as Record<string, unknown>) : undefined
  let rawValues: Map<string, unknown> | undefined
  return {
    get: (name) => values.get(name.toLowerCase()),
    raw(name) {
      if (!json) return values.get(name.toLowerCase())
      if (!rawValues) rawValues = new Map(Object.entries(json).map(([key, value]) => [key.toLowerCase(), value]))
      const lower = name.toLowerCase()
      return rawValues.has(lower) ? rawValues.get(lower) : values.get(lower)
    },
  }
}

/** UserName and ApiKey are trimmed (MiM's own samples carry spaces); other values are read as sent. */
export function trimmed(params: JsonParams, name: string): string | undefined {
  return params.get(name)?.trim()
}

/** A comma-separated list, each item trimmed, empty items dropped. */
export function splitNumbers(value: string | undefined): string[] {
  if (value === undefined) return []
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

export interface DynamicItem {
  readonly to: string
  readonly text: string
}

/** SmsData: a list of {MobNumber, Message} objects (names without regard to case); anything else is `undefined`. */
export function readSmsData(value: unknown): DynamicItem[] | undefined {
  if (!Array.isArray(value)) return undefined
  const items: DynamicItem[] = []
  for (const item of value) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined
    let to = ''
    let text = ''
    for (const [key, field] of Object.entries(item as Record<string, unknown>)) {
      const lower = key.toLowerCase()
      if (lower === 'mobnumber') to = scalar(field)
      else if (lower === 'message') text = scalar(field)
    }
    items.push({ to, text })
  }
  return items
}

/** A JSON value where a string belongs: numbers taken as strings, null and objects as empty. */
function scalar(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}
