// DiniSoft BD's endpoints as data: paths, parameters and answers (manual v1.03).
import type { EndpointSpec, ProviderContract } from '../types.js'

const credentials = [
  { name: 'apikey', in: 'query', required: true, format: 'text', description: 'API key provided by the termination' },
  { name: 'secretkey', in: 'query', required: true, format: 'text', description: 'Secret key provided by the termination' },
] as const

const STATUS_FIELD = { name: 'Status', required: true, pattern: /^-?\d+$/ } as const
const TEXT_FIELD = { name: 'Text', required: true, pattern: /^[A-Z]+$/ } as const

export const sendtext = {
  id: 'sendtext',
  path: '/sendtext',
  methods: ['GET', 'POST'],
  encodings: ['query', 'form'],
  summary: 'Submit one SMS to one or more recipients',
  sends: true,
  params: [
    ...credentials,
    { name: 'callerID', in: 'query', required: true, format: 'text', description: 'Sender: identifying number or masking name' },
    {
      name: 'toUser',
      in: 'query',
      required: true,
      format: 'msisdn-list',
      description: 'Receiver number (8801XXXXXXXXX, +8801XXXXXXXXX or 01XXXXXXXXX); several separated by commas',
    },
    { name: 'messageContent', in: 'query', required: true, format: 'text', description: 'The message text (URL-encoded)' },
  ],
  responses: [
    {
      description: 'Accepted',
      format: 'json',
      fields: [STATUS_FIELD, TEXT_FIELD, { name: 'Message_ID', required: true, pattern: /^\d+$/ }],
      example: '{"Status":"0","Text":"ACCEPTD","Message_ID":"194234"}',
    },
    {
      description: 'Rejected (109, 108, 114, 101, 1, 5400)',
      format: 'json',
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
    { name: 'messageid', in: 'query', required: true, format: 'message-id', description: 'The Message_ID of a successful submission' },
  ],
  responses: [
    {
      description: 'Delivered',
      format: 'json',
      fields: [STATUS_FIELD, TEXT_FIELD, { name: 'Message_ID', required: true, pattern: /^\d+$/ }, { name: 'Delivery Time', required: true, pattern: /^\d{13}$/ }],
      example: '{"Status": "0","Text": "DELIVRD","Message_ID": "194234","Delivery Time": "1586420396602"}',
    },
    {
      description: 'Pending, sent, failed or rejected (2, 4, 1, 109, 108, 114, 101, -42)',
      format: 'json',
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
  params: [{ name: 'client', in: 'query', required: true, format: 'text', description: 'The client (account) name' }],
  responses: [{ description: 'Balance', format: 'text', pattern: /^\d+\.\d{6}$/, example: '10.000000' }],
} as const satisfies EndpointSpec

export const dinisoftContract = {
  provider: 'dinisoft',
  title: 'DiniSoft BD SMS API',
  manual: 'SMS API v1.03 (21-01-2021)',
  endpoints: [sendtext, getstatus, balance],
} as const satisfies ProviderContract
