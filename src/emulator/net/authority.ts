// The local certificate authority: created once per data directory, it signs leaf certificates on demand.
import 'reflect-metadata' // @peculiar/x509's dependency injection needs it loaded first
import { createPrivateKey, webcrypto } from 'node:crypto'
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { createSecureContext, type SecureContext } from 'node:tls'
import * as x509 from '@peculiar/x509'

const { subtle } = webcrypto
type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const DAY = 86_400_000
// Certificates are checked by clients against real time, so they use the wall clock, not the emulator's.
const CA_LIFETIME = 10 * 365 * DAY
// Apple's clients refuse server certificates valid for more than 398 days.
const LEAF_LIFETIME = 397 * DAY
const LEAF_CACHE_SIZE = 512
/** Data directories whose authority this process keeps open (certify makes one per run). */
const SHARED_DIRECTORIES = 16

/** Where a data directory keeps the authority: its certificate and private key, readable by the owner only. */
export const AUTHORITY_FILE = join('ca', 'authority.pem')

export interface Leaf {
  readonly certificate: string
  /** The certificate followed by the CA's, so clients that trust only the CA can build the chain. */
  readonly chain: string
  readonly key: string
  readonly context: SecureContext
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0] ?? 0) & 0x7f // positive, as RFC 5280 asks
  return Buffer.from(bytes).toString('hex')
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY')
}

function pemBlocks(text: string, tag: string): string[] {
  return text.match(new RegExp(`-----BEGIN ${tag}-----[\\s\\S]*?-----END ${tag}-----`, 'g')) ?? []
}

async function createAuthorityPem(): Promise<string> {
  const keys = await newKeys()
  const now = Date.now()
  const id = randomSerial().slice(0, 8)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=sms-provider-emulator local CA ${id}, O=sms-provider-emulator`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_LIFETIME),
    keys,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return `${certificate.toString('pem')}\n${await privateKeyPem(keys.privateKey)}\n`
}

/**
 * Reads the authority of a data directory, creating it the first time. Two emulators starting together
 * on one directory agree on one authority: the file appears atomically and the loser reads the winner's.
 */
async function authorityPem(dataDir: string): Promise<string> {
  const file = join(dataDir, AUTHORITY_FILE)
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(join(dataDir, 'ca'), { recursive: true, mode: 0o700 })
  const draft = `${file}.${process.pid}.${randomSerial().slice(0, 8)}.tmp`
  await writeFile(draft, await createAuthorityPem(), { mode: 0o600 })
  try {
    await link(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await unlink(draft)
  }
  return readFile(file, 'utf8')
}

/** The file's identity (device, inode, change time): another one in its place is another authority. */
async function stampOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file)
    return `${info.dev}:${info.ino}:${info.mtimeMs}`
  } catch {
    return undefined
  }
}

/** The authorities this process opened, by data directory, with their file's identity once opened. */
const openedHere = new Map<string, { readonly authority: Promise<CertificateAuthority>; readonly stamp: Promise<string | undefined> }>()

export class CertificateAuthority {
  /** The authority's certificate (PEM): what clients are told to trust. */
  readonly certificate: string
  readonly #cert: x509.X509Certificate
  readonly #key: CryptoKey
  readonly #leaves = new Map<string, Promise<Leaf>>()
  #issued = 0

  private constructor(certificate: string, cert: x509.X509Certificate, key: CryptoKey) {
    this.certificate = certificate
    this.#cert = cert
    this.#key = key
  }

  /**
   * The authority kept in `dataDir` (created there the first time), or a new one held in memory only.
   *
   * @example
   * const ca = await CertificateAuthority.open('/tmp/emulator-data')
   * const { context } = await ca.leaf(['esms.mimsms.com'])
   */
  static async open(dataDir?: string): Promise<CertificateAuthority> {
    const pem = dataDir === undefined ? await createAuthorityPem() : await authorityPem(dataDir)
    const [certificate] = pemBlocks(pem, 'CERTIFICATE')
    const [key] = pemBlocks(pem, 'PRIVATE KEY')
    if (certificate === undefined || key === undefined) {
      throw new Error(`Failed to read the local CA: ${dataDir === undefined ? 'it' : join(dataDir, AUTHORITY_FILE)} holds no certificate and key. Delete it to make a new CA (then trust the new one).`)
    }
    const der = createPrivateKey(key).export({ type: 'pkcs8', format: 'der' })
    const signingKey = await subtle.importKey('pkcs8', der, EC_P256, false, ['sign'])
    return new CertificateAuthority(`${certificate}\n`, new x509.X509Certificate(certificate), signingKey)
  }

  /**
   * The authority of `dataDir` as this process already opened it, while its file is the same: emulators
   * sharing a data directory (certify's cells, one per emulator) share one authority and its leaves,
   * instead of each reading the key and signing a certificate per host.
   */
  static async shared(dataDir: string): Promise<CertificateAuthority> {
    const key = resolve(dataDir)
    const file = join(key, AUTHORITY_FILE)
    const known = openedHere.get(key)
    if (known) {
      const [authority, stamp] = await Promise.all([known.authority.catch(() => undefined), known.stamp])
      if (authority && stamp !== undefined && stamp === (await stampOf(file))) return authority
      if (openedHere.get(key) === known) openedHere.delete(key)
    }
    const authority = CertificateAuthority.open(key)
    const entry = { authority, stamp: authority.then(() => stampOf(file), () => undefined) }
    if (openedHere.size >= SHARED_DIRECTORIES) openedHere.delete(openedHere.keys().next().value as string)
    openedHere.set(key, entry)
    authority.catch(() => openedHere.get(key) === entry && openedHere.delete(key))
    return authority
  }

  /** How many leaf certificates (each with its own new key) this authority has made. */
  get issued(): number {
    return this.#issued
  }

  /**
   * A certificate and key for these names (DNS names or IP addresses; the first is the subject), made
   * once and then served from a cache.
   */
  leaf(names: readonly string[]): Promise<Leaf> {
    const cacheKey = names.join(' ')
    let leaf = this.#leaves.get(cacheKey)
    if (leaf === undefined) {
      if (this.#leaves.size >= LEAF_CACHE_SIZE) this.#leaves.delete(this.#leaves.keys().next().value as string)
      leaf = this.#issue(names)
      this.#leaves.set(cacheKey, leaf)
      leaf.catch(() => this.#leaves.delete(cacheKey))
    }
    return leaf
  }

  async #issue(names: readonly string[]): Promise<Leaf> {
    this.#issued++
    const keys = await newKeys()
    const now = Date.now()
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${names[0] ?? 'localhost'}`,
      issuer: this.#cert.subject,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + LEAF_LIFETIME),
      publicKey: keys.publicKey,
      signingKey: this.#key,
      signingAlgorithm: EC_P256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((name) => ({ type: isIP(name) ? 'ip' : 'dns', value: name }))),
        await x509.AuthorityKeyIdentifierExtension.create(this.#cert),
      ],
    })
    const cert = certificate.toString('pem')
    const key = await privateKeyPem(keys.privateKey)
    const chain = `${cert}\n${this.certificate}`
    return { certificate: cert, chain, key, context: createSecureContext({ cert: chain, key }) }
  }
}
