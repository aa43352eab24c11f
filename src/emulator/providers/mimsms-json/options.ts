// The JSON API's switches. They live in the scenario's `providers.mimsms` section beside the legacy API's:
// one provider, one set of switches (the core merges the schemas of APIs that share a provider).
import { z } from 'zod'
import { mimsmsJsonDefaultOptions as defaults } from './option-defaults.js'

export const mimsmsJsonOptionsSchema = z
  .object({
    jsonOneToManySwapped: z
      .boolean()
      .default(defaults.jsonOneToManySwapped)
      .describe('POST /OneToMany swaps the values of statusCode and status ({"statusCode":"Success","status":"200",...}), as captured in May 2024'),
    jsonPretty: z.boolean().default(defaults.jsonPretty).describe('JSON API bodies indented by 4 spaces, as the captures show them'),
    jsonIdStyle: z
      .enum(['filetime', 'alnum'])
      .default(defaults.jsonIdStyle)
      .describe('trxnId as an 18-digit Windows FILETIME (2024 on), or 15 upper-case letters and digits (older captures; DSMS adds _C<recipients>)'),
    jsonDlrPending: z
      .enum(['pending', 'not-found'])
      .default(defaults.jsonDlrPending)
      .describe('DlrApi for a message still under way: dlrCode "" and operatorStatus PENDING, or "Data Not Found"'),
    jsonDlrStatusCase: z
      .enum(['upper', 'table'])
      .default(defaults.jsonDlrStatusCase)
      .describe('operatorStatus upper-cased like the capture (DELIVERED), or written as the DLR table has it (Delivered)'),
    jsonSmsNumberLists: z
      .enum(['promotional', 'always'])
      .default(defaults.jsonSmsNumberLists)
      .describe('/SMS and /Send take a comma-separated list only for TransactionType P (206 otherwise), or always'),
    jsonFormBodies: z.boolean().default(defaults.jsonFormBodies).describe('Read form-encoded POST bodies like JSON ones (else HTTP 415)'),
    jsonMaxSegments: z.number().int().nonnegative().default(defaults.jsonMaxSegments).describe('Most segments a text may have (209 above it); 0 = no limit'),
  })
  .strict()

export type MimsmsJsonOptions = z.output<typeof mimsmsJsonOptionsSchema> & { readonly cors?: boolean }
