// A recorded request read against its provider's contract: which endpoint, its parameters as the
// provider reads them, and the masked reference that reports show.
import { isSecretName, maskBody, maskJson, maskPath, maskSecret } from '../../secrets.js'
import type { EndpointSpec, ParamSpec, ProviderContract } from '../../types.js'
import { arrivedAt, baseName, type EndpointMatch, matchEndpoint, pathnameOf, type RecordedRequest, readWire, type WireRequest } from '../recorded.js'
import { isProviderName, providerContracts } from '../registry.js'
import type { RequestRef } from './violations.js'

const BODY_LIMIT = 500

export interface Parsed {
  readonly record: RecordedRequest
  readonly provider: string
  readonly contract?: ProviderContract
  readonly match?: EndpointMatch
  readonly wire: WireRequest
  readonly ref: RequestRef
}

const allContracts = Object.values(providerContracts)

/** The request as a report shows it: every credential masked, by name (any case or spelling) and in the path. */
function maskedRef(record: RecordedRequest, wire: WireRequest): RequestRef {
  const mask = (name: string, value: string) => (isSecretName(name) ? maskSecret(value) : value)
  const query = new URLSearchParams(wire.params.filter((param) => param.from === 'query').map((param): [string, string] => [param.name, mask(param.name, param.value)])).toString()
  const bodyParams = wire.params.filter((param) => param.from === 'body')
  let body: string | undefined
  if (wire.encoding === 'json' && wire.json && typeof wire.json === 'object') {
    body = JSON.stringify(maskJson(wire.json))
  } else if (bodyParams.length > 0) {
    body = new URLSearchParams(bodyParams.map((param): [string, string] => [param.name, mask(param.name, param.value)])).toString()
  } else if (wire.encoding === 'unreadable' && typeof record.body === 'string') {
    body = maskBody(record.body, record.contentType)
  }
  const path = maskPath(wire.path, allContracts)
  const at = arrivedAt(record)
  return {
    ...(record.seq === undefined ? {} : { seq: record.seq }),
    ...(at === undefined ? {} : { at }),
    method: wire.method,
    target: query === '' ? path : `${path}?${query}`,
    ...(body === undefined ? {} : { body: body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}...` : body }),
  }
}

/** For a provider that reads names without regard to case: every name as the contract spells it. */
function documentedSpelling(wire: WireRequest, endpoint: EndpointSpec): WireRequest {
  const spelling = new Map(endpoint.params.map((param) => [param.name.toLowerCase(), param.name]))
  return { ...wire, params: wire.params.map((param) => ({ ...param, name: spelling.get(param.name.toLowerCase()) ?? param.name })) }
}

export function parse(record: RecordedRequest): Parsed {
  const pathname = pathnameOf(record)
  let provider = record.provider && isProviderName(record.provider) ? record.provider : undefined
  let match: EndpointMatch | undefined
  if (provider) match = matchEndpoint(providerContracts[provider], pathname, providerContracts[provider].caseInsensitive === true)
  else {
    for (const contract of Object.values(providerContracts)) {
      match = matchEndpoint(contract, pathname, contract.caseInsensitive === true)
      if (match) {
        provider = contract.provider
        break
      }
    }
  }
  const contract = provider ? providerContracts[provider] : undefined
  const read = readWire(record, match?.pathParams ?? {})
  const wire = contract?.caseInsensitive && match ? documentedSpelling(read, match.endpoint) : read
  return { record, provider: provider ?? record.provider ?? 'unknown', ...(contract ? { contract } : {}), ...(match ? { match } : {}), wire, ref: maskedRef(record, wire) }
}

/** The value the provider reads for `name`: the last one sent. */
export function valueOf(wire: WireRequest, name: string): string | undefined {
  let value: string | undefined
  for (const param of wire.params) if (param.name === name) value = param.value
  return value
}

/** The parameters a request names (path parameters are part of the path). */
export function documented(endpoint: EndpointSpec): readonly ParamSpec[] {
  return endpoint.params.filter((param) => param.in !== 'path')
}

/** `messages[0][to]`: one field of a JSON-messages parameter sent in bracket form. */
export function isBracketOf(name: string, endpoint: EndpointSpec): boolean {
  const base = baseName(name)
  return base !== name && endpoint.params.some((param) => param.name === base && param.format === 'json-messages')
}
