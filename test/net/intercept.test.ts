// The interception layer against plain Node listeners: host routing, absolute-form, CONNECT, TLS, sniffing.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, request, type RequestListener, type Server } from 'node:http'
import { type AddressInfo, connect as netConnect, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type PeerCertificate, connect as tlsConnect } from 'node:tls'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CertificateAuthority } from '../../src/emulator/net/authority.js'
import { HostTable } from '../../src/emulator/net/hosts.js'
import { Interceptor } from '../../src/emulator/net/intercept.js'

const served: string[] = []
const api = (name: string): RequestListener => (req, res) => {
  served.push(name)
  res.end(`${name} ${req.method} ${req.url} ${req.headers.host}`)
}
const apis = new Map([
  ['mimsms', api('mimsms')],
  ['mimsms-json', api('mimsms-json')],
  ['dinisoft', api('dinisoft')],
])

let dataDir: string
let authority: CertificateAuthority
let interceptor: Interceptor
const servers: (Server | NetServer)[] = []
const ports: Record<'mimsms' | 'dinisoft' | 'tls', number> = { mimsms: 0, dinisoft: 0, tls: 0 }

async function listen(server: Server | NetServer): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sms-emulator-net-'))
  authority = await CertificateAuthority.open(dataDir)
  interceptor = new Interceptor({
    hosts: new HostTable([{ host: 'sms.reseller.example', api: 'mimsms' }]),
    apis,
    authority: async () => authority,
    defaultNames: ['sms.dinisoftbd.com', 'localhost', '127.0.0.1'],
  })
  for (const name of ['mimsms', 'dinisoft'] as const) {
    const server = createServer(interceptor.route(apis.get(name) as RequestListener))
    interceptor.serveTunnels(server)
    ports[name] = await listen(server)
  }
  const tlsPortServer = createServer(interceptor.route(apis.get('dinisoft') as RequestListener))
  interceptor.serveTunnels(tlsPortServer)
  ports.tls = await listen(createNetServer(interceptor.dualProtocol(tlsPortServer)))
})

afterAll(async () => {
  interceptor.close()
  for (const server of servers) {
    if ('closeAllConnections' in server) server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  await rm(dataDir, { recursive: true, force: true })
})

/** Sends a raw request line to a port, as a proxy client would, and answers status and body. */
function raw(port: number, head: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [top = '', body = ''] = text.split('\r\n\r\n')
      resolve({ status: Number(top.split(' ')[1]), body })
    })
    socket.end(`${head}\r\nConnection: close\r\n\r\n`)
  })
}

/** Opens a CONNECT tunnel through `port`; resolves with the tunnel socket, or rejects with the answer's status. */
function tunnel(port: number, target: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'CONNECT', path: target })
    req.on('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error(`CONNECT answered ${res.statusCode}`))))
    req.on('response', (res) => reject(new Error(`CONNECT answered ${res.statusCode}`)))
    req.on('error', reject)
    req.end()
  })
}

/**
 * An HTTPS GET of `https://host:port/path` over `socket` (a tunnel) or a direct connection to `direct`,
 * checking the server against the CA only.
 */
function httpsGet(via: Socket | { direct: number }, host: string, path: string, port = 443): Promise<{ status: number; body: string; authorized: boolean; peer: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const ca = authority.certificate
    const tls = 'direct' in via ? tlsConnect({ host: '127.0.0.1', port: via.direct, servername: host === '127.0.0.1' ? '' : host, ca }) : tlsConnect({ socket: via, servername: host, ca })
    tls.on('error', reject)
    const req = request({ path, headers: { host: port === 443 ? host : `${host}:${port}` }, createConnection: () => tls })
    req.on('response', (res) => {
      const peer = tls.getPeerCertificate()
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, authorized: tls.authorized, peer }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('absolute-form targets (HTTP_PROXY)', () => {
  const cases = [
    ['esms.mimsms.com', 'mimsms'],
    ['brandsms.mimsms.com', 'mimsms'],
    ['isms.mimsms.com', 'mimsms'],
    ['api.mimsms.com', 'mimsms-json'],
    ['sms.dinisoftbd.com:7788', 'dinisoft'],
    ['SMS.DINISOFTBD.COM', 'dinisoft'],
    ['sms.reseller.example', 'mimsms'],
  ] as const
  for (const via of ['mimsms', 'dinisoft', 'tls'] as const) {
    test.each(cases)(`http://%s through the ${via} port reaches %s`, async (host, name) => {
      const { status, body } = await raw(ports[via], `GET http://${host}/smsapi?api_key=k HTTP/1.1\r\nHost: ${host}`)
      expect(status).toBe(200)
      expect(body).toBe(`${name} GET /smsapi?api_key=k ${host.toLowerCase()}`)
    })
  }

  test('a target on another host is refused with one line and reaches no API', async () => {
    const before = served.length
    const { status, body } = await raw(ports.mimsms, 'GET http://example.com/smsapi?api_key=k HTTP/1.1\r\nHost: example.com')
    expect(status).toBe(403)
    expect(body).toMatch(/^Refused: "example.com" is not a gateway host .*open proxy.*\n$/)
    expect(body.trimEnd().split('\n')).toHaveLength(1)
    expect(served.length).toBe(before)
  })
})

describe('Host routing', () => {
  test('a known Host goes to its API on the wrong port', async () => {
    expect((await raw(ports.dinisoft, 'GET /smsapi HTTP/1.1\r\nHost: esms.mimsms.com')).body).toBe('mimsms GET /smsapi esms.mimsms.com')
    expect((await raw(ports.mimsms, 'GET /sendtext HTTP/1.1\r\nHost: sms.dinisoftbd.com:7790')).body).toBe('dinisoft GET /sendtext sms.dinisoftbd.com:7790')
  })

  test('any other Host stays on the port that got it', async () => {
    expect((await raw(ports.mimsms, 'GET /x HTTP/1.1\r\nHost: localhost:7799')).body).toBe('mimsms GET /x localhost:7799')
    expect((await raw(ports.dinisoft, 'GET /x HTTP/1.1\r\nHost: [::1]:7788')).body).toBe('dinisoft GET /x [::1]:7788')
  })
})

describe('CONNECT (HTTPS_PROXY)', () => {
  test('a tunnel to a MiM host speaks TLS with a leaf of the CA and reaches MiM', async () => {
    const socket = await tunnel(ports.dinisoft, 'esms.mimsms.com:443')
    const { status, body, authorized, peer } = await httpsGet(socket, 'esms.mimsms.com', '/smsapi?api_key=k')
    expect(status).toBe(200)
    expect(body).toBe('mimsms GET /smsapi?api_key=k esms.mimsms.com')
    expect(authorized).toBe(true)
    expect(peer.subjectaltname).toBe('DNS:esms.mimsms.com')
  })

  test('a tunnel to DiniSoft on its TLS port reaches DiniSoft', async () => {
    const socket = await tunnel(ports.mimsms, 'sms.dinisoftbd.com:7790')
    const { body } = await httpsGet(socket, 'sms.dinisoftbd.com', '/sendtext', 7790)
    expect(body).toBe('dinisoft GET /sendtext sms.dinisoftbd.com:7790')
  })

  test('a second tunnel to the same host reuses the cached certificate', async () => {
    const first = await httpsGet(await tunnel(ports.mimsms, 'isms.mimsms.com:443'), 'isms.mimsms.com', '/')
    const issued = authority.issued
    const second = await httpsGet(await tunnel(ports.dinisoft, 'isms.mimsms.com:443'), 'isms.mimsms.com', '/')
    expect(authority.issued).toBe(issued)
    expect(second.peer.fingerprint256).toBe(first.peer.fingerprint256)
  })

  test('a tunnel may carry plain HTTP', async () => {
    const socket = await tunnel(ports.mimsms, 'isms.mimsms.com:80')
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => resolve(text))
      socket.end('GET /smsapi HTTP/1.1\r\nHost: isms.mimsms.com\r\nConnection: close\r\n\r\n')
    })
    expect(answer).toMatch(/^HTTP\/1.1 200 OK[\s\S]*\r\n\r\nmimsms GET \/smsapi isms.mimsms.com$/)
  })

  test('a tunnel to another host is refused with one line and reaches no API', async () => {
    const before = served.length
    const { status, body } = await raw(ports.mimsms, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443')
    expect(status).toBe(403)
    expect(body).toMatch(/^Refused: "example.com" is not a gateway host/)
    await expect(tunnel(ports.dinisoft, '127.0.0.1:22')).rejects.toThrow('CONNECT answered 403')
    expect(served.length).toBe(before)
  })

  const curl = promisify(execFile)
  test('curl through the proxy trusts the exported CA with no insecure flag', async () => {
    const caFile = join(dataDir, 'exported-ca.pem')
    await writeFile(caFile, authority.certificate)
    const { stdout } = await curl('curl', ['-sS', '--fail', '--proxy', `http://127.0.0.1:${ports.mimsms}`, '--cacert', caFile, 'https://esms.mimsms.com/smsapi?x=1'], {
      env: { PATH: process.env.PATH ?? '' },
    })
    expect(stdout).toBe('mimsms GET /smsapi?x=1 esms.mimsms.com')
  })
})

describe('a port that speaks TLS and plain HTTP', () => {
  test('TLS without a server name gets the default certificate', async () => {
    const { body, peer } = await httpsGet({ direct: ports.tls }, '127.0.0.1', '/sendtext', ports.tls)
    expect(body).toBe(`dinisoft GET /sendtext 127.0.0.1:${ports.tls}`)
    expect(peer.subjectaltname).toBe('DNS:sms.dinisoftbd.com, DNS:localhost, IP Address:127.0.0.1')
  })

  test('TLS naming a host gets a leaf for it and is routed by Host', async () => {
    const { body, authorized } = await httpsGet({ direct: ports.tls }, 'esms.mimsms.com', '/smsapi')
    expect(body).toBe('mimsms GET /smsapi esms.mimsms.com')
    expect(authorized).toBe(true)
  })

  test('plain HTTP on the same port', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.tls}/sendtext?x=1`)
    expect(await res.text()).toBe(`dinisoft GET /sendtext?x=1 127.0.0.1:${ports.tls}`)
  })

  test('a client that does not trust the CA is turned away without harm', async () => {
    const refused = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: ports.tls })
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      socket.on('secureConnect', () => resolve('trusted'))
    })
    expect(refused).toBe('SELF_SIGNED_CERT_IN_CHAIN')
    expect((await fetch(`http://127.0.0.1:${ports.tls}/still-up`)).status).toBe(200)
  })
})

describe('the local CA', () => {
  test('survives a restart with the same data directory', async () => {
    const again = await CertificateAuthority.open(dataDir)
    expect(again.certificate).toBe(authority.certificate)
  })

  test('two emulators starting together on a new directory agree on one CA', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'sms-emulator-net-'))
    const [a, b] = await Promise.all([CertificateAuthority.open(fresh), CertificateAuthority.open(fresh)])
    expect(a.certificate).toBe(b.certificate)
    await rm(fresh, { recursive: true, force: true })
  })

  test('emulators of one process sharing a directory share its authority and leaves, until its file is replaced', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'sms-emulator-net-'))
    const [a, b] = await Promise.all([CertificateAuthority.shared(fresh), CertificateAuthority.shared(fresh)])
    expect(b).toBe(a)
    const leaf = await a.leaf(['api.mimsms.com'])
    expect(await (await CertificateAuthority.shared(fresh)).leaf(['api.mimsms.com'])).toBe(leaf)
    expect(a.issued).toBe(1)
    // Another CA in its place (deleted, made again): the next emulator reads that one.
    await rm(join(fresh, 'ca'), { recursive: true, force: true })
    const renewed = await CertificateAuthority.shared(fresh)
    expect(renewed).not.toBe(a)
    expect(renewed.certificate).not.toBe(a.certificate)
    await rm(fresh, { recursive: true, force: true })
  })

  test('without a data directory, each authority is new', async () => {
    const [a, b] = await Promise.all([CertificateAuthority.open(), CertificateAuthority.open()])
    expect(a.certificate).not.toBe(b.certificate)
  })
})
