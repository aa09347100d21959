-- Downline schema, version 1 (PRAGMA user_version = 1).
--
-- Dates are local calendar dates as 'YYYY-MM-DD'; moments of contact are
-- local date-times 'YYYY-MM-DDTHH:MM:SS'; created/updated stamps are UTC
-- 'YYYY-MM-DDTHH:MM:SSZ'.  Words (status, kind, ...) are stored as the
-- lower-case English strings of dl-types.h so the file reads well in the
-- sqlite3 shell.

-- Anyone the user deals with: prospects, members and the user.
CREATE TABLE person (
  id              INTEGER PRIMARY KEY,
  first_name      TEXT NOT NULL DEFAULT '',
  last_name       TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  best_time       TEXT NOT NULL DEFAULT '',   -- "best time to reach"
  city            TEXT NOT NULL DEFAULT '',
  source          TEXT NOT NULL DEFAULT '',   -- how the user met them
  category        TEXT NOT NULL DEFAULT '',   -- profession or category
  notes           TEXT NOT NULL DEFAULT '',
  last_contact_at TEXT,                       -- kept by triggers on interaction
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (trim(first_name) <> '' OR trim(last_name) <> '')
);
CREATE INDEX person_by_name  ON person (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX person_by_email ON person (email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX person_by_phone ON person (phone) WHERE phone <> '';

-- The user: exactly one row, pointing at their own person row.
CREATE TABLE profile (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  person_id  INTEGER NOT NULL UNIQUE REFERENCES person (id) ON DELETE RESTRICT,
  company    TEXT NOT NULL DEFAULT '',
  website    TEXT NOT NULL DEFAULT '',
  message    TEXT NOT NULL DEFAULT ''     -- personal message used in letters
);

-- Pipeline columns, in position order.
CREATE TABLE stage (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (trim(name) <> ''),
  position     INTEGER NOT NULL,
  kind         TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'joined', 'not-now')),
  probability  INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  stale_days   INTEGER NOT NULL DEFAULT 14 CHECK (stale_days BETWEEN 1 AND 3650)
);
CREATE UNIQUE INDEX stage_by_name ON stage (name COLLATE NOCASE);
CREATE INDEX stage_by_position ON stage (position);

-- A person in the pipeline.
CREATE TABLE prospect (
  person_id         INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  stage_id          INTEGER NOT NULL REFERENCES stage (id) ON DELETE RESTRICT,
  position          INTEGER NOT NULL DEFAULT 0,         -- order within the stage
  interest          TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (interest IN ('unknown', 'product', 'business', 'both')),
  q_self_starter    INTEGER NOT NULL DEFAULT 0 CHECK (q_self_starter IN (0, 1)),
  q_will_work       INTEGER NOT NULL DEFAULT 0 CHECK (q_will_work IN (0, 1)),
  q_good_fit        INTEGER NOT NULL DEFAULT 0 CHECK (q_good_fit IN (0, 1)),
  q_loves_product   INTEGER NOT NULL DEFAULT 0 CHECK (q_loves_product IN (0, 1)),
  next_follow_up    TEXT,                               -- date
  entered_stage_at  TEXT NOT NULL,                      -- UTC stamp
  not_now_reason    TEXT NOT NULL DEFAULT '',
  revisit_on        TEXT                                -- date
);
CREATE INDEX prospect_by_stage     ON prospect (stage_id, position);
CREATE INDEX prospect_by_follow_up ON prospect (next_follow_up) WHERE next_follow_up IS NOT NULL;
CREATE INDEX prospect_by_revisit   ON prospect (revisit_on) WHERE revisit_on IS NOT NULL;

-- A person in the downline.  The user is the one member with no sponsor
-- whose person is the profile's; other members without a sponsor are
-- "no sponsor" orphans (from an import) shown apart.
CREATE TABLE member (
  person_id      INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  sponsor_id     INTEGER REFERENCES member (person_id) ON DELETE RESTRICT,
  member_number  TEXT UNIQUE,                           -- back-office number
  joined_on      TEXT NOT NULL,                         -- date
  role           TEXT NOT NULL DEFAULT 'distributor' CHECK (role IN ('distributor', 'customer')),
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'dropped')),
  status_since   TEXT,                                  -- date
  rank           TEXT NOT NULL DEFAULT '',
  last_activity  TEXT,                                  -- date: order, sale, sign-up reported
  cadence_days   INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 365),
  snoozed_until  TEXT,                                  -- date
  CHECK (sponsor_id IS NULL OR sponsor_id <> person_id),
  CHECK (member_number IS NULL OR trim(member_number) <> '')
);
CREATE INDEX member_by_sponsor ON member (sponsor_id);
CREATE INDEX member_by_joined  ON member (joined_on);

-- Moving a member under their own downline would make the sponsor chain loop.
CREATE TRIGGER member_no_cycle
BEFORE UPDATE OF sponsor_id ON member
WHEN NEW.sponsor_id IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'sponsor cycle')
  WHERE EXISTS (
    WITH RECURSIVE up (id) AS (
      SELECT NEW.sponsor_id
      UNION
      SELECT m.sponsor_id FROM member m JOIN up ON m.person_id = up.id
      WHERE m.sponsor_id IS NOT NULL)
    SELECT 1 FROM up WHERE id = NEW.person_id);
END;

-- The contact log.
CREATE TABLE interaction (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'message', 'letter', 'note')),
  at         TEXT NOT NULL,                             -- local date-time
  summary    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interaction_by_person ON interaction (person_id, at);

-- person.last_contact_at is the latest interaction that is not a note.
CREATE TRIGGER interaction_after_insert AFTER INSERT ON interaction
WHEN NEW.kind <> 'note'
BEGIN
  UPDATE person SET last_contact_at = NEW.at
  WHERE id = NEW.person_id AND (last_contact_at IS NULL OR last_contact_at < NEW.at);
END;
CREATE TRIGGER interaction_after_delete AFTER DELETE ON interaction
BEGIN
  UPDATE person SET last_contact_at =
    (SELECT max (at) FROM interaction WHERE person_id = OLD.person_id AND kind <> 'note')
  WHERE id = OLD.person_id;
END;
CREATE TRIGGER interaction_after_update AFTER UPDATE OF at, kind, person_id ON interaction
BEGIN
  UPDATE person SET last_contact_at =
    (SELECT max (at) FROM interaction WHERE person_id = person.id AND kind <> 'note')
  WHERE id IN (OLD.person_id, NEW.person_id);
END;

-- Letter templates (Mustache-style text).  builtin names a default
-- template so "Restore default" can find its original text.
CREATE TABLE template (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (trim(name) <> ''),
  kind        TEXT NOT NULL DEFAULT 'other'
              CHECK (kind IN ('welcome', 'upline-welcome', 'check-in', 'newsletter', 'other')),
  subject     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  builtin     TEXT UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX template_by_kind ON template (kind, name);

-- Letters produced from a template for one person.
CREATE TABLE letter (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  template_id  INTEGER REFERENCES template (id) ON DELETE SET NULL,
  subject      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  sent_via     TEXT NOT NULL DEFAULT 'none' CHECK (sent_via IN ('none', 'email', 'copy', 'file', 'print'))
);
CREATE INDEX letter_by_person   ON letter (person_id, created_at);
CREATE INDEX letter_by_template ON letter (template_id);

-- The step that applies this file (dl-store-migrate.c, migrate_to_1) also sets
-- PRAGMA application_id = 0x446c6e65 ("Dlne"), so another program's SQLite
-- file is never taken for ours, and inserts the default stages in the
-- user's language.
