// A provider API's routes: exact paths in a map, paths with parameters (`/:apiKey/...`) matched by segment,
// and a catch-all.
import { type Handler, NO_PARAMS } from './exchange.js'

export interface RouteInfo {
  readonly method: string
  readonly path: string
}

interface Segment {
  readonly literal?: string
  readonly param?: string
}

interface Route {
  readonly methods: ReadonlySet<string>
  readonly path: string
  readonly segments: readonly Segment[] | undefined
  readonly handler: Handler
}

function compilePath(path: string): readonly Segment[] | undefined {
  if (!path.includes(':')) return undefined
  return path
    .split('/')
    .slice(1)
    .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }))
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Matches `path` against a route with parameters; the parameters found, or `undefined`. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined
  let found: Record<string, string> | undefined
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment
    const part = parts[i] as string
    if (segment.param !== undefined) {
      if (part === '') return undefined
      ;(found ??= {})[segment.param] = decodeSegment(part)
    } else if (segment.literal !== part) return undefined
  }
  return found ?? {}
}

export interface FoundRoute {
  readonly handler: Handler
  readonly params: Readonly<Record<string, string>>
}

export class Router {
  readonly #exact = new Map<string, Route[]>()
  readonly #patterns: Route[] = []
  #catchAll: Handler | undefined
  /** Every route, one per method. */
  readonly routes: RouteInfo[] = []

  on(methods: string | readonly string[], path: string, handler: Handler): void {
    const list = typeof methods === 'string' ? [methods] : methods
    const route: Route = { methods: new Set(list), path, segments: compilePath(path), handler }
    for (const method of list) this.routes.push({ method, path })
    if (route.segments) this.#patterns.push(route)
    else this.#exact.set(path, [...(this.#exact.get(path) ?? []), route])
  }

  /** Every method and path the other routes do not take. */
  all(handler: Handler): void {
    this.#catchAll = handler
    this.routes.push({ method: 'ALL', path: '*' })
  }

  /** The route for a method and path (HEAD is served by GET routes), with its path parameters. */
  find(method: string, path: string): FoundRoute | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method
    const candidates = this.#exact.get(path)
    if (candidates) for (const route of candidates) if (route.methods.has(wanted) || route.methods.has(method)) return { handler: route.handler, params: NO_PARAMS }
    const parts = path.split('/').slice(1)
    for (const route of this.#patterns) {
      if (!route.methods.has(wanted) && !route.methods.has(method)) continue
      const params = matchSegments(route.segments as readonly Segment[], parts)
      if (params) return { handler: route.handler, params }
    }
    return this.#catchAll && { handler: this.#catchAll, params: NO_PARAMS }
  }

  /** Whether a route (of any method) has this path; the catch-all does not count. */
  has(path: string): boolean {
    if (this.#exact.has(path)) return true
    const parts = path.split('/').slice(1)
    return this.#patterns.some((route) => matchSegments(route.segments as readonly Segment[], parts) !== undefined)
  }
}
