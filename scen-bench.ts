import { startEmulator } from './src/index.js'
const magic = process.argv[2] !== 'off'
const emu = await startEmulator({ ports: 0, log: false, clock: 'manual', scenario: { magicNumbers: magic } })
const url = `${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=Hello`
emu.state.accounts.byKey('dinisoft', 'demo-apikey')!.balance = 1e9
let next = 0
const total = 4000
const t = performance.now()
await Promise.all(Array.from({ length: 32 }, async () => { for (let i = next++; i < total; i = next++) await (await fetch(url)).text() }))
console.log(magic ? 'magic on ' : 'magic off', Math.round(total / ((performance.now() - t) / 1000)), 'req/s')
await emu.close()
