package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"factline/bot"
)

// dayFormat is how days are stored: ISO dates sort and compare as text.
const dayFormat = time.DateOnly

func day(t time.Time) string { return t.UTC().Format(dayFormat) }

// RecordAnswers adds the answer counts in one transaction.
func (s *Store) RecordAnswers(ctx context.Context, counts []bot.AnswerEvents) error {
	return s.execEach(ctx, "record answers", `INSERT INTO answers (day, myth_id, outcome, surface, lang, count) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, myth_id, outcome, surface, lang) DO UPDATE SET count = count + excluded.count`,
		len(counts), func(i int) []any {
			c := counts[i]
			return []any{day(c.Day), c.MythID, string(c.Outcome), string(c.Surface), c.Lang, c.N}
		})
}

// execEach runs query once with the arguments of each of n rows, in one transaction.
func (s *Store) execEach(ctx context.Context, what, query string, n int, args func(i int) []any) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	for i := range n {
		if _, err := tx.ExecContext(ctx, query, args(i)...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// RecordFeedback adds the feedback counts in one transaction.
func (s *Store) RecordFeedback(ctx context.Context, counts []bot.FeedbackEvents) error {
	return s.execEach(ctx, "record feedback", `INSERT INTO feedback (day, myth_id, helpful, reason, surface, lang, count) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, myth_id, helpful, surface, lang, reason) DO UPDATE SET count = count + excluded.count`,
		len(counts), func(i int) []any {
			f := counts[i]
			return []any{day(f.Day), f.MythID, f.Helpful, f.Reason, string(f.Surface), f.Lang, f.N}
		})
}

// RecordUnanswered keeps the scrubbed unanswered questions in one transaction.
func (s *Store) RecordUnanswered(ctx context.Context, qs []bot.UnansweredQuestion) error {
	return s.execEach(ctx, "record unanswered questions", `INSERT INTO unanswered (day, lang, surface, text, chosen, declined) VALUES (?, ?, ?, ?, ?, ?)`,
		len(qs), func(i int) []any {
			q := qs[i]
			return []any{day(q.Day), q.Lang, string(q.Surface), q.Text, q.Chosen, q.Declined}
		})
}

// ChatSettings returns the settings stored under key, the zero value when there are none.
func (s *Store) ChatSettings(ctx context.Context, key string) (bot.ChatSettings, error) {
	var cs bot.ChatSettings
	err := s.db.QueryRowContext(ctx, `SELECT lang, auto FROM chat_settings WHERE chat_key = ?`, key).Scan(&cs.Lang, &cs.Auto)
	if errors.Is(err, sql.ErrNoRows) {
		return bot.ChatSettings{}, nil
	}
	if err != nil {
		return cs, fmt.Errorf("read chat settings: %w", err)
	}
	return cs, nil
}

// SaveChatSettings stores settings under key. The default settings are not stored: a chat that
// changed nothing leaves no row.
func (s *Store) SaveChatSettings(ctx context.Context, key string, cs bot.ChatSettings) error {
	var err error
	if cs == (bot.ChatSettings{}) {
		_, err = s.db.ExecContext(ctx, `DELETE FROM chat_settings WHERE chat_key = ?`, key)
	} else {
		_, err = s.db.ExecContext(ctx, `INSERT INTO chat_settings (chat_key, lang, auto, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (chat_key) DO UPDATE SET lang = excluded.lang, auto = excluded.auto, updated = excluded.updated`,
			key, cs.Lang, cs.Auto, day(time.Now()))
	}
	if err != nil {
		return fmt.Errorf("save chat settings: %w", err)
	}
	return nil
}

// ForgetChat deletes the settings stored under key.
func (s *Store) ForgetChat(ctx context.Context, key string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM chat_settings WHERE chat_key = ?`, key)
	if err != nil {
		return false, fmt.Errorf("forget chat: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Purge deletes the answer counts, feedback and unanswered questions of days before before.
func (s *Store) Purge(ctx context.Context, before time.Time) (bot.Purged, error) {
	var p bot.Purged
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return p, fmt.Errorf("purge: %w", err)
	}
	defer tx.Rollback()
	for _, t := range []struct {
		table string
		n     *int64
	}{{"answers", &p.Answers}, {"feedback", &p.Feedback}, {"unanswered", &p.Unanswered}} {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE day < ?`, day(before))
		if err != nil {
			return p, fmt.Errorf("purge %s: %w", t.table, err)
		}
		if *t.n, err = res.RowsAffected(); err != nil {
			return p, fmt.Errorf("purge %s: %w", t.table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return bot.Purged{}, fmt.Errorf("purge: %w", err)
	}
	return p, nil
}

// Tally returns what was stored on or after the day of since.
func (s *Store) Tally(ctx context.Context, since time.Time) (bot.Tally, error) {
	var t bot.Tally
	from := day(since)
	err := s.query(ctx, `SELECT myth_id, outcome, surface, lang, SUM(count) FROM answers WHERE day >= ?
		GROUP BY myth_id, outcome, surface, lang`, []any{from}, func(rows *sql.Rows) error {
		var a bot.AnswerCount
		err := rows.Scan(&a.MythID, &a.Outcome, &a.Surface, &a.Lang, &a.Count)
		t.Answers = append(t.Answers, a)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("tally answers: %w", err)
	}
	err = s.query(ctx, `SELECT myth_id, helpful, SUM(count) FROM feedback WHERE day >= ? GROUP BY myth_id, helpful`,
		[]any{from}, func(rows *sql.Rows) error {
			var f bot.FeedbackCount
			err := rows.Scan(&f.MythID, &f.Helpful, &f.Count)
			t.Feedback = append(t.Feedback, f)
			return err
		})
	if err != nil {
		return t, fmt.Errorf("tally feedback: %w", err)
	}
	err = s.query(ctx, `SELECT day, myth_id, helpful, reason, surface, lang FROM feedback WHERE day >= ? AND reason <> ''
		ORDER BY day DESC, rowid DESC LIMIT ?`, []any{from, bot.MaxReasons}, func(rows *sql.Rows) error {
		var f bot.FeedbackEvent
		var d string
		err := rows.Scan(&d, &f.MythID, &f.Helpful, &f.Reason, &f.Surface, &f.Lang)
		if err != nil {
			return err
		}
		f.Day, err = time.Parse(dayFormat, d)
		t.Reasons = append(t.Reasons, f)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("tally feedback reasons: %w", err)
	}
	err = s.query(ctx, `SELECT day, lang, surface, text, chosen, declined FROM unanswered WHERE day >= ? ORDER BY day DESC, rowid DESC LIMIT ?`,
		[]any{from, bot.MaxUnanswered}, func(rows *sql.Rows) error {
			var q bot.UnansweredQuestion
			var d string
			err := rows.Scan(&d, &q.Lang, &q.Surface, &q.Text, &q.Chosen, &q.Declined)
			if err != nil {
				return err
			}
			q.Day, err = time.Parse(dayFormat, d)
			t.Unanswered = append(t.Unanswered, q)
			return err
		})
	if err != nil {
		return t, fmt.Errorf("tally unanswered questions: %w", err)
	}
	return t, nil
}

// query runs a query and calls scan for each row.
func (s *Store) query(ctx context.Context, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
