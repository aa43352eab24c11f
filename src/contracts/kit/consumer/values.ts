// What a request's values hold: enums, numbers, date-times, JSON message lists and the text's alphabet.
import { asGsm7Display, isGsm7 } from '../../encoding.js'
import { parseMsisdn } from '../../msisdn.js'
import type { EndpointSpec, ParamSpec } from '../../types.js'
import { baseName, type WireRequest } from '../recorded.js'
import { documented, isBracketOf, type Parsed, valueOf } from './request.js'
import { codeHint, type Report } from './violations.js'

const LOOSE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

function splitNumbers(value: string, separators: string): string[] {
  const parts: string[] = []
  let current = ''
  for (const char of value) {
    if (separators.includes(char)) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

const NUMBER_HINT = 'Send Bangladeshi mobile numbers as 8801XXXXXXXXX (+8801XXXXXXXXX and 01XXXXXXXXX are read too), operator digit 3 to 9.'

function checkNumbers(endpoint: EndpointSpec, param: ParamSpec, numbers: readonly string[], report: Report): void {
  const invalid = numbers.filter((number) => parseMsisdn(number) === undefined)
  if (invalid.length === 0) return
  const allInvalid = invalid.length === numbers.length
  report(
    'invalid-number',
    `${param.name} holds ${invalid.length === 1 ? 'a number' : 'numbers'} that ${invalid.length === 1 ? 'is' : 'are'} not Bangladeshi mobile: ${invalid.map((number) => JSON.stringify(number)).join(', ')}`,
    `${NUMBER_HINT}${allInvalid ? codeHint(endpoint, param.invalid?.reason ?? param.whenMissing) : ' The provider skips them (or refuses the request): those recipients get nothing.'}`,
    param.name,
  )
}

function realDateTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute
}

function checkDateTime(endpoint: EndpointSpec, param: ParamSpec, value: string, report: Report): void {
  const loose = LOOSE_DATETIME.exec(value.trim())
  const documentedForm = param.pattern ? param.pattern.test(value) : loose !== null
  if (documentedForm && (loose === null || realDateTime(loose))) return
  const hint = `Send ${param.name} like ${JSON.stringify(param.example ?? '')}.${codeHint(endpoint, param.invalid?.reason)}`
  if (loose && !realDateTime(loose)) report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is no date on the calendar`, hint, param.name)
  else if (loose) {
    // Deployments read a T for the space and a missing seconds field; the manual's form is safer.
    report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is read by deployments, but is not the documented form`, `Send ${param.name} like ${JSON.stringify(param.example ?? '')}.`, param.name, 'warning')
  } else report('invalid-datetime', `${param.name}=${JSON.stringify(value)} is not in the documented form`, hint, param.name)
}

function messagesOf(parsed: Parsed, param: ParamSpec): { to: string; message: string }[] | string {
  const { wire } = parsed
  const value = valueOf(wire, param.name)
  if (value === undefined || value.trim() === '') {
    const fields = new Map<string, { to: string; message: string }>()
    for (const sent of wire.params) {
      const match = /^[^[]+\[([^\]]*)\]\[([^\]]+)\]$/.exec(sent.name)
      if (!match || baseName(sent.name) !== param.name) continue
      const entry = fields.get(match[1] ?? '') ?? { to: '', message: '' }
      if (match[2] === 'to') entry.to = sent.value
      else if (match[2] === 'message') entry.message = sent.value
      fields.set(match[1] ?? '', entry)
    }
    return [...fields.values()]
  }
  let list: unknown
  try {
    list = JSON.parse(value)
    if (typeof list === 'string') list = JSON.parse(list)
  } catch {
    return `${param.name} is not JSON`
  }
  if (!Array.isArray(list)) return `${param.name} is not a JSON list`
  const messages: { to: string; message: string }[] = []
  const names = { to: param.items?.to ?? 'to', text: param.items?.text ?? 'message' }
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return `${param.name} holds an item that is not an object`
    const fields = item as Record<string, unknown>
    const to = fields[names.to]
    const message = fields[names.text]
    if ((typeof to !== 'string' && typeof to !== 'number') || typeof message !== 'string') return `${param.name} holds an item without a text "${names.to}" and "${names.text}"`
    messages.push({ to: String(to), message })
  }
  return messages
}

export function checkValues(endpoint: EndpointSpec, parsed: Parsed, report: Report): void {
  const { wire } = parsed
  for (const param of documented(endpoint)) {
    const value = valueOf(wire, param.name)
    if (param.format === 'json-messages') {
      if (value === undefined && !wire.params.some((sent) => isBracketOf(sent.name, endpoint))) continue
      const messages = messagesOf(parsed, param)
      if (typeof messages === 'string') {
        report('invalid-value', `${messages}: ${param.description}`, `Send ${param.name} as a JSON list of {"to", "message"}.${codeHint(endpoint, param.invalid?.reason)}`, param.name)
        continue
      }
      checkNumbers(endpoint, param, messages.map((message) => message.to), report)
      continue
    }
    if (value === undefined || value.trim() === '') continue
    switch (param.format) {
      case 'enum':
        if (param.enum && !param.enum.includes(value.trim())) {
          report('invalid-value', `${param.name}=${JSON.stringify(value)} is not one of ${param.enum.join(', ')}`, `Send ${param.name} as one of: ${param.enum.join(', ')}.${codeHint(endpoint, param.invalid?.reason)}`, param.name)
        }
        break
      case 'msisdn':
        checkNumbers(endpoint, param, [value], report)
        break
      case 'msisdn-list':
        checkNumbers(endpoint, param, splitNumbers(value, param.separators ?? ','), report)
        break
      case 'datetime':
        checkDateTime(endpoint, param, value, report)
        break
      default:
        if (param.pattern && !param.pattern.test(value)) report('invalid-value', `${param.name}=${JSON.stringify(value)} does not match ${param.pattern.source}`, `Send ${param.description}.`, param.name)
    }
  }
  checkAlphabet(endpoint, wire, report)
}

function checkAlphabet(endpoint: EndpointSpec, wire: WireRequest, report: Report): void {
  const typeParam = endpoint.params.find((param) => param.alphabets !== undefined)
  const content = endpoint.params.find((param) => param.role === 'content')
  if (!typeParam?.alphabets || !content) return
  const type = valueOf(wire, typeParam.name)?.trim()
  const text = valueOf(wire, content.name)
  if (type === undefined || text === undefined || typeParam.alphabets[type] !== 'GSM-7' || isGsm7(text)) return
  const wide = Object.entries(typeParam.alphabets).find(([, alphabet]) => alphabet === 'UCS-2')?.[0]
  report(
    'non-gsm-text',
    `${content.name} holds characters GSM-7 cannot carry, sent with ${typeParam.name}=${type}: the handset shows ${JSON.stringify(asGsm7Display(text))}`,
    `Send ${typeParam.name}=${wide ?? 'unicode'} for Bangla and any text outside GSM-7 (it costs 70 characters a segment instead of 160).`,
    content.name,
  )
}
