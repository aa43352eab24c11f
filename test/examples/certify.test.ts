import { setTimeout as sleep } from 'node:timers/promises'
import { createGateway } from '../../src/client/index.js'
import { certifyConsumer } from '../../src/vitest.js'

// The code under test: sends a one-time code through MiM SMS and waits for its delivery report.
async function sendOtp(env: Readonly<Record<string, string | undefined>>, signal: AbortSignal): Promise<void> {
  const sms = createGateway('mimsms', { baseUrl: env.SMS_EMULATOR_URL ?? '', api_key: env.SMS_API_KEY, sender: env.SMS_SENDER, timeoutMs: 3000, signal })
  const { messageId } = await sms.send({ to: env.SMS_TO ?? '', text: 'Your code is 1234' })
  for (const deadline = Date.now() + 3000; Date.now() < deadline; ) {
    await sleep(600, undefined, { signal })
    const status = await sms.status(messageId)
    if (status.status === 'delivered') return
    if (status.final) throw new Error(`The code was not delivered: ${status.code} ${status.text}`)
  }
  throw new Error('No delivery report in time')
}

// One test per situation: refusals, error pages, 429, hung and dropped connections, every DLR code...
certifyConsumer({ provider: 'mimsms', run: ({ env, signal }) => sendOtp(env, signal) })
