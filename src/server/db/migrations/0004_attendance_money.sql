-- Attendance and work-share money (työosuusraha), issue 4. A day is a calendar date in
-- Europe/Helsinki ('YYYY-MM-DD'), never a timestamp. Money is integer cents everywhere.

-- Unit settings used by the money rules: some municipalities pay avotyö clients for up to 4 weeks
-- of summer holiday; the money of a month is paid on this day of the next month.
ALTER TABLE units ADD COLUMN paid_summer_holiday INTEGER NOT NULL DEFAULT 0 CHECK (paid_summer_holiday IN (0, 1));
ALTER TABLE units ADD COLUMN payment_day INTEGER NOT NULL DEFAULT 15 CHECK (payment_day BETWEEN 1 AND 28);
-- Per client: whether the meal fee applies (some bring their own food or eat at the workplace).
ALTER TABLE people ADD COLUMN meal_fee INTEGER NOT NULL DEFAULT 1 CHECK (meal_fee IN (0, 1));

-- One row per client and day that has a status. Keyed by (client, day) without a rowid: a month
-- of one client is one short range of the primary key, even with millions of rows.
CREATE TABLE attendance (
  client_id    INTEGER NOT NULL REFERENCES people(id),
  day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  status       TEXT NOT NULL CHECK (status IN ('present', 'sick', 'holiday', 'absent', 'no_service')),
  recorded_by  INTEGER REFERENCES people(id),
  recorded_at  INTEGER NOT NULL,
  PRIMARY KEY (client_id, day)
) STRICT, WITHOUT ROWID;

-- Every change of a day already recorded: who, when, old → new. Append-only.
CREATE TABLE attendance_changes (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES people(id),
  day         TEXT NOT NULL,
  old_status  TEXT NOT NULL,
  new_status  TEXT NOT NULL,
  changed_by  INTEGER NOT NULL REFERENCES people(id),
  changed_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX attendance_changes_client ON attendance_changes (client_id, day);
CREATE TRIGGER attendance_changes_no_update BEFORE UPDATE ON attendance_changes
BEGIN SELECT RAISE(ABORT, 'attendance_changes is append-only'); END;
CREATE TRIGGER attendance_changes_no_delete BEFORE DELETE ON attendance_changes
BEGIN SELECT RAISE(ABORT, 'attendance_changes is append-only'); END;

-- An absence the client (or family, or a worker) reports ahead. The idempotency key comes from
-- the form, so a double tap or a resent form makes one report. Its days show as "ilmoitettu"
-- until a worker confirms them (which records the day's status) or the report is cancelled.
CREATE TABLE absence_reports (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES people(id),
  reason           TEXT NOT NULL CHECK (reason IN ('sick', 'doctor', 'other')),
  words            TEXT NOT NULL DEFAULT '' CHECK (length(words) <= 500),
  idempotency_key  TEXT NOT NULL UNIQUE,
  reported_by      INTEGER NOT NULL REFERENCES people(id),
  reported_at      INTEGER NOT NULL,
  cancelled_at     INTEGER
) STRICT;
CREATE INDEX absence_reports_client ON absence_reports (client_id);

CREATE TABLE absence_report_days (
  report_id     INTEGER NOT NULL REFERENCES absence_reports(id),
  day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  confirmed_by  INTEGER REFERENCES people(id),
  confirmed_at  INTEGER,
  PRIMARY KEY (report_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX absence_report_days_day ON absence_report_days (day);

-- Daily rate and meal fee per unit and service type, from a day on. Rows are never changed: a new
-- rate is a new row, and the rate in force on each day applies (history kept).
CREATE TABLE rates (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  service_type  TEXT NOT NULL CHECK (service_type IN ('tyotoiminta', 'avotyotoiminta', 'tyohonvalmennus', 'kuntouttava_tyotoiminta')),
  valid_from    TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  daily_cents   INTEGER NOT NULL CHECK (daily_cents BETWEEN 0 AND 10000),
  meal_cents    INTEGER NOT NULL CHECK (meal_cents BETWEEN 0 AND 10000),
  created_by    INTEGER REFERENCES people(id),
  created_at    INTEGER NOT NULL,
  UNIQUE (unit_id, service_type, valid_from)
) STRICT;
CREATE TRIGGER rates_no_update BEFORE UPDATE ON rates
BEGIN SELECT RAISE(ABORT, 'rates are kept as history: add a new rate instead'); END;

-- An approved month of a unit, and what each client was paid for it. Both are final: a later
-- correction of a day in an approved month becomes an adjustment paid in a later month.
CREATE TABLE month_approvals (
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  approved_by  INTEGER NOT NULL REFERENCES people(id),
  approved_at  INTEGER NOT NULL,
  PRIMARY KEY (unit_id, month)
) STRICT;
CREATE TRIGGER month_approvals_no_update BEFORE UPDATE ON month_approvals
BEGIN SELECT RAISE(ABORT, 'an approved month is final'); END;
CREATE TRIGGER month_approvals_no_delete BEFORE DELETE ON month_approvals
BEGIN SELECT RAISE(ABORT, 'an approved month is final'); END;

CREATE TABLE month_statements (
  unit_id            INTEGER NOT NULL,
  month              TEXT NOT NULL,
  client_id          INTEGER NOT NULL REFERENCES people(id),
  present_days       INTEGER NOT NULL,
  paid_holiday_days  INTEGER NOT NULL,
  gross_cents        INTEGER NOT NULL,
  meal_fee_cents     INTEGER NOT NULL,
  adjustments_cents  INTEGER NOT NULL,
  net_cents          INTEGER NOT NULL,
  PRIMARY KEY (unit_id, month, client_id),
  FOREIGN KEY (unit_id, month) REFERENCES month_approvals (unit_id, month)
) STRICT;
CREATE INDEX month_statements_client ON month_statements (client_id, month);
CREATE TRIGGER month_statements_no_update BEFORE UPDATE ON month_statements
BEGIN SELECT RAISE(ABORT, 'an approved month is final'); END;
CREATE TRIGGER month_statements_no_delete BEFORE DELETE ON month_statements
BEGIN SELECT RAISE(ABORT, 'an approved month is final'); END;

-- A correction to a day of an approved month: the difference in money, paid in a later month.
CREATE TABLE adjustments (
  id             INTEGER PRIMARY KEY,
  client_id      INTEGER NOT NULL REFERENCES people(id),
  paid_in_month  TEXT NOT NULL CHECK (paid_in_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  for_day        TEXT NOT NULL,
  old_status     TEXT NOT NULL,
  new_status     TEXT NOT NULL,
  cents          INTEGER NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES people(id),
  created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX adjustments_client_month ON adjustments (client_id, paid_in_month);
CREATE TRIGGER adjustments_no_update BEFORE UPDATE ON adjustments
BEGIN SELECT RAISE(ABORT, 'adjustments are append-only'); END;
CREATE TRIGGER adjustments_no_delete BEFORE DELETE ON adjustments
BEGIN SELECT RAISE(ABORT, 'adjustments are append-only'); END;
