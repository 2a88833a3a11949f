-- An LLM judge's score is a leaderboard column of its own, its metric named "judge:" and the
-- judge's name (a model name of up to 200 characters).
ALTER TABLE result_values ALTER COLUMN metric SET DATA TYPE VARCHAR(220);
