// MiM's behaviour switches (scenario `providers.mimsms`), for the places where deployments differ.
import { z } from 'zod'
import { mimsmsDefaultOptions as defaults } from './option-defaults.js'

export const mimsmsOptionsSchema = z
  .object({
    rawAmpersandInSms: z
      .boolean()
      .default(defaults.rawAmpersandInSms)
      .describe('Write "&" unescaped inside <SMS>, as some real report feeds do (the XML is then not well-formed): tests client robustness'),
    idElement: z
      .boolean()
      .default(defaults.idElement)
      .describe('Start each report <message> with <ID> (the SMS shoot id), as some deployments do; by default the manual\'s exact elements'),
    pendingReports: z
      .enum(['omit', 'empty'])
      .default(defaults.pendingReports)
      .describe(
        'getDLR/getDLRRep: leave out recipients whose delivery is not final (omit), or list them with empty DLRReceived, DLRStatus and DLRStatusDetails (empty), as some panels do',
      ),
    cors: z
      .boolean()
      .default(defaults.cors)
      .describe("Answer browsers' CORS checks (the manual's jQuery sample calls the API from a web page)"),
  })
  .strict()

export type MimsmsOptions = z.output<typeof mimsmsOptionsSchema>
