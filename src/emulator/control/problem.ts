// Control API errors as RFC 9457 problem details, and zod validation of query strings and JSON bodies.
import type { Context } from 'hono'
import type { z } from 'zod'
import { ScenarioError, validate } from '../core/scenario.js'
import type { EmulatorState } from '../core/state.js'

export interface FieldError {
  /** The query parameter or body field, as a path: `by`, `rules[0].when.to`. */
  readonly field: string
  readonly message: string
}

export class Problem extends Error {
  override readonly name = 'Problem'
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 415 | 500,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(detail)
  }
}

export const notFound = (detail: string) => new Problem(404, 'Not Found', detail)
export const conflict = (detail: string) => new Problem(409, 'Conflict', detail)
export const badField = (field: string, message: string) => new Problem(400, 'Bad Request', `${field}: ${message}`, [{ field, message }])

/** Resolves once every change so far is committed (--db); a failed commit is a 500, its cause in the log. */
export function committed(state: EmulatorState): Promise<void> {
  return new Promise((resolve, reject) =>
    state.durability.afterCommit((ok) =>
      ok ? resolve() : reject(new Problem(500, 'Internal Server Error', 'The change could not be committed to the database (see the emulator\'s log); it may be undone by a restart.')),
    ),
  )
}

/** A problem document names at most this many fields, then counts the rest: a huge bad body gets a small answer. */
export const MAX_LISTED_ERRORS = 50

/**
 * The body of a problem answer (`about:blank`: the status and title say it all, `errors` names the
 * fields, at most 50, and `moreErrors` counts the others).
 */
export function renderProblem(c: Context, problem: Problem): Response {
  const more = problem.errors.length - MAX_LISTED_ERRORS
  const body = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.errors.length === 0 ? {} : { errors: problem.errors.slice(0, MAX_LISTED_ERRORS) }),
    ...(more > 0 ? { moreErrors: more } : {}),
  }
  return c.body(JSON.stringify(body), problem.status, { 'content-type': 'application/problem+json' })
}

/** `$.rules[0].when` -> `rules[0].when`; the whole document is `body`. */
function fieldOf(path: string, root: string): string {
  const inner = path.replace(/^\$\.?/, '')
  return inner === '' ? root : inner
}

/** Turns validation problems (scenario files, rules, query strings, bodies) into a 400 naming each field. */
export function invalid(error: ScenarioError, root: string, what: string): Problem {
  const errors = error.issues.map((issue) => ({ field: fieldOf(issue.path, root), message: issue.message }))
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `${e.field}: ${e.message}`)
  const detail = `${listed.join('; ')}${errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : ''}`
  return new Problem(400, 'Bad Request', `Invalid ${what}: ${detail}`, errors)
}

function checked<T extends z.ZodType>(schema: T, input: unknown, root: string, what: string): z.output<T> {
  try {
    return validate(schema, input, `read the ${what}`)
  } catch (error) {
    if (error instanceof ScenarioError) throw invalid(error, root, what)
    throw error
  }
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return checked(schema, c.req.query(), 'query', 'query string')
}

/** Reads a JSON body (an empty body counts as `{}`), answering 415 / 400 for anything else. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  const type = c.req.header('content-type') ?? ''
  if (type !== '' && !/json/i.test(type)) {
    throw new Problem(415, 'Unsupported Media Type', `Send a JSON body with Content-Type: application/json (got ${type}).`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Problem(400, 'Bad Request', `The body is not valid JSON: ${(error as Error).message}`, [{ field: 'body', message: 'expected valid JSON' }])
  }
}

export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return checked(schema, await readJson(c), 'body', 'body')
}
