// A refusal travelling from the core to a provider, which renders it with its own code table.
import type { Reason } from '../../contracts/reasons.js'

export class Rejection extends Error {
  override readonly name = 'Rejection'

  /**
   * @param reason the neutral reason each provider maps to its own code
   * @param code a provider code named directly (scenarios may answer with any documented code)
   */
  constructor(
    readonly reason: Reason,
    readonly detail?: string,
    readonly code?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason)
  }
}
