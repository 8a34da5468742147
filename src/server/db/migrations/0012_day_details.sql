-- Issue 15, points 8 and 9: what a worker records about a client's day besides its status, and
-- the unit's travel compensation (matkakorvaus; "Kuljetuskustannuksia voidaan korvata").
--
-- A present day may be a part day: its length in minutes, or from–to on the clock (then the
-- length follows from them). Late arrival and transport used are yes/no; a ticket's price is kept
-- when the unit pays per actual ticket. All empty or 0 for a full, ordinary day and for days
-- recorded before this.
ALTER TABLE attendance ADD COLUMN part_minutes INTEGER CHECK (part_minutes IS NULL OR part_minutes BETWEEN 15 AND 720);
ALTER TABLE attendance ADD COLUMN from_time TEXT CHECK (from_time IS NULL OR from_time GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE attendance ADD COLUMN until_time TEXT CHECK (until_time IS NULL OR until_time GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE attendance ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
ALTER TABLE attendance ADD COLUMN transport INTEGER NOT NULL DEFAULT 0 CHECK (transport IN (0, 1));
ALTER TABLE attendance ADD COLUMN ticket_cents INTEGER CHECK (ticket_cents IS NULL OR ticket_cents BETWEEN 0 AND 10000);

-- The unit's travel compensation from a day on, kept as history like the work-share rates: a new
-- rule is a new row. 'per_day': day_cents for each attended day with transport used;
-- 'per_ticket': the ticket prices recorded on attended days; 'none': nothing is paid from then on.
CREATE TABLE transport_rates (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  valid_from  TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  kind        TEXT NOT NULL CHECK (kind IN ('none', 'per_day', 'per_ticket')),
  day_cents   INTEGER NOT NULL DEFAULT 0 CHECK (day_cents BETWEEN 0 AND 10000),
  created_by  INTEGER REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  UNIQUE (unit_id, valid_from)
) STRICT;
CREATE TRIGGER transport_rates_no_update BEFORE UPDATE ON transport_rates
BEGIN SELECT RAISE(ABORT, 'transport rates are kept as history: add a new rate instead'); END;

-- What an approved month paid for travel, beside the work-share money (it is a compensation of
-- costs, not pay, so it is not part of net_cents). 0 for months approved before this.
ALTER TABLE month_statements ADD COLUMN transport_cents INTEGER NOT NULL DEFAULT 0;
