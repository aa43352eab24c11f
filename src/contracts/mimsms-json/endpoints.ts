// MiM's JSON API (api.mimsms.com/api/SmsSending/*) as data: paths, parameters and answers.
import type { CodeEntry, EndpointSpec, FieldSpec, ParamSpec, ProviderContract, ResponseSpec } from '../types.js'
import { dlrCodes, refusalCodes, responseCodes } from './codes.js'

/** Every answer: ASP.NET on IIS. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'
export const SERVER_HEADERS = { server: 'Microsoft-IIS/10.0', 'x-powered-by': 'ASP.NET' } as const

/** What a successful send says in `responseResult` (sic, as every capture spells it). */
export const SENT_TEXT = 'SMS Send Successfuly'
/** SendOneToMany's `responseResult`: `'2' Send Successfuly and Failed '0'`. */
export const sendOneToManyText = (sent: number, failed: number) => `'${sent}' ${SENT_TEXT.slice('SMS '.length)} and Failed '${failed}'`
export const SEND_ONE_TO_MANY_PATTERN = /^'(\d+)' Send Successfuly and Failed '(\d+)'$/

/** `status` values. */
export const STATUS = { success: 'Success', ok: 'Ok', failed: 'Failed', unauthorized: 'Unauthorized', notFound: 'Data Not Found' } as const

/** Windows FILETIME (18 digits), or the older 15-character form, with `_C<n>` on DSMS. */
export const TRXN_ID_PATTERN = /^(\d{18}|[0-9A-Z]{15}(_C\d+)?)$/
/** PullSMS ids: always 15 upper-case letters and digits. */
export const PULL_ID_PATTERN = /^[0-9A-Z]{15}$/
/** `message_time`: Dhaka time as `M/d/yyyy h:mm:ss tt`. */
export const MESSAGE_TIME_PATTERN = /^(1[0-2]|[1-9])\/([1-9]|[12]\d|3[01])\/\d{4} (1[0-2]|[1-9]):[0-5]\d:[0-5]\d [AP]M$/
export const BALANCE_PATTERN = /^\d+(\.\d+)?$/

/** TransactionType values: transactional, promotional, dynamic. */
export const TRANSACTION_TYPES = ['T', 'P', 'D'] as const

const UNKNOWN_KEY = { example: 'no-such-api-key', reason: 'unknown-account' } as const

const userName = {
  name: 'UserName',
  in: 'body',
  required: true,
  format: 'text',
  role: 'account',
  example: 'USERNAME',
  whenMissing: 'unknown-account',
  invalid: { example: 'no-such-user', reason: 'unknown-account' },
  description: 'The account user name (the e-mail address you log in with); MiM also writes userName',
} as const satisfies ParamSpec
const apiKey = {
  name: 'ApiKey',
  in: 'body',
  required: true,
  format: 'text',
  role: 'key',
  example: 'API_KEY',
  whenMissing: 'unknown-account',
  invalid: UNKNOWN_KEY,
  description: 'The API key of the account; MiM also writes Apikey',
} as const satisfies ParamSpec
const senderName = {
  name: 'SenderName',
  in: 'body',
  required: true,
  format: 'text',
  role: 'sender',
  example: 'DEMO',
  whenMissing: 'sender-not-approved',
  invalid: { example: 'NOT-APPROVED', reason: 'sender-not-approved' },
  description: 'An approved sender ID',
} as const satisfies ParamSpec
const transactionType = (example: 'T' | 'D', required: boolean) =>
  ({
    name: 'TransactionType',
    in: 'body',
    required,
    format: 'enum',
    enum: TRANSACTION_TYPES,
    example,
    whenMissing: 'missing-type',
    invalid: { example: 'X', reason: 'missing-type' },
    description: 'T transactional (OTP), P promotional (needs CampaignId), D dynamic (DSMS only)',
  }) as const satisfies ParamSpec
const mobileNumber = (list: boolean) =>
  ({
    name: 'MobileNumber',
    in: 'body',
    required: true,
    format: 'msisdn-list',
    role: 'recipients',
    example: '8801712345678',
    separators: ',',
    whenMissing: 'no-valid-number',
    invalid: { example: '12345', reason: 'no-valid-number' },
    description: list ? 'Recipients 8801XXXXXXXXX separated by commas' : 'One recipient 8801XXXXXXXXX (a comma-separated list only with TransactionType P)',
  }) as const satisfies ParamSpec
const message = {
  name: 'Message',
  in: 'body',
  required: true,
  format: 'text',
  role: 'content',
  example: 'Hello from MiM',
  whenMissing: 'missing-content',
  description: 'The text; GSM-7 when it fits, else UCS-2',
} as const satisfies ParamSpec
const campaignId = {
  name: 'CampaignId',
  in: 'body',
  required: false,
  format: 'text',
  description: 'The approved campaign; required for P, ignored for T ("null" is sent by MiM\'s own samples)',
} as const satisfies ParamSpec

const inQuery = (param: ParamSpec): ParamSpec => ({ ...param, in: 'query' })

const statusCode = (codes: RegExp = /^\d{3}$/): FieldSpec => ({ name: 'statusCode', required: true, pattern: codes, role: 'code' })
const status = (pattern: RegExp): FieldSpec => ({ name: 'status', required: true, pattern })
const trxnId: FieldSpec = { name: 'trxnId', required: true, pattern: TRXN_ID_PATTERN, role: 'id' }
const responseResult = (pattern?: RegExp): FieldSpec => ({ name: 'responseResult', required: true, role: 'text', ...(pattern ? { pattern } : {}) })

const REFUSAL_STATUS = /^(Failed|Unauthorized)$/
const refused: ResponseSpec = {
  description: 'Refused: the code and its text, under HTTP 200',
  format: 'json',
  codes: refusalCodes,
  fields: [statusCode(), status(REFUSAL_STATUS), trxnId, responseResult()],
  contentType: JSON_CONTENT_TYPE,
  example: '{"statusCode":"208","status":"Failed","trxnId":"KC5EBJ9XG0HKJY5_C","responseResult":"Invalid Sender ID"}',
}

const accepted: ResponseSpec = {
  description: 'Accepted',
  format: 'json',
  codes: ['200'],
  fields: [statusCode(), status(/^Success$/), trxnId, responseResult(/^SMS Send Successfuly$/)],
  contentType: JSON_CONTENT_TYPE,
  example: '{"statusCode":"200","status":"Success","trxnId":"133611051403609881","responseResult":"SMS Send Successfuly"}',
}

const codes: readonly CodeEntry[] = responseCodes

const sendParams = (list: boolean): readonly ParamSpec[] => [userName, apiKey, mobileNumber(list), senderName, transactionType('T', true), message, campaignId]

export const jsonSms = {
  id: 'jsonSms',
  path: '/api/SmsSending/SMS',
  methods: ['POST'],
  encodings: ['json'],
  summary: 'One text to one number (a list only for promotional)',
  sends: true,
  params: sendParams(false),
  responses: [accepted, refused],
  codes,
} as const satisfies EndpointSpec

export const jsonOneToMany = {
  id: 'jsonOneToMany',
  path: '/api/SmsSending/OneToMany',
  methods: ['POST'],
  encodings: ['json'],
  summary: 'One text to many numbers',
  sends: true,
  params: sendParams(true),
  responses: [accepted, refused],
  codes,
} as const satisfies EndpointSpec

export const jsonDsms = {
  id: 'jsonDsms',
  path: '/api/SmsSending/DSMS',
  methods: ['POST'],
  encodings: ['json'],
  summary: 'Its own text for each number (dynamic SMS)',
  sends: true,
  params: [
    userName,
    apiKey,
    senderName,
    { ...transactionType('D', false), whenMissing: undefined, description: 'D, the default when missing; T or P is 207' },
    {
      name: 'SmsData',
      in: 'body',
      required: true,
      format: 'json-messages',
      role: 'messages',
      items: { to: 'MobNumber', text: 'Message' },
      example: '[{"MobNumber":"8801712345678","Message":"Hello from MiM"}]',
      whenMissing: 'invalid-request',
      invalid: { example: 'not a list', reason: 'invalid-request' },
      description: 'A JSON list of {"MobNumber", "Message"}',
    },
    campaignId,
  ],
  responses: [accepted, refused],
  codes,
} as const satisfies EndpointSpec

export const jsonSend = {
  id: 'jsonSend',
  path: '/api/SmsSending/Send',
  methods: ['GET', 'POST'],
  encodings: ['query'],
  summary: 'One text to one number, parameters in the query (POST with an empty body reads the query too)',
  sends: true,
  params: sendParams(false).map(inQuery),
  responses: [
    {
      ...accepted,
      fields: [statusCode(), status(/^Success$/), responseResult(/^SMS Send Successfuly$/), trxnId],
      example: '{"statusCode":"200","status":"Success","responseResult":"SMS Send Successfuly","trxnId":"133706043022339846"}',
    },
    refused,
  ],
  codes,
} as const satisfies EndpointSpec

export const jsonSendOneToMany = {
  id: 'jsonSendOneToMany',
  path: '/api/SmsSending/SendOneToMany',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'One text to many numbers, parameters in the query; answers how many went and how many failed',
  sends: true,
  params: sendParams(true).map(inQuery),
  responses: [
    {
      ...accepted,
      fields: [statusCode(), status(/^Success$/), trxnId, responseResult(SEND_ONE_TO_MANY_PATTERN)],
      example: '{"statusCode":"200","status":"Success","trxnId":"133706045331855477","responseResult":"\'2\' Send Successfuly and Failed \'0\'"}',
    },
    refused,
  ],
  codes,
} as const satisfies EndpointSpec

export const jsonDlr = {
  id: 'jsonDlr',
  path: '/api/SmsSending/DlrApi',
  methods: ['POST'],
  encodings: ['json'],
  summary: 'The delivery report of one recipient of a submission, as often as asked',
  sends: false,
  params: [
    userName,
    apiKey,
    { ...mobileNumber(false), required: false, whenMissing: undefined, invalid: undefined, description: 'The recipient to report (the first when omitted)' },
    { name: 'trxnId', in: 'body', required: true, format: 'message-id', role: 'message-id', example: '133611051403609881', whenMissing: 'invalid-request', description: 'The trxnId a send answered' },
  ],
  responses: [
    {
      description: 'The report (dlrCode and operatorStatus empty / PENDING while under way)',
      format: 'json',
      codes: ['200'],
      fields: [
        statusCode(),
        status(/^Ok$/),
        trxnId,
        { name: 'dlrCode', required: true, pattern: /^\d*$/, role: 'dlr-code' },
        { name: 'operatorStatus', required: true, role: 'dlr-text' },
        { name: 'receiverMobile', required: true, pattern: /^8801[3-9]\d{8}$/, role: 'msisdn' },
      ],
      contentType: JSON_CONTENT_TYPE,
      example: '{"statusCode":"200","status":"Ok","trxnId":"133695552025435239","dlrCode":"0","operatorStatus":"DELIVERED","receiverMobile":"8801844909020"}',
    },
    {
      description: 'No such submission or recipient of the account',
      format: 'json',
      codes: ['200'],
      fields: [statusCode(), status(/^Data Not Found$/), { name: 'trxnId', required: true }],
      contentType: JSON_CONTENT_TYPE,
      example: '{"statusCode":"200","status":"Data Not Found","trxnId":"133704351815943482"}',
    },
    refused,
  ],
  codes,
  dlrCodes,
  statusRead: { idParam: 'trxnId', handedOut: 'repeatable' },
} as const satisfies EndpointSpec

const emptyTrxnId: FieldSpec = { name: 'trxnId', required: false, pattern: /^$/ }

export const jsonBalance = {
  id: 'jsonBalance',
  path: '/api/SmsSending/balanceCheck',
  aliases: ['/api/SmsSending/Balance'],
  methods: ['POST', 'GET'],
  encodings: ['json', 'query'],
  summary: 'The remaining credit (POST answers with an empty trxnId, GET without one)',
  sends: false,
  params: [
    { ...userName, in: 'body' },
    { ...apiKey, name: 'Apikey' },
  ],
  responses: [
    {
      description: 'Balance',
      format: 'json',
      codes: ['200'],
      fields: [statusCode(), status(/^Ok$/), emptyTrxnId, responseResult(BALANCE_PATTERN)],
      contentType: JSON_CONTENT_TYPE,
      example: '{"statusCode":"200","status":"Ok","trxnId":"","responseResult":"12812.5"}',
    },
    { ...refused, fields: [statusCode(), status(REFUSAL_STATUS), emptyTrxnId, responseResult()], example: '{"statusCode":"401","status":"Unauthorized","trxnId":"","responseResult":"Invalid UserName & Password"}' },
  ],
  codes,
} as const satisfies EndpointSpec

export const jsonPullSms = {
  id: 'jsonPullSms',
  path: '/api/IncomingApi/PullSMS',
  methods: ['GET'],
  encodings: ['query'],
  summary: 'The oldest inbound SMS not yet handed out, one a call',
  sends: false,
  params: [inQuery(userName), inQuery({ ...apiKey, name: 'Apikey' })],
  responses: [
    {
      description: 'An inbound message',
      format: 'json',
      codes: ['200'],
      fields: [
        statusCode(),
        status(/^Success$/),
        { name: 'messageId', required: true, pattern: /^\d+$/ },
        { name: 'sender', required: true, pattern: /^\d+$/ },
        { name: 'receiver', required: true },
        { name: 'message_Text', required: true },
        { name: 'message_time', required: true, pattern: MESSAGE_TIME_PATTERN },
        { name: 'trxnId', required: true, pattern: PULL_ID_PATTERN },
      ],
      contentType: JSON_CONTENT_TYPE,
      example:
        '{"statusCode":"200","status":"Success","messageId":"188","sender":"8801844909020","receiver":"8809617623000","message_Text":"This is a test message for 2 way","message_time":"9/21/2025 1:37:12 PM","trxnId":"MQUKCT2PFDI7D6W"}',
    },
    {
      description: 'No inbound message waiting',
      format: 'json',
      codes: ['200'],
      fields: [statusCode(), status(/^Data Not Found$/), { name: 'trxt_Id', required: true, pattern: PULL_ID_PATTERN }],
      contentType: JSON_CONTENT_TYPE,
      example: '{"statusCode":"200","status":"Data Not Found","trxt_Id":"KQ04CNEZCLPW09C"}',
    },
    refused,
  ],
  codes,
  statusRead: { handedOut: 'drain', chunk: 1 },
} as const satisfies EndpointSpec

export const mimsmsJsonContract = {
  provider: 'mimsms-json',
  title: 'MiM SMS JSON API',
  manual: 'mimsms.com/api-documentation and MiM\'s Postman collection',
  servers: ['https://api.mimsms.com'],
  caseInsensitive: true,
  endpoints: [jsonSms, jsonOneToMany, jsonDsms, jsonSend, jsonSendOneToMany, jsonDlr, jsonBalance, jsonPullSms],
} as const satisfies ProviderContract
