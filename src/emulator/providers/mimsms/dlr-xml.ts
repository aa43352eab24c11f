// MiM's delivery reports as XML: the manual's <dlr><message> layout.
import { DLR_FIELDS } from '../../../contracts/mimsms/endpoints.js'
import { formatDhaka } from './dhaka-time.js'

/** One recipient's report, in wire-neutral terms. */
export interface Report {
  /** The SMS shoot id the submission was answered with. */
  readonly submissionId: string
  readonly to: string
  readonly text: string
  /** When the message left for the network; absent while it is queued. */
  readonly sentAt?: number
  /** The final outcome; absent while delivery is under way. */
  readonly final?: { readonly at: number; readonly code: string; readonly text: string }
}

export interface XmlStyle {
  /** Leave `&` unescaped inside <SMS>, as some real feeds do. */
  readonly rawAmpersand: boolean
  /** Write the `<ID>` element deployments add to the manual's. */
  readonly idElement: boolean
}

// XML 1.0 forbids these characters even escaped; a report must stay parseable whatever was sent.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const MARKUP = /[&<>]/g
const MARKUP_BUT_AMPERSAND = /[<>]/g
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

// Text with none of the characters above needs no work (the usual case: checked once, not replaced twice).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PLAIN = /^[^&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/

/**
 * Escapes element text. Quotes need no escaping in element content, and the manual shows the text
 * wrapped in literal double quotes (`<SMS>"SMS Content..."</SMS>`), which clients strip by position.
 */
function escapeText(text: string, markup: RegExp): string {
  if (PLAIN.test(text)) return text
  return text.replace(NOT_XML, '\uFFFD').replace(markup, (char) => ENTITY[char] ?? char)
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/** One <message>, one element per line, in the contract's order (the manual's, with `<ID>` first as deployments send it). */
function messageXml(report: Report, style: XmlStyle): string {
  const values: Record<(typeof DLR_FIELDS)[number], string> = {
    ID: report.submissionId,
    MSISDN: report.to,
    SMS: report.text,
    SMSSent: report.sentAt === undefined ? '' : formatDhaka(report.sentAt),
    DLRReceived: report.final ? formatDhaka(report.final.at) : '',
    DLRStatus: report.final?.code ?? '',
    DLRStatusDetails: report.final?.text ?? '',
  }
  let xml = '<message>\n'
  for (const field of DLR_FIELDS) {
    if (field === 'ID' && !style.idElement) continue
    const value = field === 'SMS' ? `"${escapeText(values.SMS, style.rawAmpersand ? MARKUP_BUT_AMPERSAND : MARKUP)}"` : escapeText(values[field], MARKUP)
    xml += `<${field}>${value}</${field}>\n`
  }
  return `${xml}</message>\n`
}

/**
 * `<?xml ...?><dlr>` with one `<message>` per report; an empty list is `<dlr></dlr>`. Written as text:
 * the layout is fixed (the golden files hold its bytes), and a generic builder cost most of a report call.
 */
export function reportsXml(reports: readonly Report[], style: XmlStyle): string {
  if (reports.length === 0) return `${DECLARATION}<dlr></dlr>`
  let xml = `${DECLARATION}<dlr>\n`
  for (const report of reports) xml += messageXml(report, style)
  return `${xml}</dlr>`
}
