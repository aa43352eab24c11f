// Secrets never leave the process in clear: the masking module, and every exit that shows a request.
import { expect, test } from 'vitest'
import { mimsmsContract } from '../../src/contracts/mimsms/endpoints.js'
import { isSecretName, maskBody, maskPath, maskSecret, maskTarget, maskText, maskValues } from '../../src/contracts/secrets.js'
import { type Emulator } from '../../src/index.js'
import { testEmulator } from '../helpers/emulator.js'
import { control, sendDinisoft } from '../helpers/send.js'

const contracts = [mimsmsContract]

test('maskSecret keeps enough to recognise a key and never the whole of it', () => {
  expect(maskSecret('demo-api-key')).toBe('demo****key')
  expect(maskSecret('PASSWORD')).toBe('PA****D')
  expect(maskSecret('short')).toBe('****')
  expect(maskSecret('')).toBe('****')
  // A key that looks masked is a key like any other: shown in clear it would be whole (callers mask each value once).
  expect(maskSecret('ab****c')).toBe('****')
  expect(maskSecret('demo****key')).toBe('de****y')
  for (const key of ['ab****c', 'demo****key']) expect(maskSecret(key)).not.toBe(key)
})

test('credential names are recognised whatever their case, separators or a letter or two of misspelling', () => {
  for (const name of ['apikey', 'api_key', 'API_KEY', 'Api-Key', 'apiKey', 'secretkey', 'secretKey', 'SECRET', 'password', 'Password', 'passwrd', 'apikye', 'secrtkey', 'token', 'x-api-key'])
    expect(isSecretName(name), name).toBe(true)
  for (const name of ['toUser', 'messageContent', 'msg', 'contacts', 'senderid', 'callerID', 'username', 'type', 'messageid', 'client', 'label'])
    expect(isSecretName(name), name).toBe(false)
})

test('credential path segments are masked: /miscapi/KEY/... and the password of /getkey/USER/PASSWORD', () => {
  expect(maskPath('/miscapi/demo-api-key/getDLR/getAll', contracts)).toBe('/miscapi/demo****key/getDLR/getAll')
  expect(maskPath('/MISCAPI/demo-api-key', contracts)).toBe('/MISCAPI/demo****key')
  expect(maskPath('/getkey/demo/demo-password', contracts)).toBe('/getkey/demo/demo****ord')
  expect(maskTarget('/smsapi?api_key=demo-api-key&msg=hi', contracts)).toBe('/smsapi?api_key=demo****key&msg=hi')
})

test('bodies are masked in JSON (at any depth), form and multipart encodings', () => {
  expect(maskBody('{"Apikey":"demo-api-key","msg":"x","auth":{"Password":"hunter2hunter2"}}', 'application/json')).toBe(
    '{"Apikey":"demo****key","msg":"x","auth":{"Password":"hunt****er2"}}',
  )
  expect(maskBody('apikey=demo-apikey&secretKey=demo-secretkey&toUser=8801712345678', 'application/x-www-form-urlencoded')).toBe(
    'apikey=de****y&secretKey=demo****key&toUser=8801712345678',
  )
  const multipart = '--b\r\nContent-Disposition: form-data; name="api_key"\r\n\r\ndemo-api-key\r\n--b--\r\n'
  expect(maskBody(multipart, 'multipart/form-data; boundary=b')).not.toContain('demo-api-key')
})

test('free text such as a log line has its credentials masked, and masking a long text stays linear', () => {
  const line = 'mimsms: answering GET /miscapi/demo-api-key/getBalance?api_key=demo-api-key failed; "secretKey": "demo-secretkey"'
  const masked = maskText(line, contracts)
  expect(masked).toBe('mimsms: answering GET /miscapi/demo****key/getBalance?api_key=demo****key failed; "secretKey": "demo****key"')
  const started = performance.now()
  maskText(`${'a'.repeat(200_000)}=${'b'.repeat(200_000)}`, contracts)
  expect(performance.now() - started).toBeLessThan(1000)
})

async function everySecretExit(emu: Emulator): Promise<string> {
  const [journal, ndjson, accounts, messages] = await Promise.all([
    control(emu).get('/api/journal'),
    control(emu).get('/api/journal?format=ndjson'),
    control(emu).get('/api/accounts'),
    control(emu).get('/api/messages'),
  ])
  const inbox = await control(emu).get('/')
  return [journal.text, ndjson.text, accounts.text, messages.text, inbox.text].join('\n')
}

test('known secret values are masked wherever they stand, as is or URL-encoded (a program\'s output)', () => {
  expect(maskValues('using key demo-api-key, again demo-api-key', ['demo-api-key'])).toBe('using key demo****key, again demo****key')
  expect(maskValues('secret=p%40ss%2Fword!', ['p@ss/word!'])).toBe('secret=p@****!')
  // Too short to tell from ordinary text: left as it is.
  expect(maskValues('the key abc', ['abc'])).toBe('the key abc')
})

test('the journal, accounts, messages and the inbox show no key, secret or password in clear', async () => {
  const emu = await testEmulator()
  await sendDinisoft(emu)
  await sendDinisoft(emu, { apikey: 'demo-apikey', secretKey: 'misspelled-secret-value' })
  await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'API_KEY=demo-api-key&api_key=demo-api-key&type=text&contacts=8801712345678&senderid=DEMO&msg=hi' })
  await fetch(`${emu.urls.mimsms}/smsapi`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: 'demo-api-key', msg: 'x' }) })
  await fetch(`${emu.urls.mimsms}/miscapi/demo-api-key/getBalance`)
  const key = await (await fetch(`${emu.urls.mimsms}/getkey/demo/demo-password`)).text()
  expect(key).toBe('demo-api-key')
  const shown = await everySecretExit(emu)
  for (const secret of ['demo-apikey', 'demo-secretkey', 'misspelled-secret-value', 'demo-api-key', 'demo-password']) expect(shown).not.toContain(secret)
  expect(shown).toContain('demo****key')
  const messages = (await control(emu).get('/api/messages?provider=dinisoft')).body.messages
  expect(messages[0]).toMatchObject({ account: 'demo', accountKey: 'de****y' })
})

test('log lines mask the keys in the paths they print', async () => {
  const lines: string[] = []
  const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string, e?: unknown) => lines.push(`${m} ${String(e)}`) }
  const emu = await testEmulator({ log })
  emu.state.log.error('mimsms: answering GET /miscapi/demo-api-key/getBalance?api_key=demo-api-key with the internal-error code', new Error('apikey=demo-apikey'))
  expect(lines.join('\n')).not.toMatch(/demo-api-?key/)
  expect(lines.join('\n')).toContain('/miscapi/demo****key/getBalance')
})
