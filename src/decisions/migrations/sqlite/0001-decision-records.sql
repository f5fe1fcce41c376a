-- Decision records, the rule files they were made with, and a row the health check writes.

-- The rule files decisions were made with, by the sha256 of their text: written once, verified on every read.
CREATE TABLE rule_files (
  sha256 TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  text TEXT NOT NULL,
  archived_at TEXT NOT NULL
);

-- The list of rule files a decision names (rules.files), kept once for every decision that names the same list:
-- each of a programme's decisions names all its files, the same ones until its rules change.
CREATE TABLE rule_manifests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  files TEXT NOT NULL
);

-- One row a decision: the columns a search filters and shows, and the record as JSON without rules.files.
-- decision_id is a UUID v7: its order is the order of time, newest first is decision_id descending. A search over
-- days walks the ids of those days (src/decisions/sqlite/decision-time-bounds.ts); id_time_apart marks the rare
-- record whose time is more than a day from its id's, found by its own index.
CREATE TABLE decisions (
  decision_id TEXT PRIMARY KEY,
  time TEXT NOT NULL,
  day TEXT NOT NULL,
  programme TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  municipality TEXT,
  eligible INTEGER,
  compensation TEXT,
  ruleset TEXT,
  id_time_apart INTEGER NOT NULL,
  manifest_id INTEGER NOT NULL REFERENCES rule_manifests (id),
  record TEXT NOT NULL
);

CREATE INDEX decisions_by_programme ON decisions (programme, decision_id);
CREATE INDEX decisions_by_municipality ON decisions (municipality, decision_id);
CREATE INDEX decisions_apart ON decisions (decision_id) WHERE id_time_apart = 1;
CREATE INDEX decisions_by_manifest ON decisions (manifest_id);

-- Written by every health check: a store that cannot write this row cannot write a decision either.
CREATE TABLE health_checks (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at TEXT NOT NULL
);
