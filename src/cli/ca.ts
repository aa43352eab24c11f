// `sms-emulator ca`: export the local CA's certificate (made on first use) so clients can trust it.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { envName, resolveStartOptions, startOptions } from '../config.js'
import { lazyAuthority } from '../emulator/net/index.js'
import type { Command } from './command.js'

const dataDirSpec = startOptions.find((spec) => spec.flag === 'data-dir')

export const ca: Command = {
  name: 'ca',
  summary: "Print or save the local CA's certificate, for clients that reach the emulator over HTTPS",
  help: () =>
    [
      'Usage: sms-emulator ca [--out FILE] [--data-dir DIR]',
      '',
      '  --out <value>       Write the certificate (PEM) to this file instead of printing it',
      `  --data-dir <value>  The emulator's data directory (default ${dataDirSpec?.default ?? ''}; env ${envName('data-dir')})`,
      '',
      'The CA is made the first time and kept in the data directory; its key never leaves it.',
      'Trust it with NODE_EXTRA_CA_CERTS=ca.pem, curl --cacert ca.pem, or see docs/interception.md.',
    ].join('\n'),
  async run(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } }, strict: true })
    if (values.help) {
      io.out(ca.help())
      return 0
    }
    const { dataDir } = resolveStartOptions({ 'data-dir': values['data-dir'] }, io.env)
    const { certificate } = await lazyAuthority(dataDir)()
    if (values.out === undefined) io.out(certificate.trimEnd())
    else {
      await writeFile(values.out, certificate)
      io.err(`Wrote the local CA's certificate to ${values.out} (CA kept in ${dataDir})`)
    }
    return 0
  },
}
