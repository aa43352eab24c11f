// What the composition root needs of src/emulator/net: the interceptor, the host table and a lazy CA.
import type { CertificateAuthority } from './authority.js'

export { HostTable, type HostAlias, KNOWN_HOSTS, parseHostAlias } from './hosts.js'
export { Interceptor, type InterceptOptions } from './intercept.js'

/**
 * The local CA of `dataDir` (memory only without one), loaded on first use: X.509 code stays off the
 * start-up path of emulators that never see TLS.
 */
export function lazyAuthority(dataDir?: string): () => Promise<CertificateAuthority> {
  let authority: Promise<CertificateAuthority> | undefined
  return () => {
    if (authority === undefined) {
      authority = import('./authority.js').then(({ CertificateAuthority }) => (dataDir === undefined ? CertificateAuthority.open() : CertificateAuthority.shared(dataDir)))
      // A failure (an unwritable directory) is reported to the connection that met it; the next one tries again.
      authority.catch(() => (authority = undefined))
    }
    return authority
  }
}
