-- The first store: answer counts, feedback and chat settings. No text of a question, no user,
-- no chat id: a chat is known only by the HMAC of its key, an event only by its day.
CREATE TABLE answers (
	day     TEXT    NOT NULL,
	myth_id TEXT    NOT NULL,
	outcome TEXT    NOT NULL,
	surface TEXT    NOT NULL,
	lang    TEXT    NOT NULL,
	count   INTEGER NOT NULL,
	PRIMARY KEY (day, myth_id, outcome, surface, lang)
) WITHOUT ROWID;

CREATE TABLE feedback (
	day     TEXT    NOT NULL,
	myth_id TEXT    NOT NULL,
	helpful INTEGER NOT NULL,
	reason  TEXT    NOT NULL,
	surface TEXT    NOT NULL,
	lang    TEXT    NOT NULL
);
CREATE INDEX feedback_day ON feedback (day);

CREATE TABLE chat_settings (
	chat_key TEXT    PRIMARY KEY,
	lang     TEXT    NOT NULL,
	auto     INTEGER NOT NULL,
	updated  TEXT    NOT NULL
) WITHOUT ROWID;
