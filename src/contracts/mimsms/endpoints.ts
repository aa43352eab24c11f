// MiM SMS's endpoints as data: paths, parameters and answers (API manual).
import type { EndpointSpec, ParamSpec, ProviderContract } from '../types.js'

const apiKeyParam = { name: 'api_key', in: 'query', required: true, format: 'text', description: 'Your API key (developer page of your account)' } as const
const apiKeyInPath = { name: 'apiKey', in: 'path', required: true, format: 'text', description: 'Your API key' } as const
const senderParam = { name: 'senderid', in: 'query', required: true, format: 'text', description: 'An approved sender ID (Messaging > Sender ID)' } as const
const scheduleParam = {
  name: 'scheduledDateTime',
  in: 'query',
  required: false,
  format: 'datetime',
  description: 'Send later: YYYY-MM-DD HH:MM:SS in Asia/Dhaka time (HH:MM and a T for the space are read too); empty or "now" sends at once; anything else is 1006',
} as const
const labelParam = {
  name: 'label',
  in: 'query',
  required: false,
  format: 'enum',
  enum: ['transactional', 'promotional'],
  description: 'Message category real clients send; not in the manual',
  undocumented: true,
} as const

/**
 * Content types of the answers. The manual names none; the panel is a PHP application, whose default
 * for a plain answer is text/html. The reports are XML with an XML declaration.
 */
export const TEXT_CONTENT_TYPE = 'text/html; charset=UTF-8'
export const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8'

/** The receipt before its id (manual, "API Response Details"): `SMS SUBMITTED: ID - <id>`. */
export const SUBMITTED_PREFIX = 'SMS SUBMITTED: ID - '
/** The balance answer before its amount, as deployments send it (no space after the colon). */
export const BALANCE_PREFIX = 'Your Balance is:BDT '

/** `SMS SUBMITTED: ID - <id>`: ids have no spaces or dashes, so clients can split on "- ". */
export const SUBMITTED_PATTERN = /^SMS SUBMITTED: ID - ([0-9A-Za-z]+)$/
/** `1000, <id>` (reply=Y). */
export const REPLY_PATTERN = /^1000, ([0-9A-Za-z]+)$/
/** An error answer is the bare code, nothing else. */
export const ERROR_PATTERN = /^10(0[2-9]|1[0-2])$/
/** `Your Balance is:BDT 470.44` (no space after the colon); the amount is the first group. */
export const BALANCE_PATTERN = /^Your Balance is:BDT (\d+\.\d{2})$/

const sendParams: readonly ParamSpec[] = [
  apiKeyParam,
  { name: 'type', in: 'query', required: true, format: 'enum', enum: ['text', 'unicode'], description: 'text for English (GSM-7) content, unicode for Bangla' },
  {
    name: 'contacts',
    in: 'query',
    required: true,
    format: 'msisdn-list',
    description: 'Recipients separated by comma (,) or plus (+): 88017XXXXXXXX,88018XXXXXXXX',
  },
  senderParam,
  { name: 'msg', in: 'query', required: true, format: 'text', description: 'The text, URL-encoded (&, $, @ and the like)' },
  scheduleParam,
  { name: 'reply', in: 'query', required: false, format: 'enum', enum: ['Y'], description: 'Y answers "1000, <id>" instead of "SMS SUBMITTED: ID - <id>"' },
  labelParam,
]

const submitResponses = [
  { description: 'Submitted', format: 'text', pattern: SUBMITTED_PATTERN, contentType: TEXT_CONTENT_TYPE, example: 'SMS SUBMITTED: ID - 4X9K2M7Q1P' },
  { description: 'Submitted (reply=Y)', format: 'text', pattern: REPLY_PATTERN, contentType: TEXT_CONTENT_TYPE, example: '1000, 4X9K2M7Q1P' },
  { description: 'Refused: the bare error code', format: 'text', pattern: ERROR_PATTERN, contentType: TEXT_CONTENT_TYPE, example: '1007' },
] as const

export const smsapi = {
  id: 'smsapi',
  path: '/smsapi',
  methods: ['GET', 'POST'],
  encodings: ['query', 'form', 'multipart', 'json'],
  summary: 'One text to one or many recipients',
  sends: true,
  params: sendParams,
  responses: submitResponses,
} as const satisfies EndpointSpec

export const smsapimany = {
  id: 'smsapimany',
  path: '/smsapimany',
  methods: ['POST'],
  encodings: ['form', 'multipart', 'json'],
  summary: 'Its own text for each recipient',
  sends: true,
  params: [
    apiKeyParam,
    senderParam,
    scheduleParam,
    {
      name: 'messages',
      in: 'body',
      required: true,
      format: 'json-messages',
      description: 'A list of {"to", "message"}: a JSON string (PHP sample), bracket fields messages[0][to] (jQuery) or a JSON array',
    },
    labelParam,
  ],
  responses: submitResponses,
} as const satisfies EndpointSpec

const dlrExample = `<?xml version="1.0" encoding="UTF-8"?>
<dlr>
<message>
<MSISDN>88017xxxxxxx</MSISDN>
<SMS>"SMS Content..."</SMS>
<SMSSent>2017-12-01 08:23:30</SMSSent>
<DLRReceived>2017-12-01 08:23:30</DLRReceived>
<DLRStatus>1</DLRStatus>
<DLRStatusDetails>Delivered</DLRStatusDetails>
</message>
</dlr>`

/** The elements of one `<message>` of a report, in order. */
export const DLR_FIELDS = ['ID', 'MSISDN', 'SMS', 'SMSSent', 'DLRReceived', 'DLRStatus', 'DLRStatusDetails'] as const
/** `YYYY-MM-DD HH:mm:ss`, Asia/Dhaka. */
export const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
export const DLR_CHUNK = 100

const xmlReport = { description: 'Delivery reports', format: 'xml', contentType: XML_CONTENT_TYPE, example: dlrExample } as const
const unknownKey = { description: 'Unknown API key', format: 'text', pattern: ERROR_PATTERN, contentType: TEXT_CONTENT_TYPE, example: '1003' } as const

export const getDLRAll = {
  id: 'getDLRAll',
  path: '/miscapi/:apiKey/getDLR/getAll',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'Final delivery reports of the account, at most 100 a call, each handed out once',
  sends: false,
  params: [apiKeyInPath],
  responses: [xmlReport, unknownKey],
} as const satisfies EndpointSpec

export const getDLR = {
  id: 'getDLR',
  path: '/miscapi/:apiKey/getDLR/:shootId',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'Reports of every recipient of one submission, handed out once',
  sends: false,
  params: [apiKeyInPath, { name: 'shootId', in: 'path', required: true, format: 'message-id', description: 'The SMS shoot id a submission answered' }],
  responses: [xmlReport, unknownKey],
} as const satisfies EndpointSpec

export const getDLRRep = {
  id: 'getDLRRep',
  path: '/miscapi/:apiKey/getDLRRep/:shootId',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'Reports of one submission, as often as asked ("multiple time")',
  sends: false,
  params: getDLR.params,
  responses: getDLR.responses,
} as const satisfies EndpointSpec

export const getBalance = {
  id: 'getBalance',
  path: '/miscapi/:apiKey/getBalance',
  methods: ['GET'],
  encodings: ['query'],
  summary: "The account's remaining credit",
  sends: false,
  params: [apiKeyInPath],
  responses: [
    { description: 'Balance', format: 'text', pattern: BALANCE_PATTERN, contentType: TEXT_CONTENT_TYPE, example: 'Your Balance is:BDT 470.44' },
    unknownKey,
  ],
} as const satisfies EndpointSpec

export const getkey = {
  id: 'getkey',
  path: '/getkey/:username/:password',
  methods: ['GET'],
  encodings: ['query'],
  summary: "The account's API key, from its login",
  sends: false,
  params: [
    { name: 'username', in: 'path', required: true, format: 'text', description: 'Account user ID used to log in' },
    { name: 'password', in: 'path', required: true, format: 'text', description: 'Account password' },
  ],
  responses: [
    { description: 'The API key', format: 'text', pattern: /^[^\s]+$/, contentType: TEXT_CONTENT_TYPE, example: 'demo-api-key' },
    { description: 'Wrong password (1010) or unknown user (1011)', format: 'text', pattern: /^101[01]$/, contentType: TEXT_CONTENT_TYPE, example: '1010' },
  ],
} as const satisfies EndpointSpec

export const mimsmsContract = {
  provider: 'mimsms',
  title: 'MiM SMS API',
  manual: 'MiM SMS API Manual',
  endpoints: [smsapi, smsapimany, getDLRAll, getDLR, getDLRRep, getBalance, getkey],
} as const satisfies ProviderContract
