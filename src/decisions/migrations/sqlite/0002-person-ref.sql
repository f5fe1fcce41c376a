-- The HMAC of each decision's personRef in a column of its own, indexed: the erasure of one person's records
-- (sbsp-rules decisions purge --person-ref) finds them without reading every record. Filled from the records kept so far.
ALTER TABLE decisions ADD COLUMN person_ref TEXT;

UPDATE decisions SET person_ref = record ->> '$.personRef.hmacSha256' WHERE json_valid(record);

CREATE INDEX decisions_by_person_ref ON decisions (person_ref) WHERE person_ref IS NOT NULL;
