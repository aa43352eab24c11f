// `sms-emulator openapi`: print or write a provider's contract as an OpenAPI 3.1 document.
import { parseArgs } from 'node:util'
import { openApiDocument } from '../contracts/kit/openapi.js'
import { contractFor, providerNames } from '../contracts/kit/registry.js'
import type { Command } from './command.js'
import { writeOutput } from './files.js'

export const openapi: Command = {
  name: 'openapi',
  summary: "Print a provider's contract as an OpenAPI 3.1 document",
  help: () =>
    [
      'Usage: sms-emulator openapi --provider <name> [--out FILE] [--server URL]',
      '',
      'Options:',
      `  --provider NAME   ${providerNames.join(' | ')} (required)`,
      '  --out FILE        Write the document to FILE instead of standard output',
      "  --server URL      List URL first under servers (the real provider's follow)",
      '  --help            Show this help',
      '',
      'A running emulator serves the same document at <provider URL>/openapi.json.',
    ].join('\n'),
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { provider: { type: 'string' }, out: { type: 'string' }, server: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    })
    if (values.help) {
      io.out(openapi.help())
      return 0
    }
    if (!values.provider) throw new Error(`--provider is required: one of ${providerNames.join(', ')}`)
    const document = openApiDocument(contractFor(values.provider), values.server ? { serverUrl: values.server } : {})
    const text = `${JSON.stringify(document, null, 2)}\n`
    if (values.out) {
      await writeOutput(values.out, text)
      io.err(`Wrote the ${values.provider} OpenAPI document to ${values.out}`)
    } else {
      io.out(text.trimEnd())
    }
    return 0
  },
}
