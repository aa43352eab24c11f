// Reading a provider's answer against its endpoint's documented responses: which one it is, its code, id and reports.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { entryForCode } from '../lookup.js'
import type { CodeEntry, DeliveryCodeEntry, EndpointSpec, FieldSpec, ResponseSpec } from '../types.js'

/** One report of an XML answer: element name -> text. */
export type Report = Readonly<Record<string, string>>

export interface AnswerReading {
  /** The documented response the body fits; `undefined` when it fits none. */
  readonly response?: ResponseSpec
  /** The code the answer carries (`109`, `1003`, `1000`). */
  readonly code?: string
  /** The code's row in the endpoint's table. */
  readonly entry?: CodeEntry
  /** The message or submission id the answer carries. */
  readonly id?: string
  /** The reports of an XML answer. */
  readonly reports?: readonly Report[]
  /** Why the body fits no documented response (empty when it fits one). */
  readonly problems: readonly string[]
}

type Fit = { ok: true; reading: AnswerReading } | { ok: false; problem: string; relevance: number }

const xmlParsers = new Map<string, XMLParser>()

function xmlParser(arrayPath: string): XMLParser {
  let parser = xmlParsers.get(arrayPath)
  if (!parser) {
    parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, isArray: (_name, jpath) => jpath === arrayPath })
    xmlParsers.set(arrayPath, parser)
  }
  return parser
}

function show(value: string, limit = 80): string {
  const text = JSON.stringify(value)
  return text.length > limit ? `${text.slice(0, limit - 4)}..."` : text
}

function fitText(endpoint: EndpointSpec, response: ResponseSpec, body: string): Fit {
  if (response.pattern && !response.pattern.test(body)) {
    // Blame the bare-code answer for a number, the other answers for anything else.
    const relevance = (response.bareCode === true) === /^-?\d+$/.test(body) ? 1 : 0
    return { ok: false, problem: `the body ${show(body)} does not match ${response.description.toLowerCase()} (${response.pattern.source})`, relevance }
  }
  const codes = response.codes ?? []
  if (response.bareCode && response.codes && !codes.includes(body)) {
    return { ok: false, problem: `the body is the code ${body}, which ${endpoint.id} does not answer (${codes.join(', ')})`, relevance: 1 }
  }
  const code = response.bareCode ? body : codes.length === 1 ? codes[0] : undefined
  const entry = code === undefined ? undefined : entryForCode(endpoint.codes ?? [], code)
  const id = response.idGroup === undefined ? undefined : response.pattern?.exec(body)?.[response.idGroup]
  return { ok: true, reading: { response, ...(code === undefined ? {} : { code }), ...(entry ? { entry } : {}), ...(id === undefined ? {} : { id }), problems: [] } }
}

function checkField(field: FieldSpec, value: unknown, label: string): string | undefined {
  if (typeof value !== 'string') return `${label} is ${JSON.stringify(value)}, not a string`
  if (field.pattern && !field.pattern.test(value)) return `${label} is ${show(value)}, which does not match ${field.pattern.source}`
  return undefined
}

function fitJson(endpoint: EndpointSpec, response: ResponseSpec, parsed: unknown): Fit {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'the body is JSON but not an object', relevance: 1 }
  const object = parsed as Record<string, unknown>
  const fields = response.fields ?? []
  const codeField = fields.find((field) => field.role === 'code')
  const code = codeField ? object[codeField.name] : undefined
  const codeText = typeof code === 'string' ? code : undefined
  // A response listing the answer's code is the one to blame when the body is wrong.
  const relevance = codeText !== undefined && response.codes?.includes(codeText) ? 3 : 2
  const fail = (problem: string): Fit => ({ ok: false, problem, relevance })
  if (codeText !== undefined && endpoint.codes && !entryForCode(endpoint.codes, codeText)) {
    return { ok: false, problem: `"${codeField?.name}" is "${codeText}", not a code ${endpoint.id} documents (${endpoint.codes.map((entry) => entry.code).join(', ')})`, relevance: 4 }
  }
  const known = new Set(fields.map((field) => field.name))
  const extra = Object.keys(object).filter((name) => !known.has(name))
  if (extra.length > 0) return fail(`the body has undocumented field${extra.length > 1 ? 's' : ''} ${extra.map((name) => `"${name}"`).join(', ')}`)
  for (const field of fields) {
    if (!(field.name in object)) {
      if (field.required) return fail(`the body lacks the field "${field.name}"`)
      continue
    }
    const problem = checkField(field, object[field.name], `"${field.name}"`)
    if (problem) return fail(problem)
  }
  const order = fields.map((field) => field.name).filter((name) => name in object)
  const sent = Object.keys(object)
  if (order.join('\u0000') !== sent.join('\u0000')) return fail(`the fields come as ${sent.join(', ')}, not in the documented order ${order.join(', ')}`)
  if (codeText !== undefined && response.codes && !response.codes.includes(codeText)) return fail(`"${codeField?.name}" is "${codeText}", which ${endpoint.id} documents with another body`)
  const textField = fields.find((field) => field.role === 'text')
  // One code may have several rows with their own texts (MiM JSON's two 401s): the text picks the row.
  const rows = codeText === undefined ? [] : (endpoint.codes ?? []).filter((row) => row.code === codeText)
  const entry = (textField && rows.find((row) => row.text !== undefined && row.text === object[textField.name])) ?? rows[0]
  if (entry?.text !== undefined && textField && object[textField.name] !== entry.text) {
    const texts = rows.map((row) => `"${row.text}"`).join(' or ')
    return fail(`"${textField.name}" is ${show(String(object[textField.name]))}, but code ${entry.code} is documented with ${texts}`)
  }
  const idField = fields.find((field) => field.role === 'id')
  const id = idField && typeof object[idField.name] === 'string' && object[idField.name] !== '' ? (object[idField.name] as string) : undefined
  // A JSON delivery report (MiM JSON's DlrApi) is one report, read like an XML one.
  const dlrField = fields.find((field) => field.role === 'dlr-code')
  let reports: Report[] | undefined
  if (dlrField) {
    const report = Object.fromEntries(fields.filter((field) => typeof object[field.name] === 'string').map((field) => [field.name, object[field.name] as string]))
    const problem = checkReport(endpoint, fields, report, '')
    if (problem) return fail(problem)
    reports = [report]
  }
  return {
    ok: true,
    reading: { response, ...(codeText === undefined ? {} : { code: codeText }), ...(entry ? { entry } : {}), ...(id === undefined ? {} : { id }), ...(reports ? { reports } : {}), problems: [] },
  }
}

/** A report's DLR code must be documented, and its text the code's (without regard to case: MiM JSON upper-cases it). */
function checkReport(endpoint: EndpointSpec, fields: readonly FieldSpec[], report: Report, where: string): string | undefined {
  const codeField = fields.find((field) => field.role === 'dlr-code')
  const textField = fields.find((field) => field.role === 'dlr-text')
  const code = codeField ? report[codeField.name] : undefined
  const entry = code === undefined ? undefined : dlrEntry(endpoint, code)
  if (code !== undefined && code !== '' && !entry) {
    return `${where}${codeField?.name} is ${code}, not a documented DLR code (${(endpoint.dlrCodes ?? []).map((dlr) => dlr.code).join(', ')})`
  }
  const text = textField ? report[textField.name] : undefined
  if (entry && textField && text !== undefined && text !== entry.text && text.toLowerCase() !== entry.text.toLowerCase()) {
    return `${where}${textField.name} is ${show(text)}, but DLR code ${entry.code} is documented with "${entry.text}"`
  }
  return undefined
}

/** Whether a DLR code is documented and final; `undefined` for a value the table does not list. */
export function dlrEntry(endpoint: EndpointSpec, code: string): DeliveryCodeEntry | undefined {
  return endpoint.dlrCodes?.find((entry) => entry.code === code)
}

function fitXml(endpoint: EndpointSpec, response: ResponseSpec, body: string): Fit {
  const shape = response.xml
  if (!shape) return { ok: false, problem: 'the contract describes no XML shape', relevance: 0 }
  const valid = XMLValidator.validate(body)
  if (valid !== true) return { ok: false, problem: `the body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`, relevance: 2 }
  let document: Record<string, unknown>
  try {
    document = xmlParser(`${shape.root}.${shape.item}`).parse(body) as Record<string, unknown>
  } catch (error) {
    // The validator lets a few broken documents through ("<A/") that the parser then throws on.
    return { ok: false, problem: `the body is not well-formed XML: ${(error as Error).message}`, relevance: 2 }
  }
  if (!(shape.root in document)) return { ok: false, problem: `the XML has no <${shape.root}> root element`, relevance: 2 }
  const root = document[shape.root]
  const items = root && typeof root === 'object' ? ((root as Record<string, unknown>)[shape.item] ?? []) : []
  const reports: Report[] = []
  const fail = (problem: string): Fit => ({ ok: false, problem, relevance: 3 })
  const known = new Set(shape.fields.map((field) => field.name))
  for (const [index, item] of (items as unknown[]).entries()) {
    const where = `<${shape.item}> ${index + 1}: `
    if (!item || typeof item !== 'object') return fail(`${where}is empty`)
    const element = item as Record<string, unknown>
    const extra = Object.keys(element).filter((name) => !known.has(name))
    if (extra.length > 0) return fail(`${where}has undocumented element${extra.length > 1 ? 's' : ''} ${extra.map((name) => `<${name}>`).join(', ')}`)
    const report: Record<string, string> = {}
    for (const field of shape.fields) {
      if (!(field.name in element)) {
        if (field.required) return fail(`${where}lacks <${field.name}>`)
        continue
      }
      const value = element[field.name] ?? ''
      const problem = checkField(field, value, `${where}<${field.name}>`)
      if (problem) return fail(problem)
      report[field.name] = value as string
    }
    const codeField = shape.fields.find((field) => field.role === 'dlr-code')
    const textField = shape.fields.find((field) => field.role === 'dlr-text')
    const code = codeField ? report[codeField.name] : undefined
    const entry = code === undefined ? undefined : dlrEntry(endpoint, code)
    if (code !== undefined && code !== '' && !entry) {
      return fail(`${where}<${codeField?.name}> is ${code}, not a documented DLR code (${(endpoint.dlrCodes ?? []).map((dlr) => dlr.code).join(', ')})`)
    }
    if (entry && textField && report[textField.name] !== undefined && report[textField.name] !== entry.text) {
      return fail(`${where}<${textField.name}> is ${show(report[textField.name] ?? '')}, but DLR code ${entry.code} is documented with "${entry.text}"`)
    }
    reports.push(report)
  }
  return { ok: true, reading: { response, reports, problems: [] } }
}

/**
 * Which documented response `body` is, with its code, id and reports; or, when it fits none, why not
 * (the most telling reasons first).
 */
export function readAnswer(endpoint: EndpointSpec, body: string): AnswerReading {
  const failures: { problem: string; relevance: number }[] = []
  let parsed: unknown
  let parsedOk: boolean | undefined
  // A body that is a bare code is read as one first: a key such as "1010" is not worth the confusion.
  const ordered = [...endpoint.responses.filter((response) => response.bareCode), ...endpoint.responses.filter((response) => !response.bareCode)]
  for (const response of ordered) {
    let fit: Fit
    if (response.format === 'json') {
      if (parsedOk === undefined) {
        try {
          parsed = JSON.parse(body)
          parsedOk = true
        } catch {
          parsedOk = false
        }
      }
      fit = parsedOk ? fitJson(endpoint, response, parsed) : { ok: false, problem: `the body ${show(body)} is not JSON`, relevance: 0 }
    } else if (response.format === 'xml') {
      fit = body.trimStart().startsWith('<') ? fitXml(endpoint, response, body) : { ok: false, problem: `the body ${show(body)} is not XML`, relevance: 0 }
    } else {
      fit = fitText(endpoint, response, body)
    }
    if (fit.ok) return fit.reading
    failures.push(fit)
  }
  const best = Math.max(...failures.map((failure) => failure.relevance))
  const problems = [...new Set(failures.filter((failure) => failure.relevance === best).map((failure) => failure.problem))]
  return { problems: problems.length > 0 ? problems : [`the body ${show(body)} fits no documented answer`] }
}

/** Whether an answer reports a final status: a final code (DiniSoft 0/1) or reports that are all final. */
export function isFinalReading(endpoint: EndpointSpec, reading: AnswerReading): boolean {
  if (reading.entry?.status === 'delivered' || reading.entry?.status === 'failed') return true
  if (!reading.reports || reading.reports.length === 0) return false
  const codeField = (reading.response?.xml?.fields ?? reading.response?.fields)?.find((field) => field.role === 'dlr-code')
  if (!codeField) return false
  return reading.reports.every((report) => dlrEntry(endpoint, report[codeField.name] ?? '')?.final === true)
}
