// MiM's delivery reports as XML: the manual's <dlr><message> layout, built with fast-xml-parser's builder.
import { XMLBuilder } from 'fast-xml-parser'
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

/**
 * Escapes element text. Quotes need no escaping in element content, and the manual shows the text
 * wrapped in literal double quotes (`<SMS>"SMS Content..."</SMS>`), which clients strip by position.
 */
function escapeText(text: string, markup: RegExp): string {
  return text.replace(NOT_XML, '\uFFFD').replace(markup, (char) => ENTITY[char] ?? char)
}

function builder(rawAmpersand: boolean): XMLBuilder {
  const smsMarkup = rawAmpersand ? MARKUP_BUT_AMPERSAND : MARKUP
  return new XMLBuilder({
    // One element per line and no indentation: the manual's layout.
    format: true,
    indentBy: '',
    ignoreAttributes: false,
    // The builder's own entity table would turn the manual's literal quotes into &quot;.
    processEntities: false,
    tagValueProcessor: (name, value) => (name === 'SMS' ? `"${escapeText(String(value), smsMarkup)}"` : escapeText(String(value), MARKUP)),
  })
}

// Builders hold only their options; one per style serves every emulator.
const builders = { escaped: builder(false), raw: builder(true) }
const withId = DLR_FIELDS
const withoutId = DLR_FIELDS.filter((field) => field !== 'ID')

/** The elements of one <message>, in the contract's order (the manual's, with `<ID>` first as deployments send it). */
function messageElement(report: Report, fields: readonly (typeof DLR_FIELDS)[number][]): Record<string, string> {
  const values: Record<(typeof DLR_FIELDS)[number], string> = {
    ID: report.submissionId,
    MSISDN: report.to,
    SMS: report.text,
    SMSSent: report.sentAt === undefined ? '' : formatDhaka(report.sentAt),
    DLRReceived: report.final ? formatDhaka(report.final.at) : '',
    DLRStatus: report.final?.code ?? '',
    DLRStatusDetails: report.final?.text ?? '',
  }
  return Object.fromEntries(fields.map((field) => [field, values[field]]))
}

/** `<?xml ...?><dlr>` with one `<message>` per report; an empty list is `<dlr></dlr>`. */
export function reportsXml(reports: readonly Report[], style: XmlStyle): string {
  const xml = (style.rawAmpersand ? builders.raw : builders.escaped).build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    dlr: reports.length === 0 ? '' : { message: reports.map((report) => messageElement(report, style.idElement ? withId : withoutId)) },
  })
  // The builder ends with a newline; the manual's sample ends at </dlr>.
  return xml.endsWith('\n') ? xml.slice(0, -1) : xml
}
