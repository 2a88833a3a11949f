-- At most one unfinished re-score per benchmark, kept by the database itself: a re-score holds its
-- benchmark in running_benchmark until it finishes (NULL then; a unique index allows many NULLs on
-- H2 and PostgreSQL), so two admins asking at the same moment cannot both start one.
ALTER TABLE rescores ADD COLUMN running_benchmark VARCHAR(100);
UPDATE rescores SET running_benchmark = benchmark WHERE finished_at IS NULL;
CREATE UNIQUE INDEX rescores_running ON rescores (running_benchmark);
