-- Pictures chosen by workers (issue 3, picture picker). Goal and place pictures used to be the
-- portal's own concept names ('coffee', 'work'); now a worker picks any OpenMoji picture by a
-- Finnish or English word, so they store the OpenMoji icon name ('hot-beverage'). The concept
-- names stay for the portal's own pictures (tiles, buttons), mapped in src/server/pictures.ts;
-- this rewrites stored concept names to the icons they showed, so nothing changes on screen.
-- (Names that are the same in both, such as 'bus', need no change; 'direct-hit' is OpenMoji's
-- other name for 'bullseye'.)
CREATE TEMP TABLE concept_icon (concept TEXT PRIMARY KEY, icon TEXT NOT NULL);
INSERT INTO concept_icon (concept, icon) VALUES
  ('home', 'house'),
  ('plan', 'clipboard'),
  ('goals', 'bullseye'),
  ('attendance', 'spiral-calendar'),
  ('money', 'coin'),
  ('messages', 'speech-balloon'),
  ('consents', 'handshake'),
  ('listen', 'speaker-high-volume'),
  ('stop', 'stop-sign'),
  ('help', 'person-raising-hand'),
  ('text-size', 'input-latin-letters'),
  ('language', 'globe-with-meridians'),
  ('sign-out', 'door'),
  ('person', 'bust-in-silhouette'),
  ('worker', 'office-worker'),
  ('card', 'identification-card'),
  ('pin', 'framed-picture'),
  ('tablet-shared', 'busts-in-silhouette'),
  ('sick', 'face-with-thermometer'),
  ('holiday', 'palm-tree'),
  ('present', 'check-mark-button'),
  ('absent', 'cross-mark'),
  ('no-service', 'no-entry'),
  ('clock', 'alarm-clock'),
  ('place', 'round-pushpin'),
  ('lock', 'locked'),
  ('check', 'check-mark'),
  ('cross', 'cross-mark'),
  ('back', 'left-arrow'),
  ('forward', 'right-arrow'),
  ('question', 'red-question-mark'),
  ('info', 'information'),
  ('glossary', 'open-book'),
  ('work', 'hammer-and-wrench'),
  ('meal', 'fork-and-knife-with-plate'),
  ('phone', 'telephone-receiver'),
  ('doctor', 'health-worker'),
  ('greeting', 'waving-hand'),
  ('coffee', 'hot-beverage'),
  ('cleaning', 'broom'),
  ('shopping', 'shopping-cart'),
  ('plant', 'potted-plant'),
  ('print', 'printer'),
  ('feeling-good', 'smiling-face-with-smiling-eyes'),
  ('feeling-some', 'neutral-face'),
  ('feeling-hard', 'worried-face');

UPDATE goals SET picture = (SELECT icon FROM concept_icon WHERE concept = goals.picture)
 WHERE picture IN (SELECT concept FROM concept_icon);
UPDATE plan_versions SET place_picture = (SELECT icon FROM concept_icon WHERE concept = plan_versions.place_picture)
 WHERE place_picture IN (SELECT concept FROM concept_icon);
DROP TABLE concept_icon;

-- Photos (a place's photo now; people's photos with the admin issue). Stored in the database,
-- not as files: one backup holds everything, a write is acknowledged only after COMMIT, and the
-- serving route checks who may see the photo on every request. Always a small JPEG made by the
-- server (resized, EXIF and location removed), never the uploaded file itself.
CREATE TABLE photos (
  id          INTEGER PRIMARY KEY,
  mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg')),
  bytes       BLOB NOT NULL CHECK (length(bytes) <= 1000000),
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  client_id   INTEGER REFERENCES people(id),  -- whose data it is part of: who may see it follows
  created_by  INTEGER REFERENCES people(id),
  created_at  INTEGER NOT NULL
) STRICT;

ALTER TABLE plan_versions ADD COLUMN place_photo_id INTEGER REFERENCES photos(id);

-- The day a goal was reached, for the client's "Saavutetut tavoitteet" (goals reached earlier
-- have no date: their day was not recorded).
ALTER TABLE goals ADD COLUMN reached_on TEXT CHECK (reached_on IS NULL OR reached_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
