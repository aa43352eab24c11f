// A logger that masks credentials (paths with keys, key=value pairs) before any line leaves the process.
import { maskText } from '../../contracts/secrets.js'
import type { Contracts } from '../../contracts/secrets.js'
import type { Logger } from './state.js'

export function maskedLogger(log: Logger, contracts: Contracts): Logger {
  const mask = (text: string) => maskText(text, contracts)
  return {
    info: (message) => log.info(mask(message)),
    warn: (message) => log.warn(mask(message)),
    error: (message, error) => log.error(mask(message), error instanceof Error ? mask(error.message) : typeof error === 'string' ? mask(error) : error),
  }
}
