-- Downline schema version 3: what the back office's monthly exports tell.
-- Applied on top of version 2 by dl_store_migrate_to_3 (dl-store-periods.c),
-- in one transaction.

-- What the latest export said of the member (their history is in
-- period_figures).
ALTER TABLE member ADD COLUMN highest_rank TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN first_order TEXT;       -- date
ALTER TABLE member ADD COLUMN last_order TEXT;        -- date
ALTER TABLE member ADD COLUMN autoship INTEGER CHECK (autoship IS NULL OR autoship IN (0, 1));
ALTER TABLE member ADD COLUMN next_autoship TEXT;     -- date
ALTER TABLE member ADD COLUMN renewal_on TEXT;        -- date

-- Where the company placed the member in its unilevel or binary tree,
-- which is not always who enrolled them (member.sponsor_id).  Optional:
-- a row only for members an export placed.
CREATE TABLE placement (
  member_id  INTEGER PRIMARY KEY REFERENCES member (person_id) ON DELETE CASCADE,
  parent_id  INTEGER REFERENCES member (person_id) ON DELETE SET NULL,
  side       TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
  CHECK (parent_id IS NULL OR parent_id <> member_id)
);
CREATE INDEX placement_by_parent ON placement (parent_id);

-- One imported export: its month, and enough to know it again.
CREATE TABLE snapshot (
  id           INTEGER PRIMARY KEY,
  period       TEXT NOT NULL,                         -- YYYY-MM
  imported_at  TEXT NOT NULL,                         -- UTC stamp
  file_name    TEXT NOT NULL DEFAULT '',
  checksum     TEXT NOT NULL DEFAULT '',              -- SHA-256 of the file: the same file twice changes nothing
  mapping      TEXT NOT NULL DEFAULT ''               -- the column roles used, for next month's export
);
CREATE INDEX snapshot_by_period ON snapshot (period);
CREATE INDEX snapshot_by_checksum ON snapshot (checksum);

-- A member's figures for one month.  NULL is "the export did not say".
CREATE TABLE period_figures (
  member_id     INTEGER NOT NULL REFERENCES member (person_id) ON DELETE CASCADE,
  period        TEXT NOT NULL,                        -- YYYY-MM
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'dropped')),
  paid_rank     TEXT,
  pv            REAL,
  gv            REAL,
  left_volume   REAL,
  right_volume  REAL,
  autoship      INTEGER CHECK (autoship IS NULL OR autoship IN (0, 1)),
  qualified     INTEGER CHECK (qualified IS NULL OR qualified IN (0, 1)),
  PRIMARY KEY (period, member_id)
);
CREATE INDEX period_figures_by_member ON period_figures (member_id, period);

-- What changed between a month and the one before (dl-events.c).
CREATE TABLE event (
  period     TEXT NOT NULL,                           -- YYYY-MM
  member_id  INTEGER NOT NULL REFERENCES member (person_id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  PRIMARY KEY (period, member_id, type)
);
CREATE INDEX event_by_member ON event (member_id);
