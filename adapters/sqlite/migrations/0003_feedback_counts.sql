-- Feedback is counted like answers: one row per day, myth, verdict, surface, language and
-- reason, so a flood of votes adds to counts instead of rows. Rows whose language no fact base
-- has (a field once stored as sent) are dropped, and reasons are cut to 280 characters as the
-- bot now cuts them.
CREATE TABLE feedback_counts (
	day     TEXT    NOT NULL,
	myth_id TEXT    NOT NULL,
	helpful INTEGER NOT NULL,
	reason  TEXT    NOT NULL,
	surface TEXT    NOT NULL,
	lang    TEXT    NOT NULL,
	count   INTEGER NOT NULL,
	UNIQUE (day, myth_id, helpful, surface, lang, reason)
);
INSERT INTO feedback_counts (day, myth_id, helpful, reason, surface, lang, count)
	SELECT day, myth_id, helpful, substr(reason, 1, 280) AS r, surface, lang, COUNT(*) FROM feedback
	WHERE length(lang) <= 3
	GROUP BY day, myth_id, helpful, surface, lang, r
	ORDER BY MIN(rowid);
DROP TABLE feedback;
ALTER TABLE feedback_counts RENAME TO feedback;
