-- Placeholder: number 0015 belongs to another branch of issue 15. The migrations must be numbered
-- without gaps, so this empty file only lets 0017 run on this branch. Delete it when the branch
-- with the real 0015 is merged (that file takes its place).
SELECT 1;
