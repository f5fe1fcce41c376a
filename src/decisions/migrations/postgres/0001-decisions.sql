-- Rule file texts by sha256 (as UTF-8 bytes: whatever a file holds is kept as it was), and the decision records.
CREATE TABLE rule_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL
);

-- A record is kept as the JSON text it was appended as; the columns beside it are what a search or a purge asks.
CREATE TABLE decisions (
  decision_id text COLLATE "C" PRIMARY KEY,
  -- The UTC calendar date of the record's time.
  decided_on date NOT NULL,
  programme text NOT NULL,
  -- The municipality of the token that made the decision; null in open development mode.
  municipality text,
  eligible boolean,
  -- The personRef's HMAC, for the erasure of one person's records.
  person_ref text,
  record text NOT NULL
);

CREATE INDEX decisions_decided_on ON decisions (decided_on);
CREATE INDEX decisions_municipality ON decisions (municipality, decision_id);
CREATE INDEX decisions_programme ON decisions (programme, decision_id);
CREATE INDEX decisions_person_ref ON decisions (person_ref) WHERE person_ref IS NOT NULL;

-- Which rule files each decision needs: a file goes when no remaining decision names it.
CREATE TABLE decision_rule_files (
  decision_id text COLLATE "C" NOT NULL REFERENCES decisions ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES rule_files,
  PRIMARY KEY (decision_id, sha256)
);

CREATE INDEX decision_rule_files_sha256 ON decision_rule_files (sha256);
