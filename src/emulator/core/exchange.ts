// One request in flight, as a provider's route sees it.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Answer } from './answer.js'
import type { RequestParams } from './params.js'
import type { Decision } from './rules.js'

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/** One request in flight, as a provider sees it. */
export class Exchange {
  /** The contract endpoint id, once a route named it. */
  endpoint: string | undefined
  decision: Decision | undefined
  /** A fault that replaced or cut the answer. */
  fault: string | undefined
  pathParams: Readonly<Record<string, string>> = NO_PARAMS

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly path: string,
    readonly params: RequestParams,
    readonly clientIp: string,
  ) {}

  get method(): string {
    return this.req.method ?? 'GET'
  }

  /** A path parameter of the route (`:apiKey`), decoded. */
  param(name: string): string {
    return this.pathParams[name] ?? ''
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
}

export const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

export type Handler = (exchange: Exchange) => Answer | Promise<Answer>
