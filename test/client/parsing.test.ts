import { expect, test } from 'vitest'
import { getDLR } from '../../src/contracts/mimsms/endpoints.js'
import {
  DiniSoftClient,
  type Fetch,
  fromDhakaDateTime,
  MimSmsClient,
  parseDiniSoftBody,
  parseDlrXml,
  ProviderError,
  toDhakaDateTime,
  TransportError,
} from '../../src/index.js'

/** A fetch that answers every request with this body and records what it was asked. */
function answering(body: string, init: { status?: number; contentType?: string } = {}): Fetch & { requests: { url: string; body?: string }[] } {
  const requests: { url: string; body?: string }[] = []
  const fetch = async (input: URL | string, request?: RequestInit) => {
    requests.push({ url: String(input), ...(typeof request?.body === 'string' ? { body: request.body } : {}) })
    // Bytes, so no Content-Type is added: DiniSoft sends none.
    return new Response(new TextEncoder().encode(body), {
      status: init.status ?? 200,
      headers: init.contentType ? { 'content-type': init.contentType } : {},
    })
  }
  return Object.assign(fetch, { requests })
}

const dinisoft = (fetch: Fetch) =>
  new DiniSoftClient({ baseUrl: 'http://dinisoft.test:7788', apikey: 'k', secretkey: 's', client: 'c', sender: 'DEMO', fetch, retry: false })
const mim = (fetch: Fetch) => new MimSmsClient({ baseUrl: 'https://mim.test', api_key: 'key', sender: 'DEMO', fetch, retry: false })

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: Error) => error,
  )
}

test('DiniSoft bodies: compact and spaced JSON, numbers for strings, a BOM and a trailing newline all read', () => {
  expect(parseDiniSoftBody('{"Status":"0","Text":"ACCEPTD","Message_ID":"194234"}')).toEqual({ Status: '0', Text: 'ACCEPTD', Message_ID: '194234' })
  expect(parseDiniSoftBody('{"Status": "0","Text": "DELIVRD","Message_ID": "194234","Delivery Time": "1586420396602"}')).toMatchObject({
    'Delivery Time': '1586420396602',
  })
  expect(parseDiniSoftBody('\uFEFF{"Status":108,"Text":"REJECTD"}\r\n')).toEqual({ Status: '108', Text: 'REJECTD' })
})

test('DiniSoft bodies that are not its JSON are refused', () => {
  for (const body of ['', '10.000000', '<html>502</html>', '[1,2]', '{"status":"0"}', '{"Status":"0"', 'null']) {
    expect(parseDiniSoftBody(body), body).toBeUndefined()
  }
})

test('a DiniSoft answer that is not JSON raises a clear error that includes the body', async () => {
  const error = await failure(dinisoft(answering('<html><body>Apache Tomcat/7.0 - Error report</body></html>')).send({ to: '01712345678', text: 'x' }))
  expect(error).toBeInstanceOf(TransportError)
  expect(error).toMatchObject({ failure: 'unexpected-body', body: '<html><body>Apache Tomcat/7.0 - Error report</body></html>', retryable: false })
  expect(error.message).toBe(
    'Failed to send an SMS via DiniSoft BD to 8801712345678: expected a DiniSoft JSON answer such as {"Status":"0","Text":"ACCEPTD","Message_ID":"194234"}, ' +
      'got body "<html><body>Apache Tomcat/7.0 - Error report</body></html>" (HTTP 200 from http://dinisoft.test:7788/sendtext).',
  )
})

test('a DiniSoft acceptance without a Message_ID is an unexpected body, not a success', async () => {
  const error = await failure(dinisoft(answering('{"Status":"0","Text":"ACCEPTD","Message_ID":""}')).send({ to: '01712345678', text: 'x' }))
  expect(error).toMatchObject({ failure: 'unexpected-body' })
  expect(error.message).toMatch(/expected a Message_ID/)
})

test('a DiniSoft acceptance spelt "Acceptd", as the manual table has it, still reads by its Status', async () => {
  const result = await dinisoft(answering('{"Status":"0","Text":"Acceptd","Message_ID":"42"}')).send({ to: '01712345678', text: 'x' })
  expect(result.messageId).toBe('42')
})

test('a DiniSoft code outside the manual is a ProviderError that says so', async () => {
  const error = await failure(dinisoft(answering('{"Status":"777","Text":"REJECTD"}')).send({ to: '01712345678', text: 'x' }))
  expect(error).toBeInstanceOf(ProviderError)
  expect(error).toMatchObject({ code: '777', documented: false, retryable: false, meaning: "a code the provider's manual does not list" })
})

test("the manual's delivered sample reads as delivered at its Delivery Time", async () => {
  const status = await dinisoft(answering('{"Status": "0","Text": "DELIVRD","Message_ID": "194234","Delivery Time": "1586420396602"}')).status('194234')
  expect(status).toMatchObject({ status: 'delivered', final: true, code: '0', text: 'DELIVRD', at: new Date(1586420396602) })
})

test('a DiniSoft balance page that is HTML raises an error that includes the body', async () => {
  const error = await failure(dinisoft(answering('<html>Login</html>', { contentType: 'text/html' })).balance())
  expect(error.message).toMatch(/expected a balance such as "10\.000000".*got body "<html>Login<\/html>"/)
})

test('MiM submission bodies: the manual form, the reply=Y form and a trailing newline', async () => {
  expect((await mim(answering('SMS SUBMITTED: ID - C2008912345abcd\n')).send({ to: '01712345678', text: 'x' })).messageId).toBe('C2008912345abcd')
  expect((await mim(answering('1000, C2008912345abcd')).send({ to: '01712345678', text: 'x' })).messageId).toBe('C2008912345abcd')
})

test('MiM error bodies are bare codes: documented ones carry their meaning, others say they are not in the manual', async () => {
  await expect(mim(answering('1007')).send({ to: '01712345678', text: 'x' })).rejects.toMatchObject({ code: '1007', meaning: 'Balance Insufficient', documented: true })
  await expect(mim(answering('1007\r\n')).send({ to: '01712345678', text: 'x' })).rejects.toMatchObject({ code: '1007' })
  await expect(mim(answering('1099')).send({ to: '01712345678', text: 'x' })).rejects.toMatchObject({ code: '1099', documented: false })
})

test('a MiM answer that is none of its formats raises a clear error that includes the body', async () => {
  const error = await failure(mim(answering('Error: Invalid request')).send({ to: '01712345678', text: 'x' }))
  expect(error).toMatchObject({ failure: 'unexpected-body', body: 'Error: Invalid request' })
  expect(error.message).toMatch(/expected "SMS SUBMITTED: ID - <id>", "1000, <id>" or an error code, got body "Error: Invalid request"/)
})

test('MiM balance reads the real "Your Balance is:BDT 470.44" and refuses anything else', async () => {
  expect(await mim(answering('Your Balance is:BDT 470.44')).balance()).toEqual({ provider: 'mimsms', amount: 470.44, currency: 'BDT', raw: 'Your Balance is:BDT 470.44' })
  await expect(mim(answering('Balance: 470')).balance()).rejects.toThrow(/expected a balance such as "Your Balance is:BDT 470\.44", got body "Balance: 470"/)
})

test('MiM sends a form body with api_key, type, contacts, senderid and msg, unicode chosen for Bangla', async () => {
  const fetch = answering('SMS SUBMITTED: ID - X1')
  await mim(fetch).send({ to: ['+8801712345678', '01812345678'], text: 'দাম ৫০০ টাকা & $5' })
  const form = new URLSearchParams(fetch.requests[0]?.body)
  expect(fetch.requests[0]?.url).toBe('https://mim.test/smsapi')
  expect(Object.fromEntries(form)).toEqual({ api_key: 'key', type: 'unicode', contacts: '8801712345678,8801812345678', senderid: 'DEMO', msg: 'দাম ৫০০ টাকা & $5' })
})

test('a GSM-7 text with its extension characters stays type=text; an emoji needs unicode', async () => {
  const fetch = answering('SMS SUBMITTED: ID - X1')
  await mim(fetch).send({ to: '01712345678', text: 'Price: €5 [promo] {code} ~ ^ | \\ @home' })
  await mim(fetch).send({ to: '01712345678', text: 'Thanks 🙏' })
  expect(fetch.requests.map((request) => new URLSearchParams(request.body).get('type'))).toEqual(['text', 'unicode'])
})

// The manual's own sample, kept once in the contract as the report's example.
const MANUAL_DLR = getDLR.responses[0].example

test("the manual's DLR sample reads, quotes stripped and times taken as Dhaka time", () => {
  expect(parseDlrXml(MANUAL_DLR)).toEqual([
    {
      to: '88017xxxxxxx',
      content: 'SMS Content...',
      status: 'delivered',
      code: '1',
      text: 'Delivered',
      meaning: expect.stringMatching(/^Delivered/),
      sentAt: new Date('2017-12-01T02:23:30Z'),
      at: new Date('2017-12-01T02:23:30Z'),
    },
  ])
})

test('DLR XML from real feeds: a raw &, entities, Bangla, an <ID>, failure codes and unknown codes', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<dlr>
<message><ID>C1</ID><MSISDN>8801712345678</MSISDN><SMS>"Tom & Jerry &amp; co &lt;3 &#2476;াংলা"</SMS><SMSSent>2026-01-15 10:00:00</SMSSent><DLRReceived>2026-01-15 10:00:03</DLRReceived><DLRStatus>1028</DLRStatus><DLRStatusDetails>Absent subscriber</DLRStatusDetails></message>
<message><ID>C1</ID><MSISDN>8801812345678</MSISDN><SMS>"x"</SMS><SMSSent>2026-01-15 10:00:00</SMSSent><DLRReceived>2026-01-15 10:00:03</DLRReceived><DLRStatus>77</DLRStatus><DLRStatusDetails>Mystery</DLRStatusDetails></message>
</dlr>`
  const [absent, mystery] = parseDlrXml(xml) ?? []
  expect(absent).toMatchObject({ messageId: 'C1', content: 'Tom & Jerry & co <3 বাংলা', status: 'failed', code: '1028', meaning: 'Absent subscriber' })
  expect(mystery).toMatchObject({ status: 'unknown', code: '77', text: 'Mystery' })
  expect(mystery?.meaning).toBeUndefined()
})

test('an empty report is no report; a body that is not a <dlr> document is refused', () => {
  expect(parseDlrXml('<?xml version="1.0" encoding="UTF-8"?>\n<dlr></dlr>')).toEqual([])
  expect(parseDlrXml('<dlr/>')).toEqual([])
  for (const body of ['', '1003', '<html><body>502 Bad Gateway</body></html>', 'OK']) expect(parseDlrXml(body), body).toBeUndefined()
})

test('a MiM report call that answers HTML raises a clear error with the body', async () => {
  const error = await failure(mim(answering('<html><body>Maintenance</body></html>')).status('C1'))
  expect(error.message).toMatch(/expected a <dlr> XML report, got body "<html><body>Maintenance<\/body><\/html>"/)
})

test('Dhaka date-times convert both ways at UTC+6', () => {
  expect(toDhakaDateTime(new Date('2026-01-15T18:30:05Z'))).toBe('2026-01-16 00:30:05')
  expect(fromDhakaDateTime('2026-01-16 00:30:05')).toEqual(new Date('2026-01-15T18:30:05Z'))
  expect(fromDhakaDateTime('')).toBeUndefined()
  expect(fromDhakaDateTime('yesterday')).toBeUndefined()
})

test('a long unexpected body is cut in the message but kept whole on the error', async () => {
  const body = 'x'.repeat(5000)
  const error = (await failure(mim(answering(body)).send({ to: '01712345678', text: 'x' }))) as TransportError
  expect(error.body).toHaveLength(5000)
  expect(error.message).toMatch(/… \(5000 characters\)/)
  expect(error.message.length).toBeLessThan(700)
})

test('a 404 says to check the base URL', async () => {
  const error = await failure(mim(answering('Not Found', { status: 404 })).balance())
  expect(error).toMatchObject({ failure: 'http-status', status: 404, retryable: false })
  expect(error.message).toMatch(/HTTP 404 from GET https:\/\/mim\.test\/miscapi\/\*\*\*\/getBalance, body "Not Found"\. Check the base URL/)
})

test('config mistakes fail at construction', () => {
  expect(() => new MimSmsClient({ baseUrl: 'esms.mimsms.com' })).toThrow(/Invalid baseUrl "esms\.mimsms\.com": expected an absolute http\(s\) URL/)
  expect(() => new DiniSoftClient({ baseUrl: 'http://x', apikey: '', secretkey: 's', client: 'c' })).toThrow(/Missing apikey/)
})
