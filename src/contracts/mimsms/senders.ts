// Sender IDs every MiM account may use, whichever of MiM's APIs it sends through.

/** A masking name and a non-masking number: real accounts send from both, some clients always as 88 + digits. */
export const DEFAULT_SENDERS = ['DEMO', '8809601000000'] as const
