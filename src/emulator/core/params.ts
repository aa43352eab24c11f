// Reading a provider request's parameters from the query string and any body encoding real clients use.

export type ParamsEncoding = 'query' | 'form' | 'multipart' | 'json' | 'text'

export interface RequestParams {
  /** How the body was encoded ('query' when there was no body). */
  readonly encoding: ParamsEncoding
  /** Every name/value pair in arrival order: query first, then body (form bracket names kept as sent). */
  readonly entries: readonly (readonly [string, string])[]
  /** The parsed JSON body, when there was one. */
  readonly json?: unknown
  /** Set when the body claimed an encoding but could not be read in it. */
  readonly malformed?: string | undefined
  /** The last value sent under `name` (a body value overrides a query value). */
  get(name: string): string | undefined
  has(name: string): boolean
  /** A field of a JSON object body as parsed (a list stays a list), or `undefined`. */
  jsonField(name: string): unknown
}

type JsonObject = Record<string, unknown>

/**
 * The parameters of one request. A JSON object body's fields join the entries as text only when the
 * entries are read: a provider that takes a list from the body reads it as parsed, not re-encoded.
 */
class Params implements RequestParams {
  #all: (readonly [string, string])[] | undefined

  constructor(
    readonly encoding: ParamsEncoding,
    /** Query, form and multipart pairs, in arrival order. */
    readonly pairs: readonly (readonly [string, string])[],
    readonly json: unknown,
    readonly malformed: string | undefined,
    /** The JSON body, when it is an object. */
    readonly body: JsonObject | undefined,
  ) {}

  get entries(): readonly (readonly [string, string])[] {
    if (this.body === undefined) return this.pairs
    this.#all ??= [...this.pairs, ...Object.entries(this.body).map(([name, value]): [string, string] => [name, jsonValueToString(value)])]
    return this.#all
  }

  get(name: string): string | undefined {
    if (this.body !== undefined && Object.hasOwn(this.body, name)) return jsonValueToString(this.body[name])
    for (let i = this.pairs.length - 1; i >= 0; i--) {
      const pair = this.pairs[i] as readonly [string, string]
      if (pair[0] === name) return pair[1]
    }
    return undefined
  }

  has(name: string): boolean {
    return (this.body !== undefined && Object.hasOwn(this.body, name)) || this.pairs.some((pair) => pair[0] === name)
  }

  jsonField(name: string): unknown {
    return this.body !== undefined && Object.hasOwn(this.body, name) ? this.body[name] : undefined
  }
}

function jsonValueToString(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? ''
}

const decoder = new TextDecoder()

/** Whether the body needs the asynchronous multipart reader. */
export function isMultipart(contentType: string | undefined, body: Uint8Array | undefined): boolean {
  return body !== undefined && body.byteLength > 0 && mediaTypeOf(contentType) === 'multipart/form-data'
}

/** Reads a `multipart/form-data` body's fields (off the hot path: multipart clients are rare). */
export async function readMultipart(body: Uint8Array, contentType: string | undefined): Promise<[string, string][] | string> {
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData()
    const entries: [string, string][] = []
    for (const [name, value] of form) entries.push([name, typeof value === 'string' ? value : await value.text()])
    return entries
  } catch (error) {
    return `multipart body could not be parsed: ${(error as Error).message}`
  }
}

/**
 * Parses query pairs and a body (`application/x-www-form-urlencoded`, JSON) synchronously; a multipart
 * body's fields come from `readMultipart` (pass them, or its error, as `multipart`).
 */
export function readParams(url: string, contentType: string | undefined, body: Uint8Array | undefined, multipart?: [string, string][] | string): RequestParams {
  const entries: [string, string][] = []
  const queryStart = url.indexOf('?')
  if (queryStart !== -1) {
    const hash = url.indexOf('#', queryStart)
    for (const pair of new URLSearchParams(url.slice(queryStart + 1, hash === -1 ? undefined : hash))) entries.push(pair)
  }
  let encoding: ParamsEncoding = 'query'
  let json: unknown
  let malformed: string | undefined
  let object: JsonObject | undefined
  if (body && body.byteLength > 0) {
    const mediaType = mediaTypeOf(contentType)
    const text = () => decoder.decode(body)
    if (mediaType === 'application/x-www-form-urlencoded') {
      encoding = 'form'
      for (const pair of new URLSearchParams(text())) entries.push(pair)
    } else if (mediaType === 'multipart/form-data') {
      encoding = 'multipart'
      if (typeof multipart === 'string') malformed = multipart
      else if (multipart) entries.push(...multipart)
    } else if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
      encoding = 'json'
      try {
        json = JSON.parse(text())
        if (json && typeof json === 'object' && !Array.isArray(json)) object = json as JsonObject
      } catch (error) {
        malformed = `JSON body could not be parsed: ${(error as Error).message}`
      }
    } else {
      encoding = 'text'
    }
  }
  return new Params(encoding, entries, json, malformed, object)
}
