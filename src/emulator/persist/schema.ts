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
]

export const SCHEMA_VERSION = migrations.length
