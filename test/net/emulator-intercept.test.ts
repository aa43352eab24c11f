// Interception on a whole emulator: apps with hard-coded gateway URLs reach it through a proxy or a hosts entry.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { connect as netConnect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Emulator } from '../../src/index.js'
import { cli } from '../helpers/cli.js'
import { testEmulator } from '../helpers/emulator.js'

const SMSAPI = '/smsapi?api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=Hello'
const SENDTEXT = '/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=Hello'

let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sms-emulator-intercept-'))
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const portOf = (url: string) => Number(new URL(url).port)

/** One HTTP/1.1 exchange over a raw socket: what a proxy client sends. */
function exchange(socket: Socket, head: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const split = text.indexOf('\r\n\r\n')
      resolve({ status: Number(text.slice(0, split).split(' ')[1]), body: text.slice(split + 4) })
    })
    socket.end(`${head}\r\nConnection: close\r\n\r\n`)
  })
}

const plain = (url: string, head: string) => exchange(netConnect(portOf(url), '127.0.0.1'), head)

/** CONNECT host:port through the emulator port at `proxy`, then TLS checked against `caPem` alone. */
async function throughTunnel(proxy: string, target: string, caPem: string, head: string): Promise<{ status: number; body: string }> {
  const tunnel = await new Promise<Socket>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: portOf(proxy), method: 'CONNECT', path: target })
    req.on('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error(`CONNECT answered ${res.statusCode}`))))
    req.on('response', (res) => reject(new Error(`CONNECT answered ${res.statusCode}`)))
    req.on('error', reject)
    req.end()
  })
  const servername = target.split(':')[0] as string
  return exchange(tlsConnect({ socket: tunnel, servername, ca: caPem }), head)
}

test('a MiM client with a hard-coded https://esms.mimsms.com sends through HTTPS_PROXY and the message is accepted', async () => {
  const emu = await testEmulator({ dataDir })
  const { status, body } = await throughTunnel(emu.urls.dinisoft, 'esms.mimsms.com:443', await emu.caCertificate(), `GET ${SMSAPI} HTTP/1.1\r\nHost: esms.mimsms.com`)
  expect(status).toBe(200)
  expect(body).toMatch(/SMS SUBMITTED/)
  expect(emu.messages()).toMatchObject([{ provider: 'mimsms', to: '8801712345678' }])
  expect(emu.journal()).toMatchObject([{ provider: 'mimsms' }])
})

test('DiniSoft through CONNECT to its TLS port, and MiM through HTTP_PROXY on the DiniSoft port', async () => {
  const emu = await testEmulator({ dataDir })
  const dinisoft = await throughTunnel(emu.urls.mimsms, 'sms.dinisoftbd.com:7790', await emu.caCertificate(), `GET ${SENDTEXT} HTTP/1.1\r\nHost: sms.dinisoftbd.com:7790`)
  expect(JSON.parse(dinisoft.body)).toMatchObject({ Status: '0' })
  const mim = await plain(emu.urls.dinisoft, `GET http://isms.mimsms.com${SMSAPI} HTTP/1.1\r\nHost: isms.mimsms.com`)
  expect(mim.body).toMatch(/SMS SUBMITTED/)
  expect(emu.messages().map((message) => message.provider)).toEqual(['dinisoft', 'mimsms'])
})

test('a hosts-file entry: a gateway Host on the wrong port reaches its provider', async () => {
  const emu = await testEmulator({ dataDir })
  const { body } = await plain(emu.urls.mimsms, `GET ${SENDTEXT} HTTP/1.1\r\nHost: sms.dinisoftbd.com`)
  expect(JSON.parse(body)).toMatchObject({ Status: '0' })
  expect(emu.messages()).toMatchObject([{ provider: 'dinisoft' }])
})

test('requests for other hosts are refused, by CONNECT and by absolute form, and leave no message', async () => {
  const emu = await testEmulator({ dataDir })
  const byProxy = await plain(emu.urls.mimsms, `GET http://api.example.com${SMSAPI} HTTP/1.1\r\nHost: api.example.com`)
  expect(byProxy.status).toBe(403)
  expect(byProxy.body).toMatch(/^Refused: "api.example.com" is not a gateway host/)
  await expect(throughTunnel(emu.urls.dinisoft, 'api.example.com:443', await emu.caCertificate(), 'GET / HTTP/1.1')).rejects.toThrow('CONNECT answered 403')
  expect(emu.messages()).toEqual([])
  expect(emu.journal()).toEqual([])
})

test('the DiniSoft TLS port answers HTTPS (verified against the CA) and plain HTTP', async () => {
  const emu = await testEmulator({ dataDir })
  const url = emu.urls['dinisoft-tls']
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  const secure = await exchange(tlsConnect({ host: '127.0.0.1', port: portOf(url), ca: await emu.caCertificate() }), `GET ${SENDTEXT} HTTP/1.1\r\nHost: 127.0.0.1`)
  expect(JSON.parse(secure.body)).toMatchObject({ Status: '0' })
  const byName = await exchange(tlsConnect({ host: '127.0.0.1', port: portOf(url), servername: 'sms.dinisoftbd.com', ca: await emu.caCertificate() }), `GET ${SENDTEXT} HTTP/1.1\r\nHost: sms.dinisoftbd.com:7790`)
  expect(JSON.parse(byName.body)).toMatchObject({ Status: '0' })
  const insecure = await fetch(`${url.replace('https:', 'http:')}${SENDTEXT}`)
  expect(await insecure.json()).toMatchObject({ Status: '0' })
  expect(emu.messages()).toHaveLength(3)
})

test('white-label names from --host-alias and from the scenario', async () => {
  const emu: Emulator = await testEmulator({
    dataDir,
    hostAliases: [{ host: 'sms.flag-reseller.example', api: 'mimsms' }],
    scenario: { hostAliases: { 'SMS.Scenario-Reseller.example': 'dinisoft' } },
  })
  expect((await plain(emu.urls.dinisoft, `GET http://sms.flag-reseller.example${SMSAPI} HTTP/1.1\r\nHost: x`)).body).toMatch(/SMS SUBMITTED/)
  expect(JSON.parse((await plain(emu.urls.mimsms, `GET ${SENDTEXT} HTTP/1.1\r\nHost: sms.scenario-reseller.example`)).body)).toMatchObject({ Status: '0' })
})

test('the CA survives a restart with the same data directory, and `sms-emulator ca --out` exports it', async () => {
  const first = await testEmulator({ dataDir })
  const certificate = await first.caCertificate()
  await first.close()
  const second = await testEmulator({ dataDir })
  expect(await second.caCertificate()).toBe(certificate)
  const out = join(dataDir, 'exported.pem')
  const exported = await cli(['ca', '--out', out, '--data-dir', dataDir])
  expect(exported).toMatchObject({ code: 0, stdout: '' })
  expect(exported.stderr).toContain(`Wrote the local CA's certificate to ${out}`)
  expect(await cli(['ca'], { env: { SMS_EMULATOR_DATA_DIR: dataDir } })).toMatchObject({ code: 0, stdout: certificate })
  expect(await readFile(out, 'utf8')).toBe(certificate)
  expect(await readFile(join(dataDir, 'ca', 'authority.pem'), 'utf8')).toContain('PRIVATE KEY')
})

test('an emulator without a data directory makes its CA in memory', async () => {
  const [a, b] = [await testEmulator(), await testEmulator()]
  expect(await a.caCertificate()).not.toBe(await b.caCertificate())
})

test('api.mimsms.com through a tunnel reaches MiM JSON API, whichever port is the proxy', async () => {
  const emu = await testEmulator({ dataDir })
  const answer = await throughTunnel(emu.urls.dinisoft, 'api.mimsms.com:443', await emu.caCertificate(), 'POST /api/SmsSending/SMS HTTP/1.1\r\nHost: api.mimsms.com\r\nContent-Type: application/json\r\nContent-Length: 0')
  expect(answer.body).toContain('{"statusCode":"401"')
  expect(emu.journal()).toMatchObject([{ provider: 'mimsms-json' }])
})
