// MiM SMS's endpoints as data: paths, parameters and answers (API manual).
import type { CodeEntry, EndpointSpec, ParamSpec, ProviderContract } from '../types.js'
import { dlrCodes, getkeyCodes, responseCodes } from './codes.js'

const UNKNOWN_KEY = { example: 'no-such-api-key', reason: 'unknown-account' } as const

const apiKeyParam = {
  name: 'api_key',
  in: 'query',
  required: true,
  format: 'text',
  role: 'key',
  example: 'API_KEY',
  whenMissing: 'unknown-account',
  invalid: UNKNOWN_KEY,
  description: 'Your API key (developer page of your account)',
} as const
const apiKeyInPath = { name: 'apiKey', in: 'path', required: true, format: 'text', role: 'key', example: 'API_KEY', invalid: UNKNOWN_KEY, description: 'Your API key' } as const
const senderParam = {
  name: 'senderid',
  in: 'query',
  required: true,
  format: 'text',
  role: 'sender',
  example: 'DEMO',
  whenMissing: 'sender-not-approved',
  invalid: { example: 'NOT-APPROVED', reason: 'sender-not-approved' },
  description: 'An approved sender ID (Messaging > Sender ID)',
} as const
const scheduleParam = {
  name: 'scheduledDateTime',
  in: 'query',
  required: false,
  format: 'datetime',
  role: 'schedule',
  example: '2026-01-15 18:30:00',
  pattern: /^(|now|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$/,
  invalid: { example: '15/01/2026 18:30', reason: 'invalid-request' },
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

/** The manual lists it under /smsapi; its answers section, common to both sending endpoints, reads it for /smsapimany too. */
const replyParam: ParamSpec = { name: 'reply', in: 'query', required: false, format: 'enum', enum: ['Y'], description: 'Y answers "1000, <id>" instead of "SMS SUBMITTED: ID - <id>"' }

const sendParams: readonly ParamSpec[] = [
  apiKeyParam,
  {
    name: 'type',
    in: 'query',
    required: true,
    format: 'enum',
    enum: ['text', 'unicode'],
    role: 'message-type',
    example: 'text',
    alphabets: { text: 'GSM-7', unicode: 'UCS-2' },
    whenMissing: 'missing-type',
    invalid: { example: 'application/json', reason: 'missing-type' },
    description: 'text for English (GSM-7) content, unicode for Bangla',
  },
  {
    name: 'contacts',
    in: 'query',
    required: true,
    format: 'msisdn-list',
    role: 'recipients',
    example: '8801712345678',
    // A raw "+" in a URL arrives as a space.
    separators: ',+ ',
    whenMissing: 'no-valid-number',
    invalid: { example: '12345', reason: 'no-valid-number' },
    description: 'Recipients separated by comma (,) or plus (+): 88017XXXXXXXX,88018XXXXXXXX',
  },
  senderParam,
  {
    name: 'msg',
    in: 'query',
    required: true,
    format: 'text',
    role: 'content',
    example: 'Hello from MiM',
    whenMissing: 'missing-content',
    description: 'The text, URL-encoded (&, $, @ and the like)',
  },
  scheduleParam,
  replyParam,
  labelParam,
]

/** What /smsapi and /smsapimany answer: every code but /getkey's. */
const sendCodes: readonly CodeEntry[] = responseCodes.filter((entry) => !getkeyCodes.includes(entry))
/** What the reading endpoints answer besides their reports. */
const readCodes: readonly CodeEntry[] = responseCodes.filter((entry) => entry.code === '1003' || entry.code === '1005')

const submitResponses = [
  { description: 'Submitted', format: 'text', pattern: SUBMITTED_PATTERN, idGroup: 1, codes: ['1000'], contentType: TEXT_CONTENT_TYPE, example: 'SMS SUBMITTED: ID - 4X9K2M7Q1P' },
  {
    description: 'Submitted (reply=Y)',
    format: 'text',
    pattern: REPLY_PATTERN,
    idGroup: 1,
    codes: ['1000'],
    when: { reply: 'Y' },
    contentType: TEXT_CONTENT_TYPE,
    example: '1000, 4X9K2M7Q1P',
  },
  {
    description: 'Refused: the bare error code',
    format: 'text',
    pattern: ERROR_PATTERN,
    bareCode: true,
    codes: sendCodes.filter((entry) => entry.code !== '1000').map((entry) => entry.code),
    contentType: TEXT_CONTENT_TYPE,
    example: '1007',
  },
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
  codes: sendCodes,
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
    replyParam,
    {
      name: 'messages',
      in: 'body',
      required: true,
      format: 'json-messages',
      role: 'messages',
      example: '[{"to":"8801712345678","message":"Hello from MiM"}]',
      whenMissing: 'missing-content',
      invalid: { example: 'not a list', reason: 'invalid-request' },
      description: 'A list of {"to", "message"}: a JSON string (PHP sample), bracket fields messages[0][to] (jQuery) or a JSON array',
    },
    labelParam,
  ],
  responses: submitResponses,
  codes: sendCodes,
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

/** `YYYY-MM-DD HH:mm:ss`, or empty while the report has no such moment yet. */
const REPORT_TIME = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/

const xmlReport = {
  description: 'Delivery reports',
  format: 'xml',
  contentType: XML_CONTENT_TYPE,
  xml: {
    root: 'dlr',
    item: 'message',
    fields: [
      { name: 'ID', required: false, pattern: /^[0-9A-Za-z]+$/, role: 'id' },
      { name: 'MSISDN', required: true, pattern: /^8801[3-9]\d{8}$/, role: 'msisdn' },
      { name: 'SMS', required: true, pattern: /^"[\s\S]*"$/ },
      { name: 'SMSSent', required: true, pattern: REPORT_TIME },
      { name: 'DLRReceived', required: true, pattern: REPORT_TIME },
      { name: 'DLRStatus', required: true, pattern: /^\d*$/, role: 'dlr-code' },
      { name: 'DLRStatusDetails', required: true, role: 'dlr-text' },
    ],
  },
  example: dlrExample,
} as const
const unknownKey = {
  description: 'Unknown API key',
  format: 'text',
  pattern: ERROR_PATTERN,
  bareCode: true,
  codes: readCodes.map((entry) => entry.code),
  contentType: TEXT_CONTENT_TYPE,
  example: '1003',
} as const
const shootIdParam = { name: 'shootId', in: 'path', required: true, format: 'message-id', role: 'message-id', example: '4X9K2M7Q1P', description: 'The SMS shoot id a submission answered' } as const

export const getDLRAll = {
  id: 'getDLRAll',
  path: '/miscapi/:apiKey/getDLR/getAll',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'Final delivery reports of the account, at most 100 a call, each handed out once',
  sends: false,
  params: [apiKeyInPath],
  responses: [xmlReport, unknownKey],
  codes: readCodes,
  dlrCodes,
  statusRead: { handedOut: 'drain', chunk: DLR_CHUNK },
} as const satisfies EndpointSpec

export const getDLR = {
  id: 'getDLR',
  path: '/miscapi/:apiKey/getDLR/:shootId',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'Reports of every recipient of one submission, handed out once',
  sends: false,
  params: [apiKeyInPath, shootIdParam],
  responses: [xmlReport, unknownKey],
  codes: readCodes,
  dlrCodes,
  statusRead: { idParam: 'shootId', handedOut: 'once', repeatWith: 'getDLRRep' },
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
  codes: readCodes,
  dlrCodes,
  statusRead: { idParam: 'shootId', handedOut: 'repeatable' },
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
  codes: readCodes,
} as const satisfies EndpointSpec

export const getkey = {
  id: 'getkey',
  path: '/getkey/:username/:password',
  methods: ['GET'],
  encodings: ['query'],
  summary: "The account's API key, from its login",
  sends: false,
  params: [
    {
      name: 'username',
      in: 'path',
      required: true,
      format: 'text',
      role: 'account',
      example: 'USERNAME',
      invalid: { example: 'no-such-user', reason: 'unknown-account' },
      description: 'Account user ID used to log in',
    },
    {
      name: 'password',
      in: 'path',
      required: true,
      format: 'text',
      role: 'secret',
      example: 'PASSWORD',
      invalid: { example: 'wrong-password', reason: 'bad-credentials' },
      description: 'Account password',
    },
  ],
  responses: [
    { description: 'The API key', format: 'text', pattern: /^[^\s]+$/, credential: true, contentType: TEXT_CONTENT_TYPE, example: 'demo-api-key' },
    {
      description: 'Wrong password (1010) or unknown user (1011)',
      format: 'text',
      pattern: /^101[01]$/,
      bareCode: true,
      codes: ['1010', '1011'],
      contentType: TEXT_CONTENT_TYPE,
      example: '1010',
    },
  ],
  codes: getkeyCodes,
} as const satisfies EndpointSpec

export const mimsmsContract = {
  provider: 'mimsms',
  title: 'MiM SMS API',
  manual: 'MiM SMS API Manual',
  servers: ['https://esms.mimsms.com'],
  endpoints: [smsapi, smsapimany, getDLRAll, getDLR, getDLRRep, getBalance, getkey],
} as const satisfies ProviderContract
