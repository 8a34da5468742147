-- Reserved: migration 0008 belongs to a branch developed in parallel (issue 12). This file only
-- keeps the numbering without gaps on this branch; drop it when that branch's 0008 is merged.
SELECT 1;
