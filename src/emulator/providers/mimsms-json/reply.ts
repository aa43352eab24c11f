// The JSON API's answer bodies: every value a string, fields in each endpoint's order, as ASP.NET writes them.
import { entryForReason } from '../../../contracts/lookup.js'
import { responseCodes } from '../../../contracts/mimsms-json/codes.js'
import { STATUS } from '../../../contracts/mimsms-json/endpoints.js'
import type { Reason } from '../../../contracts/reasons.js'

/** Field name -> value, in wire order. */
export type Fields = readonly (readonly [string, string])[]

export interface Cause {
  readonly reason?: Reason
  /** A code named directly (a scenario's `code`). */
  readonly code?: string
}

const INTERNAL_ERROR = entryForReason(responseCodes, 'internal-error')
const TRAILING_ZEROS = /\.?0+$/

/** Compact JSON, or indented by 4 spaces (`jsonPretty`). Keys and values are strings, so the order holds. */
export function renderJson(fields: Fields, pretty: boolean): string {
  return JSON.stringify(Object.fromEntries(fields), null, pretty ? 4 : undefined)
}

/** The code and text a refusal answers: a named code with its table text, else the first entry of the reason. */
export function refusalOf(cause: Cause): { code: string; text: string } {
  const entry =
    cause.code !== undefined
      ? responseCodes.find((candidate) => candidate.code === cause.code)
      : cause.reason === undefined
        ? undefined
        : entryForReason(responseCodes, cause.reason)
  if (cause.code !== undefined) return { code: cause.code, text: entry?.text ?? INTERNAL_ERROR?.text ?? '' }
  return { code: entry?.code ?? INTERNAL_ERROR?.code ?? '500', text: entry?.text ?? INTERNAL_ERROR?.text ?? '' }
}

/** `"Unauthorized"` for 401 (not captured), else the documented `"Failed"`. */
export function refusalStatus(code: string): string {
  return code === '401' ? STATUS.unauthorized : STATUS.failed
}

/** The documented error body: `{"statusCode","status","trxnId","responseResult"}`. */
export function errorFields(cause: Cause, trxnId: string): Fields {
  const { code, text } = refusalOf(cause)
  return [
    ['statusCode', code],
    ['status', refusalStatus(code)],
    ['trxnId', trxnId],
    ['responseResult', text],
  ]
}

/** The first two values exchanged, as POST /OneToMany answered in May 2024 (`jsonOneToManySwapped`). */
export function swapStatus(fields: Fields): Fields {
  const [first, second, ...rest] = fields
  if (!first || !second) return fields
  return [[first[0], second[1]], [second[0], first[1]], ...rest]
}

/** Credits as a decimal without trailing zeros: `1000`, `999.5`, `12812.5`. */
export function formatCredits(credits: number): string {
  const rounded = Math.round(credits * 10_000) / 10_000
  return rounded.toFixed(4).replace(TRAILING_ZEROS, '')
}
