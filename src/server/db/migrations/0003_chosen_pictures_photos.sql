-- Pictures chosen by workers (issue 3, picture picker). Goal and place pictures used to be the
-- portal's own concept names ('coffee', 'work'); now a worker picks any OpenMoji picture by a
-- Finnish or English word, so they store the OpenMoji icon name ('hot-beverage'). The concept
-- names stay for the portal's own pictures (tiles, buttons), mapped in src/server/pictures.ts;
-- this rewrites stored concept names to the icons they showed, so nothing changes on screen.
-- (Names that are the same in both, such as 'bus', need no change; 'direct-hit' is OpenMoji's
-- other name for 'bullseye'.)
UPDATE goals SET picture =
  CASE picture
    WHEN 'home' THEN 'house'
    WHEN 'plan' THEN 'clipboard'
    WHEN 'goals' THEN 'bullseye'
    WHEN 'attendance' THEN 'spiral-calendar'
    WHEN 'money' THEN 'coin'
    WHEN 'messages' THEN 'speech-balloon'
    WHEN 'consents' THEN 'handshake'
    WHEN 'listen' THEN 'speaker-high-volume'
    WHEN 'stop' THEN 'stop-sign'
    WHEN 'help' THEN 'person-raising-hand'
    WHEN 'text-size' THEN 'input-latin-letters'
    WHEN 'language' THEN 'globe-with-meridians'
    WHEN 'sign-out' THEN 'door'
    WHEN 'person' THEN 'bust-in-silhouette'
    WHEN 'worker' THEN 'office-worker'
    WHEN 'card' THEN 'identification-card'
    WHEN 'pin' THEN 'framed-picture'
    WHEN 'tablet-shared' THEN 'busts-in-silhouette'
    WHEN 'sick' THEN 'face-with-thermometer'
    WHEN 'holiday' THEN 'palm-tree'
    WHEN 'present' THEN 'check-mark-button'
    WHEN 'absent' THEN 'cross-mark'
    WHEN 'no-service' THEN 'no-entry'
    WHEN 'clock' THEN 'alarm-clock'
    WHEN 'place' THEN 'round-pushpin'
    WHEN 'lock' THEN 'locked'
    WHEN 'check' THEN 'check-mark'
    WHEN 'cross' THEN 'cross-mark'
    WHEN 'back' THEN 'left-arrow'
    WHEN 'forward' THEN 'right-arrow'
    WHEN 'question' THEN 'red-question-mark'
    WHEN 'info' THEN 'information'
    WHEN 'glossary' THEN 'open-book'
    WHEN 'work' THEN 'hammer-and-wrench'
    WHEN 'meal' THEN 'fork-and-knife-with-plate'
    WHEN 'phone' THEN 'telephone-receiver'
    WHEN 'doctor' THEN 'health-worker'
    WHEN 'greeting' THEN 'waving-hand'
    WHEN 'coffee' THEN 'hot-beverage'
    WHEN 'cleaning' THEN 'broom'
    WHEN 'shopping' THEN 'shopping-cart'
    WHEN 'plant' THEN 'potted-plant'
    WHEN 'print' THEN 'printer'
    WHEN 'feeling-good' THEN 'smiling-face-with-smiling-eyes'
    WHEN 'feeling-some' THEN 'neutral-face'
    WHEN 'feeling-hard' THEN 'worried-face'
    ELSE picture END;

UPDATE plan_versions SET place_picture =
  CASE place_picture
    WHEN 'home' THEN 'house'
    WHEN 'plan' THEN 'clipboard'
    WHEN 'goals' THEN 'bullseye'
    WHEN 'attendance' THEN 'spiral-calendar'
    WHEN 'money' THEN 'coin'
    WHEN 'messages' THEN 'speech-balloon'
    WHEN 'consents' THEN 'handshake'
    WHEN 'listen' THEN 'speaker-high-volume'
    WHEN 'stop' THEN 'stop-sign'
    WHEN 'help' THEN 'person-raising-hand'
    WHEN 'text-size' THEN 'input-latin-letters'
    WHEN 'language' THEN 'globe-with-meridians'
    WHEN 'sign-out' THEN 'door'
    WHEN 'person' THEN 'bust-in-silhouette'
    WHEN 'worker' THEN 'office-worker'
    WHEN 'card' THEN 'identification-card'
    WHEN 'pin' THEN 'framed-picture'
    WHEN 'tablet-shared' THEN 'busts-in-silhouette'
    WHEN 'sick' THEN 'face-with-thermometer'
    WHEN 'holiday' THEN 'palm-tree'
    WHEN 'present' THEN 'check-mark-button'
    WHEN 'absent' THEN 'cross-mark'
    WHEN 'no-service' THEN 'no-entry'
    WHEN 'clock' THEN 'alarm-clock'
    WHEN 'place' THEN 'round-pushpin'
    WHEN 'lock' THEN 'locked'
    WHEN 'check' THEN 'check-mark'
    WHEN 'cross' THEN 'cross-mark'
    WHEN 'back' THEN 'left-arrow'
    WHEN 'forward' THEN 'right-arrow'
    WHEN 'question' THEN 'red-question-mark'
    WHEN 'info' THEN 'information'
    WHEN 'glossary' THEN 'open-book'
    WHEN 'work' THEN 'hammer-and-wrench'
    WHEN 'meal' THEN 'fork-and-knife-with-plate'
    WHEN 'phone' THEN 'telephone-receiver'
    WHEN 'doctor' THEN 'health-worker'
    WHEN 'greeting' THEN 'waving-hand'
    WHEN 'coffee' THEN 'hot-beverage'
    WHEN 'cleaning' THEN 'broom'
    WHEN 'shopping' THEN 'shopping-cart'
    WHEN 'plant' THEN 'potted-plant'
    WHEN 'print' THEN 'printer'
    WHEN 'feeling-good' THEN 'smiling-face-with-smiling-eyes'
    WHEN 'feeling-some' THEN 'neutral-face'
    WHEN 'feeling-hard' THEN 'worried-face'
    ELSE place_picture END;

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
