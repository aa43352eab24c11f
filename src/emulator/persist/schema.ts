// The database's schema as an ordered list of migrations: a file at version N runs steps N+1 onwards.

/** Marks a file as ours, so another program's SQLite database is refused instead of written into. */
export const APPLICATION = 'sms-provider-emulator'

/**
 * Step 3's copy of schema-2 rows (one JSON document each) into a table with a column per field; from
 * schema 1, whose documents still hold the plan and release time, `planned` reads them there.
 */
const messagesFromJson = (table: string, planned = { plan: 'plan', releaseAt: 'release_at' }) => `   INSERT INTO ${table} (seq, id, submission_id, provider, api, account, sender, recipient, operator, text, shown_text, encoding,
       segments, credits, accepted_at, release_at, plan, meta, rule, marks)
     SELECT seq, id, coalesce(json_extract(data, '$.submissionId'), id), coalesce(json_extract(data, '$.provider'), ''), json_extract(data, '$.api'),
       coalesce(json_extract(data, '$.account'), ''), coalesce(json_extract(data, '$.from'), ''), coalesce(json_extract(data, '$.to'), ''),
       coalesce(json_extract(data, '$.operator'), ''), coalesce(json_extract(data, '$.text'), ''),
       nullif(json_extract(data, '$.shownText'), json_extract(data, '$.text')), coalesce(json_extract(data, '$.encoding'), 'GSM-7'),
       coalesce(json_extract(data, '$.segments'), 1), coalesce(json_extract(data, '$.credits'), 1), coalesce(json_extract(data, '$.acceptedAt'), ${planned.releaseAt}),
       ${planned.releaseAt}, ${planned.plan}, nullif(json_extract(data, '$.meta'), '{}'), json_extract(data, '$.rule'), marks
     FROM messages ORDER BY seq;
`

/** The messages table since schema 4 (created as messages_v4, then renamed). */
const createMessagesV4 = `CREATE TABLE messages_v4 (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL,
     submission_id TEXT NOT NULL,
     provider TEXT NOT NULL,
     api TEXT,
     account TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipient TEXT NOT NULL,
     operator TEXT NOT NULL,
     text TEXT NOT NULL,
     shown_text TEXT,
     encoding TEXT NOT NULL,
     segments INTEGER NOT NULL,
     credits REAL NOT NULL,
     accepted_at INTEGER NOT NULL,
     release_at INTEGER NOT NULL,
     plan TEXT NOT NULL,
     meta TEXT,
     rule TEXT,
     marks TEXT NOT NULL DEFAULT ''
   );
`

/** The inbound replies (two-way SMS), since schema 3. */
const createInbound = `   CREATE TABLE inbound (
     id INTEGER PRIMARY KEY,
     provider TEXT NOT NULL,
     account TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipient TEXT NOT NULL,
     text TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     taken_at INTEGER
   );`

/** Each step takes the schema one version up; its index + 1 is the version it reaches. Never edit a shipped step. */
export const migrations: readonly string[] = [
  // 1: messages as JSON rows in acceptance order, accounts with balances, counters, settings.
  `CREATE TABLE schema_version (version INTEGER NOT NULL);
   INSERT INTO schema_version (version) VALUES (0);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE accounts (
     provider TEXT NOT NULL,
     key TEXT NOT NULL,
     data TEXT NOT NULL,
     balance REAL NOT NULL,
     PRIMARY KEY (provider, key)
   ) WITHOUT ROWID;
   CREATE TABLE messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     data TEXT NOT NULL,
     marks TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;`,
  // 2: the delivery plan and release time apart from the rest, so a forced outcome rewrites two small columns.
  `ALTER TABLE messages ADD COLUMN plan TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE messages ADD COLUMN release_at INTEGER NOT NULL DEFAULT 0;
   UPDATE messages SET plan = json_extract(data, '$.plan'), release_at = json_extract(data, '$.releaseAt'),
     data = json_remove(data, '$.plan', '$.releaseAt');`,
  // 3: a message's fields as columns (a restart reads them without parsing JSON per row), and the inbound
  // replies (two-way SMS) with whether they were handed out.
  `CREATE TABLE messages_v3 (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     submission_id TEXT NOT NULL,
     provider TEXT NOT NULL,
     api TEXT,
     account TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipient TEXT NOT NULL,
     operator TEXT NOT NULL,
     text TEXT NOT NULL,
     shown_text TEXT,
     encoding TEXT NOT NULL,
     segments INTEGER NOT NULL,
     credits REAL NOT NULL,
     accepted_at INTEGER NOT NULL,
     release_at INTEGER NOT NULL,
     plan TEXT NOT NULL,
     meta TEXT,
     rule TEXT,
     marks TEXT NOT NULL DEFAULT ''
   );
${messagesFromJson('messages_v3')}   DROP TABLE messages;
   ALTER TABLE messages_v3 RENAME TO messages;
${createInbound}`,
  // 4: no index on the message id: random ids (MiM) put each insert on a page of its own, so a commit of n
  // messages wrote n index pages. Rows are found by seq, the store's own order number.
  `${createMessagesV4}   INSERT INTO messages_v4 SELECT seq, id, submission_id, provider, api, account, sender, recipient, operator, text, shown_text, encoding,
     segments, credits, accepted_at, release_at, plan, meta, rule, marks FROM messages ORDER BY seq;
   DROP TABLE messages;
   ALTER TABLE messages_v4 RENAME TO messages;`,
]

export const SCHEMA_VERSION = migrations.length

/** A way for a file several versions behind to reach a later version in one step instead of one step at a time. */
export interface Shortcut {
  readonly from: number
  readonly to: number
  readonly sql: string
}

/**
 * Steps 3 and 4 each copy every message into a new table (3 with a unique index on ids that 4 drops
 * again): a file at version 1 or 2 goes to 4 with one copy, straight into schema 4's table.
 */
const straightTo4 = (from: number, planned?: Parameters<typeof messagesFromJson>[1]): Shortcut => ({
  from,
  to: 4,
  sql: `${createMessagesV4}${messagesFromJson('messages_v4', planned)}   DROP TABLE messages;
   ALTER TABLE messages_v4 RENAME TO messages;
${createInbound}`,
})

export const shortcuts: readonly Shortcut[] = [
  // From 1, the plan and release time are still in each row's document (step 2 would rewrite every row first).
  straightTo4(1, { plan: "coalesce(json_extract(data, '$.plan'), '[]')", releaseAt: "coalesce(json_extract(data, '$.releaseAt'), 0)" }),
  straightTo4(2),
]
