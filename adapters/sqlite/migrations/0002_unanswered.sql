-- Scrubbed unanswered questions for the curator's to-do list, and the install's metadata (the
-- fingerprint of the secret chat keys are HMACed with).
CREATE TABLE unanswered (
	day     TEXT NOT NULL,
	lang    TEXT NOT NULL,
	surface TEXT NOT NULL,
	text    TEXT NOT NULL
);
CREATE INDEX unanswered_day ON unanswered (day);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
