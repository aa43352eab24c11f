// Checks both clients make before any request: recipients in normal form, a sender, a usable text.
import { normaliseMsisdn } from '../contracts/msisdn.js'
import { InvalidRequestError } from './gateway.js'

/** Normalises every recipient to `8801XXXXXXXXX`; refuses the call, naming the culprits, if any is not a Bangladeshi mobile number. */
export function recipientsOf(to: string | readonly string[]): string[] {
  const given = (typeof to === 'string' ? [to] : [...to]).map((number) => number.trim()).filter((number) => number !== '')
  if (given.length === 0) throw new InvalidRequestError('Failed to send: no recipient given.')
  const invalid = given.filter((number) => normaliseMsisdn(number) === undefined)
  if (invalid.length > 0) {
    throw new InvalidRequestError(
      `Failed to send: ${invalid.map((number) => JSON.stringify(number)).join(', ')} ${invalid.length === 1 ? 'is not' : 'are not'} a Bangladeshi mobile number. Use 8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX.`,
    )
  }
  return given.map((number) => normaliseMsisdn(number) as string)
}

export function senderOf(given: string | undefined, configured: string | undefined): string {
  const sender = given ?? configured
  if (!sender) throw new InvalidRequestError('Failed to send: no sender. Pass `sender`, or set `sender` in the client config.')
  return sender
}
