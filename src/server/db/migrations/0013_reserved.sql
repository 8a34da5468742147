-- Placeholder: number 0013 belongs to another branch of issue 15. The migrations must be numbered
-- without gaps, so this empty file only lets 0014 run on this branch. Delete it when the branch
-- with the real 0013 is merged (that file takes its place).
SELECT 1;
