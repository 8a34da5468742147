-- Consents and family links (issue 6). A consent says who may receive which of the client's
-- information, why and until when. Consents are never changed or removed: a withdrawal or a
-- replacement is a new row in consent_endings, and expiry follows from ends_on, so the history
-- the client and the worker see is exactly what happened (triggers refuse UPDATE and DELETE).

CREATE TABLE consents (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES people(id),
  recipient_type   TEXT NOT NULL CHECK (recipient_type IN ('housing', 'health_centre', 'te_services', 'kela', 'workplace', 'family', 'other')),
  -- The named organisation or person ("Asumisyksikkö Koivukoti"); required for 'other' in code.
  recipient_name   TEXT NOT NULL DEFAULT '' CHECK (length(recipient_name) <= 120),
  -- Why, in one easy sentence. NULL: the standard sentence of the recipient type, in the
  -- reader's language.
  purpose          TEXT CHECK (purpose IS NULL OR length(purpose) <= 300),
  starts_on        TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ends_on          TEXT NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND ends_on >= starts_on),
  given_by         INTEGER NOT NULL REFERENCES people(id),
  -- client: in Omapolku by the client; legal_representative: by a family member with a legal
  -- role; paper: a consent signed on paper and recorded by a worker.
  given_as         TEXT NOT NULL CHECK (given_as IN ('client', 'legal_representative', 'paper')),
  signed_on        TEXT CHECK (signed_on IS NULL OR signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  witness          TEXT CHECK (witness IS NULL OR length(witness) <= 120),
  -- A consent given again to the same recipient replaces the earlier one (shown as "changed").
  replaces_id      INTEGER REFERENCES consents(id),
  idempotency_key  TEXT UNIQUE,
  created_at       INTEGER NOT NULL,
  CHECK (given_as <> 'paper' OR signed_on IS NOT NULL)
) STRICT;
CREATE INDEX consents_client ON consents (client_id, ends_on);

CREATE TABLE consent_information (
  consent_id  INTEGER NOT NULL REFERENCES consents(id),
  info_type   TEXT NOT NULL CHECK (info_type IN ('medication', 'health', 'schedule', 'plan', 'contact')),
  PRIMARY KEY (consent_id, info_type)
) STRICT, WITHOUT ROWID;

-- The end of a consent before its date: withdrawn (by the client, a legal representative, or a
-- worker recording a withdrawal made on paper or in person) or replaced by a newer consent.
CREATE TABLE consent_endings (
  consent_id  INTEGER PRIMARY KEY REFERENCES consents(id),
  reason      TEXT NOT NULL CHECK (reason IN ('withdrawn', 'replaced')),
  ended_by    INTEGER NOT NULL REFERENCES people(id),
  ended_as    TEXT NOT NULL CHECK (ended_as IN ('client', 'legal_representative', 'worker')),
  ended_at    INTEGER NOT NULL
) STRICT;

CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER consent_information_no_update BEFORE UPDATE ON consent_information
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER consent_information_no_delete BEFORE DELETE ON consent_information
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER consent_endings_no_update BEFORE UPDATE ON consent_endings
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER consent_endings_no_delete BEFORE DELETE ON consent_endings
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;

-- Family links: who linked them and who ended them. A link ends once (ended_at is set a single
-- time and never cleared), and its other columns never change: a new level is a new link.
ALTER TABLE family_links ADD COLUMN created_by INTEGER REFERENCES people(id);
ALTER TABLE family_links ADD COLUMN ended_by INTEGER REFERENCES people(id);
CREATE TRIGGER family_links_end_once BEFORE UPDATE ON family_links
WHEN OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR NEW.ended_by IS NULL
  OR NEW.family_id IS NOT OLD.family_id OR NEW.client_id IS NOT OLD.client_id OR NEW.basis IS NOT OLD.basis
  OR NEW.level IS NOT OLD.level OR NEW.note IS NOT OLD.note OR NEW.ends_on IS NOT OLD.ends_on
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'a family link only ends, once'); END;
CREATE TRIGGER family_links_no_delete BEFORE DELETE ON family_links
BEGIN SELECT RAISE(ABORT, 'family links are kept'); END;
