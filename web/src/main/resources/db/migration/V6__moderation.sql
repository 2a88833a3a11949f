-- Moderation of hosted entries: an admin's flag (shown with the entry) and the "verified" mark
-- (an admin re-ran it). Hiding an entry sets its status to 'hidden'.
ALTER TABLE entries ADD COLUMN flag_reason VARCHAR(1000);
ALTER TABLE entries ADD COLUMN verified BOOLEAN DEFAULT FALSE NOT NULL;
