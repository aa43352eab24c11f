// DiniSoft BD's endpoints as data: paths, parameters and answers (manual v1.03).
import type { EndpointSpec, ProviderContract } from '../types.js'
import { statusCodes, submitCodes } from './codes.js'

const credentials = [
  {
    name: 'apikey',
    in: 'query',
    required: true,
    format: 'text',
    role: 'key',
    example: 'API_KEY',
    whenMissing: 'unknown-account',
    invalid: { example: 'no-such-apikey', reason: 'unknown-account' },
    description: 'API key provided by the termination',
  },
  {
    name: 'secretkey',
    in: 'query',
    required: true,
    format: 'text',
    role: 'secret',
    example: 'SECRET_KEY',
    whenMissing: 'bad-credentials',
    invalid: { example: 'wrong-secretkey', reason: 'bad-credentials' },
    description: 'Secret key provided by the termination',
  },
] as const

const STATUS_FIELD = { name: 'Status', required: true, pattern: /^-?\d+$/, role: 'code' } as const
const TEXT_FIELD = { name: 'Text', required: true, pattern: /^[A-Z]+$/, role: 'text' } as const

export const sendtext = {
  id: 'sendtext',
  path: '/sendtext',
  methods: ['GET', 'POST'],
  encodings: ['query', 'form'],
  summary: 'Submit one SMS to one or more recipients',
  sends: true,
  params: [
    ...credentials,
    {
      name: 'callerID',
      in: 'query',
      required: true,
      format: 'text',
      role: 'sender',
      example: 'DEMO',
      whenMissing: 'request-failed',
      description: 'Sender: identifying number or masking name',
    },
    {
      name: 'toUser',
      in: 'query',
      required: true,
      format: 'msisdn-list',
      role: 'recipients',
      example: '8801712345678',
      separators: ',',
      whenMissing: 'invalid-number',
      invalid: { example: '12345', reason: 'invalid-number' },
      description: 'Receiver number (8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX); several separated by commas',
    },
    {
      name: 'messageContent',
      in: 'query',
      required: true,
      format: 'text',
      role: 'content',
      example: 'Hello from DiniSoft',
      whenMissing: 'missing-content',
      description: 'The message text (URL-encoded: an unencoded & ends it)',
    },
  ],
  codes: submitCodes,
  responses: [
    {
      description: 'Accepted',
      format: 'json',
      codes: ['0'],
      fields: [STATUS_FIELD, TEXT_FIELD, { name: 'Message_ID', required: true, pattern: /^\d+$/, role: 'id' }],
      example: '{"Status":"0","Text":"ACCEPTD","Message_ID":"194234"}',
    },
    {
      description: 'Rejected (109, 108, 114, 101, 1, 5400)',
      format: 'json',
      codes: ['109', '108', '114', '101', '1', '5400'],
      fields: [STATUS_FIELD, TEXT_FIELD, { name: 'Message_ID', required: false, pattern: /^$/ }],
      example: '{"Status":"108","Text":"REJECTD"}',
    },
  ],
} as const satisfies EndpointSpec

export const getstatus = {
  id: 'getstatus',
  path: '/getstatus',
  methods: ['GET', 'POST'],
  encodings: ['query', 'form'],
  summary: "Read a message's delivery status (a final status can be read only once)",
  sends: false,
  params: [
    ...credentials,
    {
      name: 'messageid',
      in: 'query',
      required: true,
      format: 'message-id',
      role: 'message-id',
      example: '194234',
      whenMissing: 'unknown-message',
      invalid: { example: '0', reason: 'unknown-message' },
      description: 'The Message_ID of a successful submission',
    },
  ],
  codes: statusCodes,
  statusRead: { idParam: 'messageid', handedOut: 'final-once' },
  responses: [
    {
      description: 'Delivered',
      format: 'json',
      codes: ['0'],
      fields: [
        STATUS_FIELD,
        TEXT_FIELD,
        { name: 'Message_ID', required: true, pattern: /^\d+$/, role: 'id' },
        { name: 'Delivery Time', required: true, pattern: /^\d{13}$/ },
      ],
      example: '{"Status": "0","Text": "DELIVRD","Message_ID": "194234","Delivery Time": "1586420396602"}',
    },
    {
      description: 'Pending, sent, failed or rejected (2, 4, 1, 109, 108, 114, 101, -42)',
      format: 'json',
      codes: ['2', '4', '1', '109', '108', '114', '101', '-42'],
      fields: [STATUS_FIELD, TEXT_FIELD, { name: 'Message_ID', required: false, pattern: /^\d*$/ }],
      example: '{"Status": "2","Text": "PENDING"}',
    },
  ],
} as const satisfies EndpointSpec

export const balance = {
  id: 'balance',
  path: '/login/sms/smsConfiguration/smsClientBalance.jsp',
  aliases: ['/sms/smsConfiguration/smsClientBalance.jsp', '/portal/sms/smsConfiguration/smsClientBalance.jsp'],
  methods: ['GET'],
  encodings: ['query'],
  summary: "The client's balance as plain text with six decimals",
  sends: false,
  params: [{ name: 'client', in: 'query', required: true, format: 'text', role: 'account', example: 'ClientName', description: 'The client (account) name' }],
  responses: [{ description: 'Balance', format: 'text', pattern: /^\d+\.\d{6}$/, example: '10.000000' }],
} as const satisfies EndpointSpec

export const dinisoftContract = {
  provider: 'dinisoft',
  title: 'DiniSoft BD SMS API',
  manual: 'SMS API v1.03 (21-01-2021)',
  servers: ['https://sms.dinisoftbd.com:7790', 'http://sms.dinisoftbd.com:7788'],
  endpoints: [sendtext, getstatus, balance],
} as const satisfies ProviderContract
