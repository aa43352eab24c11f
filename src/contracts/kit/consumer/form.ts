// How a request was sent: to which endpoint, with which method and encoding, and which parameter names.
import type { EndpointSpec } from '../../types.js'
import { closest, levenshtein } from '../../nearest.js'
import { matchEndpoint } from '../recorded.js'
import { providerContracts } from '../registry.js'
import { documented, isBracketOf, type Parsed, valueOf } from './request.js'
import { codeHint, type Report } from './violations.js'

/** `a, b or c`. */
function either(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}


export function unknownEndpoint(parsed: Parsed, report: Report): void {
  const { wire } = parsed
  for (const contract of Object.values(providerContracts)) {
    const elsewhere = matchEndpoint(contract, wire.path)
    if (elsewhere && contract !== parsed.contract) {
      report('unknown-endpoint', `${wire.path} is ${contract.title}'s ${elsewhere.endpoint.id}, but the request went to the ${parsed.contract?.title ?? parsed.provider} port`, `Send ${contract.title} requests to its own base URL.`)
      return
    }
  }
  const contracts = parsed.contract ? [parsed.contract] : Object.values(providerContracts)
  const paths = contracts.flatMap((contract) => contract.endpoints.flatMap((endpoint) => [endpoint.path, ...(endpoint.aliases ?? [])]))
  const near =
    contracts.map((contract) => matchEndpoint(contract, wire.path, true)?.path).find((path) => path !== undefined) ??
    paths.find((path) => !path.includes(':') && levenshtein(path.toLowerCase(), wire.path.toLowerCase()) <= 2)
  const target = parsed.contract ? parsed.contract.title : 'either provider'
  report(
    'unknown-endpoint',
    `${wire.method} ${wire.path} is no endpoint of ${target}`,
    near ? `Did you mean ${near}? Paths are case-sensitive and take no trailing slash.` : `The endpoints are: ${paths.join(', ')}.`,
  )
}

/** What calling an endpoint does beyond answering: sending an SMS, or handing out a report only once. */
function sideEffect(endpoint: EndpointSpec): string | undefined {
  if (endpoint.sends) return 'sends an SMS'
  const read = endpoint.statusRead
  if (read && read.handedOut !== 'repeatable') return read.handedOut === 'final-once' ? 'uses up the one-shot final status' : 'hands out reports that are then gone'
  return undefined
}

export function checkEncoding(endpoint: EndpointSpec, parsed: Parsed, report: Report): boolean {
  const { wire, record } = parsed
  const named = parsed.contract?.endpoints.some((each) => each.methods.includes(wire.method as never)) ?? false
  const effect = sideEffect(endpoint)
  if (effect && (wire.method === 'HEAD' || !named)) {
    report(
      'unsafe-method',
      `${wire.method} ${endpoint.id} ${effect} on the real gateway: its server runs the GET handler for ${wire.method === 'HEAD' ? "HEAD (a servlet's doHead, a PHP script)" : 'a method the manual does not name (a PHP script runs for any method)'}, and so does the emulator for HEAD`,
      `Call ${endpoint.id} with ${either(endpoint.methods)} only, and only when you mean it: a link checker, a proxy's HEAD probe or a CORS preflight counts.`,
    )
    return false
  }
  if (!endpoint.methods.includes(wire.method as never)) {
    const bodies = endpoint.encodings.filter((encoding) => encoding !== 'query')
    report(
      'wrong-method',
      `${endpoint.id} takes ${endpoint.methods.join(' or ')}, not ${wire.method}`,
      endpoint.methods.includes('POST') && bodies.length > 0 ? `Send a POST with a ${either(bodies)} body.` : `Call it with ${either(endpoint.methods)}.`,
    )
    return false
  }
  if (wire.method === 'GET' && typeof record.body === 'string' && record.body !== '') {
    report('wrong-encoding', `${endpoint.id} was sent a GET with a body, which the provider never reads`, 'Put the parameters in the query string, or send a POST.')
    return false
  }
  if (wire.encoding === 'unreadable') {
    report('wrong-encoding', `${endpoint.id}'s parameters could not be read: ${wire.unreadable}`, 'Send application/x-www-form-urlencoded (or another encoding the endpoint reads) with a matching Content-Type header.')
    return false
  }
  if (!endpoint.encodings.includes(wire.encoding)) {
    const readable = either(endpoint.encodings.map((encoding) => (encoding === 'query' ? 'the query string' : `a ${encoding} body`)))
    report('wrong-encoding', `${endpoint.id} reads ${readable}, not ${wire.encoding === 'query' ? 'the query string' : `a ${wire.encoding} body`}`, `Send the parameters in ${readable}.`)
    return false
  }
  return true
}

/** Unknown names: misspellings, the tail of a text cut at "&", or merely unknown. Answers the params a misspelling explains. */
export function checkNames(endpoint: EndpointSpec, parsed: Parsed, report: Report): Set<string> {
  const { wire } = parsed
  const names = documented(endpoint).map((param) => param.name)
  const known = new Set(names)
  const explained = new Set<string>()
  const content = endpoint.params.find((param) => param.role === 'content')
  const contentIndex = content ? wire.params.findLastIndex((param) => param.name === content.name) : -1
  const contentSource = contentIndex === -1 ? undefined : wire.params[contentIndex]?.from
  const strays: { name: string; value: string }[] = []
  const reported = new Set<string>()
  wire.params.forEach((param, index) => {
    if (param.from === 'path' || known.has(param.name) || isBracketOf(param.name, endpoint) || reported.has(param.name)) return
    reported.add(param.name)
    const meant = closest(param.name, names)
    if (meant && !wire.params.some((other) => other.name === meant)) {
      explained.add(meant)
      const caseOnly = meant.toLowerCase() === param.name.toLowerCase()
      report(
        'misspelled-param',
        `${endpoint.id} has no parameter "${param.name}", so the provider never sees the ${meant} you meant`,
        `Send "${meant}"${caseOnly ? ': parameter names are case-sensitive' : ''}.`,
        param.name,
      )
      return
    }
    if (contentSource !== undefined && index > contentIndex && param.from === contentSource) {
      strays.push({ name: param.name, value: param.value })
      return
    }
    report('unknown-param', `${endpoint.id} does not read "${param.name}"; the provider ignores it`, `Leave it out, or check the name against the manual: ${names.join(', ')}.`, param.name)
  })
  if (content && strays.length > 0) {
    const read = wire.params[contentIndex]?.value ?? ''
    const meant = read + strays.map((stray) => `&${stray.name}${stray.value === '' ? '' : `=${stray.value}`}`).join('')
    report(
      'text-cut-at-ampersand',
      `${content.name} was cut at an unencoded "&": the provider reads ${JSON.stringify(read)} and ignores ${strays.map((stray) => JSON.stringify(stray.name)).join(', ')}; the text was probably ${JSON.stringify(meant)}`,
      'URL-encode the text (encodeURIComponent, URLSearchParams or your HTTP client\'s query builder): "&" must travel as %26.',
      content.name,
    )
  }
  return explained
}

export function checkRequired(endpoint: EndpointSpec, parsed: Parsed, explained: ReadonlySet<string>, report: Report): void {
  for (const param of documented(endpoint)) {
    if (!param.required || explained.has(param.name)) continue
    const value = valueOf(parsed.wire, param.name)
    const viaBrackets = param.format === 'json-messages' && parsed.wire.params.some((sent) => isBracketOf(sent.name, endpoint))
    if (viaBrackets) continue
    if (value === undefined) report('missing-param', `${endpoint.id} needs ${param.name}, and the request has none`, `Send ${param.name} (${param.description}).${codeHint(endpoint, param.whenMissing)}`, param.name)
    else if (value.trim() === '') report('missing-param', `${endpoint.id} needs ${param.name}, and the request sends it empty`, `Send a value for ${param.name} (${param.description}).${codeHint(endpoint, param.whenMissing)}`, param.name)
  }
}
