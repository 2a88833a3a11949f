-- The leaderboard: entries (a model card each) and their results per benchmark. Plain SQL that
-- H2 and PostgreSQL both run. owner, status and visibility are for hosted submissions (issue 11):
-- imported entries are published and public, and have no owner.
CREATE TABLE entries (
  id VARCHAR(100) PRIMARY KEY,
  name VARCHAR(300) NOT NULL,
  organisation VARCHAR(300),
  size VARCHAR(20),
  link VARCHAR(2000),
  kind VARCHAR(20) NOT NULL,
  source VARCHAR(4000) NOT NULL,
  entry_date VARCHAR(10) NOT NULL,
  notes VARCHAR(8000),
  owner VARCHAR(100),
  status VARCHAR(20) NOT NULL,
  visibility VARCHAR(20) NOT NULL,
  content_sha256 CHAR(64) NOT NULL,
  imported_at TIMESTAMP NOT NULL
);

CREATE TABLE results (
  entry_id VARCHAR(100) NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  benchmark VARCHAR(100) NOT NULL,
  profile VARCHAR(40) NOT NULL,
  metrics_version INTEGER,
  main_metric VARCHAR(40) NOT NULL,
  main_value DOUBLE PRECISION,
  main_lower DOUBLE PRECISION,
  main_upper DOUBLE PRECISION,
  failed BIGINT,
  metrics_json VARCHAR(1000000) NOT NULL,
  manifest_json VARCHAR(1000000),
  has_predictions BOOLEAN NOT NULL,
  PRIMARY KEY (entry_id, benchmark)
);

CREATE INDEX results_by_benchmark ON results (benchmark, main_value);
