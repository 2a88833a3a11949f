-- Per-sample scores of the results that come with predictions, for the sample browser and for
-- paired comparisons of two entries. A row is one sample of one entry's result: its score under
-- the result's profile (IoU averaged over its targets, 1/0 for mcq, METEOR for captions), the sums
-- the task metrics are ratios of, and the prediction itself (one prediction line, as JSON) for
-- the overlays. seq is the sample's position in the benchmark's file order.
CREATE TABLE sample_results (
  entry_id VARCHAR(100) NOT NULL,
  benchmark VARCHAR(100) NOT NULL,
  seq INTEGER NOT NULL,
  sample_id VARCHAR(300) NOT NULL,
  task VARCHAR(10) NOT NULL,
  status VARCHAR(10) NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  targets INTEGER NOT NULL,
  iou_sum DOUBLE PRECISION NOT NULL,
  intersection_px DOUBLE PRECISION NOT NULL,
  union_px DOUBLE PRECISION NOT NULL,
  chosen VARCHAR(8),
  prediction_json VARCHAR(1000000),
  PRIMARY KEY (entry_id, benchmark, sample_id),
  FOREIGN KEY (entry_id, benchmark) REFERENCES results (entry_id, benchmark) ON DELETE CASCADE
);

CREATE INDEX sample_results_by_task ON sample_results (entry_id, benchmark, task, seq);

-- Whether a result's predictions have been scored sample by sample: false while the benchmark's
-- data is not installed where the server runs (the next import scores them once it is).
ALTER TABLE results ADD COLUMN samples_scored BOOLEAN DEFAULT FALSE NOT NULL;
