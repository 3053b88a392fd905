-- What the asker did with the suggestions or topics offered for an unanswered question: the myth
-- chosen ('' for none), or that none of them was meant.
ALTER TABLE unanswered ADD COLUMN chosen TEXT NOT NULL DEFAULT '';
ALTER TABLE unanswered ADD COLUMN declined INTEGER NOT NULL DEFAULT 0;
