// The database's schema as an ordered list of migrations: a file at version N runs steps N+1 onwards.

/** Marks a file as ours, so another program's SQLite database is refused instead of written into. */
export const APPLICATION = 'sms-provider-emulator'

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
   INSERT INTO messages_v3 (seq, id, submission_id, provider, api, account, sender, recipient, operator, text, shown_text, encoding,
       segments, credits, accepted_at, release_at, plan, meta, rule, marks)
     SELECT seq, id, coalesce(json_extract(data, '$.submissionId'), id), coalesce(json_extract(data, '$.provider'), ''), json_extract(data, '$.api'),
       coalesce(json_extract(data, '$.account'), ''), coalesce(json_extract(data, '$.from'), ''), coalesce(json_extract(data, '$.to'), ''),
       coalesce(json_extract(data, '$.operator'), ''), coalesce(json_extract(data, '$.text'), ''),
       nullif(json_extract(data, '$.shownText'), json_extract(data, '$.text')), coalesce(json_extract(data, '$.encoding'), 'GSM-7'),
       coalesce(json_extract(data, '$.segments'), 1), coalesce(json_extract(data, '$.credits'), 1), coalesce(json_extract(data, '$.acceptedAt'), release_at),
       release_at, plan, nullif(json_extract(data, '$.meta'), '{}'), json_extract(data, '$.rule'), marks
     FROM messages ORDER BY seq;
   DROP TABLE messages;
   ALTER TABLE messages_v3 RENAME TO messages;
   CREATE TABLE inbound (
     id INTEGER PRIMARY KEY,
     provider TEXT NOT NULL,
     account TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipient TEXT NOT NULL,
     text TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     taken_at INTEGER
   );`,
  // 4: no index on the message id: random ids (MiM) put each insert on a page of its own, so a commit of n
  // messages wrote n index pages. Rows are found by seq, the store's own order number.
  `CREATE TABLE messages_v4 (
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
   INSERT INTO messages_v4 SELECT seq, id, submission_id, provider, api, account, sender, recipient, operator, text, shown_text, encoding,
     segments, credits, accepted_at, release_at, plan, meta, rule, marks FROM messages ORDER BY seq;
   DROP TABLE messages;
   ALTER TABLE messages_v4 RENAME TO messages;`,
]

export const SCHEMA_VERSION = migrations.length
