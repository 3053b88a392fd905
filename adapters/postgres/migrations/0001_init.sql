-- The first store: answer counts, feedback and chat settings. No text of a question, no user,
-- no chat id: a chat is known only by the HMAC of its key, an event only by its day.
CREATE TABLE answers (
	day     DATE   NOT NULL,
	myth_id TEXT   NOT NULL,
	outcome TEXT   NOT NULL,
	surface TEXT   NOT NULL,
	lang    TEXT   NOT NULL,
	count   BIGINT NOT NULL,
	PRIMARY KEY (day, myth_id, outcome, surface, lang)
);

CREATE TABLE feedback (
	day     DATE    NOT NULL,
	myth_id TEXT    NOT NULL,
	helpful BOOLEAN NOT NULL,
	reason  TEXT    NOT NULL,
	surface TEXT    NOT NULL,
	lang    TEXT    NOT NULL
);
CREATE INDEX feedback_day ON feedback (day);

CREATE TABLE chat_settings (
	chat_key TEXT    PRIMARY KEY,
	lang     TEXT    NOT NULL,
	auto     BOOLEAN NOT NULL,
	updated  DATE    NOT NULL
);
