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
 * The parameters of one request. Name/value pairs sit in one flat list (name, value, name, value...): no
 * pair objects unless `entries` is read. A JSON object body's fields join the entries as text only when
 * the entries are read: a provider that takes a list from the body reads it as parsed, not re-encoded.
 */
class Params implements RequestParams {
  #entries: (readonly [string, string])[] | undefined

  constructor(
    readonly encoding: ParamsEncoding,
    /** Query, form and multipart names and values, alternating, in arrival order. */
    readonly flat: readonly string[],
    readonly json: unknown,
    readonly malformed: string | undefined,
    /** The JSON body, when it is an object. */
    readonly body: JsonObject | undefined,
  ) {}

  get entries(): readonly (readonly [string, string])[] {
    if (this.#entries) return this.#entries
    const entries: (readonly [string, string])[] = []
    for (let i = 0; i < this.flat.length; i += 2) entries.push([this.flat[i] as string, this.flat[i + 1] as string])
    if (this.body !== undefined) for (const name of Object.keys(this.body)) entries.push([name, jsonValueToString(this.body[name])])
    this.#entries = entries
    return entries
  }

  get(name: string): string | undefined {
    if (this.body !== undefined && Object.hasOwn(this.body, name)) return jsonValueToString(this.body[name])
    for (let i = this.flat.length - 2; i >= 0; i -= 2) if (this.flat[i] === name) return this.flat[i + 1]
    return undefined
  }

  has(name: string): boolean {
    if (this.body !== undefined && Object.hasOwn(this.body, name)) return true
    for (let i = 0; i < this.flat.length; i += 2) if (this.flat[i] === name) return true
    return false
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

// Anything outside ASCII is left to URLSearchParams (it reads the text as UTF-8 first).
const NON_ASCII = /[^\p{ASCII}]/u

/** One name or value as application/x-www-form-urlencoded decodes it, or `undefined` if only URLSearchParams can. */
function decodeFormComponent(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    // A well-formed escape of valid UTF-8 decodes as URLSearchParams decodes it; anything else throws.
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}

/**
 * Appends the pairs of a form-encoded text (a query string, a form body; `text` from `from` to `to`) to
 * `flat`, as URLSearchParams reads them, in one pass and without its objects; text it cannot decode this
 * way goes to URLSearchParams.
 */
function appendForm(flat: string[], text: string, from = 0, to = text.length): void {
  const start = flat.length
  if (!NON_ASCII.test(text)) {
    let at = from
    while (at <= to) {
      let end = text.indexOf('&', at)
      if (end === -1 || end > to) end = to
      if (end > at) {
        const equals = text.indexOf('=', at)
        const split = equals !== -1 && equals < end
        const name = decodeFormComponent(text.slice(at, split ? equals : end))
        const value = split ? decodeFormComponent(text.slice(equals + 1, end)) : ''
        if (name === undefined || value === undefined) break
        flat.push(name, value)
      }
      at = end + 1
    }
    if (at > to) return
  }
  flat.length = start
  for (const [name, value] of new URLSearchParams(text.slice(from, to))) flat.push(name, value)
}

/**
 * Parses query pairs and a body (`application/x-www-form-urlencoded`, JSON) synchronously; a multipart
 * body's fields come from `readMultipart` (pass them, or its error, as `multipart`).
 */
export function readParams(url: string, contentType: string | undefined, body: Uint8Array | undefined, multipart?: [string, string][] | string): RequestParams {
  const flat: string[] = []
  const queryStart = url.indexOf('?')
  if (queryStart !== -1) {
    const hash = url.indexOf('#', queryStart)
    appendForm(flat, url, queryStart + 1, hash === -1 ? url.length : hash)
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
      appendForm(flat, text())
    } else if (mediaType === 'multipart/form-data') {
      encoding = 'multipart'
      if (typeof multipart === 'string') malformed = multipart
      else if (multipart) for (const [name, value] of multipart) flat.push(name, value)
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
  return new Params(encoding, flat, json, malformed, object)
}
