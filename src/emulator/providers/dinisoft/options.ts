// DiniSoft's behaviour switches (scenario `providers.dinisoft`), for the places where deployments differ.
import { z } from 'zod'
import { dinisoftDefaultOptions as defaults } from './option-defaults.js'

export const dinisoftOptionsSchema = z
  .object({
    oneShotStatus: z
      .enum(['final', 'any', 'off'])
      .default(defaults.oneShotStatus)
      .describe('When a repeated getstatus gets 114: after a final status was read (final), after any read (any), never (off)'),
    messageIdOnRejection: z
      .boolean()
      .default(defaults.messageIdOnRejection)
      .describe('Add "Message_ID":"" to every rejection, as deployed servers do (the manual shows it on 5400 only)'),
    contentType: z
      .string()
      .nullable()
      .default(defaults.contentType)
      .describe('Content-Type of the answers; null sends none, as deployed servers do'),
  })
  .strict()

export type DinisoftOptions = z.output<typeof dinisoftOptionsSchema>
