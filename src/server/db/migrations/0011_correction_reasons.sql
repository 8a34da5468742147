-- Issue 15, point 11: correcting a day of an approved month needs the worker's reason, kept with
-- the change (the staff history shows it) and with the adjustment (the client's money page shows
-- it). Null for changes made before this and for open months, where no reason is asked. From now
-- on attendance_changes also has the first mark of a day in an approved month (old_status 'none').
ALTER TABLE attendance_changes ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200);
ALTER TABLE adjustments ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200);
