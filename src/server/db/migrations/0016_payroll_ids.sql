-- Issue 15, point 17: what a payroll system needs to read the export.
--
-- The client's number in the municipality's or payroll system's register (asiakasnumero): free
-- text as that system writes it, empty when not known. Unique within a unit when given, so the
-- export never pays two people under one number.
ALTER TABLE people ADD COLUMN asiakasnumero TEXT CHECK (asiakasnumero IS NULL OR (length(asiakasnumero) BETWEEN 1 AND 30));
CREATE UNIQUE INDEX people_unit_asiakasnumero ON people (unit_id, asiakasnumero) WHERE asiakasnumero IS NOT NULL;

-- The unit's cost centre (kustannuspaikka) in the bookkeeping, written on every row of the export.
ALTER TABLE units ADD COLUMN cost_centre TEXT NOT NULL DEFAULT '' CHECK (length(cost_centre) <= 30);
