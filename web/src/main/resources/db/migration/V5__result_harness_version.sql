-- The version of the harness that produced each result: for an imported result the one its run's
-- manifest.json names (null without a manifest); for a hosted submission the server's own, which
-- scored it.
ALTER TABLE results ADD COLUMN harness_version VARCHAR(100);
