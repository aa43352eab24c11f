// A provider's contract as an OpenAPI 3.1 document, for Postman, Prism, code generators and the emulator's /openapi.json.
import { BANGLADESHI_MOBILE } from '../msisdn.js'
import type { BodyEncoding, CodeEntry, EndpointSpec, FieldSpec, HttpMethod, ParamSpec, ProviderContract, ResponseSpec } from '../types.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface OpenApiOptions {
  /** Listed first under `servers` (the emulator serving the document), before the real provider's. */
  readonly serverUrl?: string
  readonly serverDescription?: string
}

const MEDIA_TYPES: Readonly<Record<Exclude<BodyEncoding, 'query'>, string>> = {
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  json: 'application/json',
}

const MSISDN = BANGLADESHI_MOBILE.source.replace(/^\^/, '').replace(/\$$/, '')

function charClass(characters: string): string {
  return `[${characters.replace(/[\]\\^-]/g, '\\$&')}]`
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')
}

function paramSchema(param: ParamSpec, encoding: BodyEncoding | 'path' = 'query'): JsonObject {
  const base: JsonObject = { type: 'string' }
  if (param.example !== undefined) base.examples = [param.example]
  switch (param.format) {
    case 'msisdn':
      return { ...base, pattern: `^${MSISDN}$` }
    case 'msisdn-list': {
      const separator = charClass(param.separators ?? ',')
      return { ...base, pattern: `^${MSISDN}(?:${separator}+${MSISDN})*$` }
    }
    case 'enum':
      return { ...base, enum: [...(param.enum ?? [])] }
    case 'json-messages': {
      const list: JsonObject = {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['to', 'message'],
          properties: { to: { type: 'string', pattern: `^${MSISDN}$` }, message: { type: 'string' } },
        },
      }
      // A form field carries the list as a JSON string (the manual's PHP sample).
      return encoding === 'json' ? list : { type: 'string', contentMediaType: 'application/json', contentSchema: list }
    }
    default:
      return param.pattern ? { ...base, pattern: param.pattern.source } : base
  }
}

function describeParam(param: ParamSpec): string {
  return param.undocumented ? `${param.description} (not in the manual; real clients send it)` : param.description
}

function parameterObject(param: ParamSpec, location: 'query' | 'path'): JsonObject {
  return {
    name: param.name,
    in: location,
    required: location === 'path' ? true : param.required,
    description: describeParam(param),
    schema: paramSchema(param, location === 'path' ? 'path' : 'query'),
  }
}

function bodySchema(params: readonly ParamSpec[], encoding: BodyEncoding): JsonObject {
  const properties: JsonObject = {}
  for (const param of params) properties[param.name] = { ...paramSchema(param, encoding), description: describeParam(param) }
  const required = params.filter((param) => param.required).map((param) => param.name)
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

function fieldSchema(field: FieldSpec): JsonObject {
  return { type: 'string', ...(field.pattern ? { pattern: field.pattern.source } : {}) }
}

function responseSchema(response: ResponseSpec): JsonObject {
  const description = response.codes ? `${response.description} (codes ${response.codes.join(', ')})` : response.description
  if (response.format === 'json') {
    const fields = response.fields ?? []
    const properties: JsonObject = {}
    for (const field of fields) properties[field.name] = fieldSchema(field)
    return {
      type: 'object',
      description,
      properties,
      required: fields.filter((field) => field.required).map((field) => field.name),
      additionalProperties: false,
    }
  }
  if (response.format === 'xml' && response.xml) {
    const { root, item, fields } = response.xml
    const properties: JsonObject = {}
    for (const field of fields) properties[field.name] = fieldSchema(field)
    return {
      type: 'object',
      description,
      xml: { name: root },
      properties: {
        [item]: {
          type: 'array',
          xml: { name: item },
          items: { type: 'object', properties, required: fields.filter((field) => field.required).map((field) => field.name) },
        },
      },
    }
  }
  return { type: 'string', description, ...(response.pattern ? { pattern: response.pattern.source } : {}) }
}

function mediaTypeOf(response: ResponseSpec): string {
  if (response.contentType) return response.contentType.split(';', 1)[0]?.trim() ?? 'text/plain'
  return response.format === 'json' ? 'application/json' : response.format === 'xml' ? 'text/xml' : 'text/plain'
}

function exampleValue(response: ResponseSpec): Json {
  if (response.format !== 'json') return response.example
  try {
    return JSON.parse(response.example) as Json
  } catch {
    return response.example
  }
}

function exampleName(response: ResponseSpec, index: number): string {
  const slug = response.description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return slug === '' ? `example-${index + 1}` : slug
}

function responsesObject(endpoint: EndpointSpec): JsonObject {
  const byMediaType = new Map<string, ResponseSpec[]>()
  for (const response of endpoint.responses) {
    const mediaType = mediaTypeOf(response)
    byMediaType.set(mediaType, [...(byMediaType.get(mediaType) ?? []), response])
  }
  const content: JsonObject = {}
  for (const [mediaType, responses] of byMediaType) {
    const schemas = responses.map(responseSchema)
    const examples: JsonObject = {}
    responses.forEach((response, index) => {
      examples[exampleName(response, index)] = { summary: response.description, value: exampleValue(response) }
    })
    content[mediaType] = { schema: schemas.length === 1 ? (schemas[0] as JsonObject) : { oneOf: schemas }, examples }
  }
  const noContentType = endpoint.responses.some((response) => response.format === 'json' && response.contentType === undefined)
  const description = [
    'Every answer, success or refusal, comes with HTTP 200; the code is in the body.',
    noContentType ? 'Real deployments send JSON answers with no Content-Type header.' : '',
  ]
    .filter(Boolean)
    .join(' ')
  return { '200': { description, content } }
}

function codeTable(codes: readonly CodeEntry[]): string {
  const rows = codes.map((entry) => `| ${entry.code} | ${entry.text ?? ''} | ${entry.meaning} |`)
  return ['| code | text | meaning |', '| --- | --- | --- |', ...rows].join('\n')
}

function operationDescription(endpoint: EndpointSpec, method: HttpMethod): string {
  const parts: string[] = [endpoint.summary + '.']
  if (endpoint.sends) parts.push('Sends an SMS: every accepted request costs credits.')
  if (method === 'POST' && endpoint.encodings.includes('query')) parts.push('Parameters may also travel in the query string.')
  if (endpoint.statusRead) {
    const rules = {
      'final-once': 'A final status is answered once; later queries for the same id are refused.',
      once: 'Each report is handed out once; later calls for the same id answer none.',
      repeatable: 'Answers the same reports as often as asked.',
      drain: `Each report of the account is handed out once, at most ${endpoint.statusRead.chunk ?? 'a chunk of'} a call: call again while a call returns a full chunk.`,
    } as const
    parts.push(rules[endpoint.statusRead.handedOut])
    if (endpoint.statusRead.repeatWith) parts.push(`Use \`${endpoint.statusRead.repeatWith}\` to read the same reports again.`)
  }
  const text = parts.join(' ')
  return endpoint.codes && endpoint.codes.length > 0 ? `${text}\n\n${codeTable(endpoint.codes)}` : text
}

function codeExtension(codes: readonly CodeEntry[]): Json {
  return codes.map((entry) => ({
    code: entry.code,
    ...(entry.text === undefined ? {} : { text: entry.text }),
    meaning: entry.meaning,
    retryable: entry.retryable,
    ...(entry.status === undefined ? {} : { status: entry.status }),
    ...(entry.note === undefined ? {} : { note: entry.note }),
  }))
}

function operation(endpoint: EndpointSpec, method: HttpMethod, operationId: string): JsonObject {
  const pathParams = endpoint.params.filter((param) => param.in === 'path')
  const otherParams = endpoint.params.filter((param) => param.in !== 'path')
  const bodyEncodings = endpoint.encodings.filter((encoding): encoding is Exclude<BodyEncoding, 'query'> => encoding !== 'query')
  const inBody = method === 'POST' && bodyEncodings.length > 0
  const parameters = [
    ...pathParams.map((param) => parameterObject(param, 'path')),
    ...(inBody ? [] : otherParams.map((param) => parameterObject(param, 'query'))),
  ]
  const result: JsonObject = {
    operationId,
    summary: endpoint.summary,
    description: operationDescription(endpoint, method),
    ...(parameters.length > 0 ? { parameters } : {}),
  }
  if (inBody && otherParams.length > 0) {
    const content: JsonObject = {}
    for (const encoding of bodyEncodings) content[MEDIA_TYPES[encoding]] = { schema: bodySchema(otherParams, encoding) }
    result.requestBody = { required: true, content }
  }
  result.responses = responsesObject(endpoint)
  if (endpoint.codes) result['x-codes'] = codeExtension(endpoint.codes)
  if (endpoint.dlrCodes) {
    result['x-dlr-codes'] = endpoint.dlrCodes.map((entry) => ({ code: entry.code, text: entry.text, meaning: entry.meaning, final: entry.final }))
  }
  result['x-sends-sms'] = endpoint.sends
  return result
}

/**
 * The OpenAPI 3.1 document of a provider's contract.
 *
 * @example
 * import { dinisoftContract } from 'sms-provider-emulator/contracts'
 * const document = openApiDocument(dinisoftContract, { serverUrl: 'http://127.0.0.1:7788' })
 */
export function openApiDocument(contract: ProviderContract, options: OpenApiOptions = {}): JsonObject {
  const servers: Json[] = []
  if (options.serverUrl) servers.push({ url: options.serverUrl, description: options.serverDescription ?? 'sms-provider-emulator' })
  for (const url of contract.servers ?? []) servers.push({ url, description: `The real ${contract.title}` })
  const paths: JsonObject = {}
  for (const endpoint of contract.endpoints) {
    const routes = [endpoint.path, ...(endpoint.aliases ?? [])]
    routes.forEach((route, routeIndex) => {
      const item: JsonObject = {}
      for (const method of endpoint.methods) {
        const suffix = `${routeIndex === 0 ? '' : `Alias${routeIndex}`}${method === endpoint.methods[0] ? '' : method.charAt(0) + method.slice(1).toLowerCase()}`
        item[method.toLowerCase()] = operation(endpoint, method, `${endpoint.id}${suffix}`)
      }
      paths[openApiPath(route)] = item
    })
  }
  return {
    openapi: '3.1.0',
    info: {
      title: contract.title,
      version: contract.manual,
      description: `${contract.title} as its manual (${contract.manual}) and real deployments describe it. Generated by sms-provider-emulator from its contract data.`,
    },
    ...(servers.length > 0 ? { servers } : {}),
    paths,
  }
}
