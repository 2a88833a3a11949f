-- Every figure of a result (each task's metrics, and PerBench's overall score) as its own row,
-- so that a leaderboard can show and sort by every column without parsing metrics.json. Values
-- are in percent, like the headline value of results. position keeps metrics.json's order.
CREATE TABLE result_values (
  entry_id VARCHAR(100) NOT NULL,
  benchmark VARCHAR(100) NOT NULL,
  task VARCHAR(10) NOT NULL,
  metric VARCHAR(40) NOT NULL,
  position INTEGER NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL,
  lower_bound DOUBLE PRECISION,
  upper_bound DOUBLE PRECISION,
  PRIMARY KEY (entry_id, benchmark, task, metric),
  FOREIGN KEY (entry_id, benchmark) REFERENCES results (entry_id, benchmark) ON DELETE CASCADE
);

CREATE INDEX result_values_by_benchmark ON result_values (benchmark);

-- Which import rules stored an entry: an entry stored by older rules is imported again even when
-- its files have not changed (here: to fill result_values).
ALTER TABLE entries ADD COLUMN import_version INTEGER DEFAULT 1 NOT NULL;
