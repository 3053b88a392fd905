package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"factline/bot"
)

// RecordAnswers adds the answer counts in one transaction.
func (s *Store) RecordAnswers(ctx context.Context, counts []bot.AnswerEvents) error {
	return s.execEach(ctx, "record answers", `INSERT INTO answers (day, myth_id, outcome, surface, lang, count) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (day, myth_id, outcome, surface, lang) DO UPDATE SET count = answers.count + excluded.count`,
		len(counts), func(i int) []any {
			c := counts[i]
			return []any{day(c.Day), c.MythID, string(c.Outcome), string(c.Surface), c.Lang, c.N}
		})
}

// execEach runs query once with the arguments of each of n rows, sent as one batch in one
// transaction.
func (s *Store) execEach(ctx context.Context, what, query string, n int, args func(i int) []any) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for i := range n {
			batch.Queue(query, args(i)...)
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// RecordFeedback adds the feedback counts in one transaction.
func (s *Store) RecordFeedback(ctx context.Context, counts []bot.FeedbackEvents) error {
	return s.execEach(ctx, "record feedback", `INSERT INTO feedback (day, myth_id, helpful, reason, surface, lang, count) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (day, myth_id, helpful, surface, lang, reason) DO UPDATE SET count = feedback.count + excluded.count`,
		len(counts), func(i int) []any {
			f := counts[i]
			return []any{day(f.Day), f.MythID, f.Helpful, f.Reason, string(f.Surface), f.Lang, f.N}
		})
}

// RecordUnanswered keeps the scrubbed unanswered questions in one transaction.
func (s *Store) RecordUnanswered(ctx context.Context, qs []bot.UnansweredQuestion) error {
	return s.execEach(ctx, "record unanswered questions", `INSERT INTO unanswered (day, lang, surface, text, chosen, declined) VALUES ($1, $2, $3, $4, $5, $6)`,
		len(qs), func(i int) []any {
			q := qs[i]
			return []any{day(q.Day), q.Lang, string(q.Surface), q.Text, q.Chosen, q.Declined}
		})
}

// ChatSettings returns the settings stored under key, the zero value when there are none.
func (s *Store) ChatSettings(ctx context.Context, key string) (bot.ChatSettings, error) {
	var cs bot.ChatSettings
	err := s.pool.QueryRow(ctx, `SELECT lang, auto FROM chat_settings WHERE chat_key = $1`, key).Scan(&cs.Lang, &cs.Auto)
	if errors.Is(err, pgx.ErrNoRows) {
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
		_, err = s.pool.Exec(ctx, `DELETE FROM chat_settings WHERE chat_key = $1`, key)
	} else {
		_, err = s.pool.Exec(ctx, `INSERT INTO chat_settings (chat_key, lang, auto, updated) VALUES ($1, $2, $3, CURRENT_DATE)
			ON CONFLICT (chat_key) DO UPDATE SET lang = excluded.lang, auto = excluded.auto, updated = excluded.updated`,
			key, cs.Lang, cs.Auto)
	}
	if err != nil {
		return fmt.Errorf("save chat settings: %w", err)
	}
	return nil
}

// ForgetChat deletes the settings stored under key.
func (s *Store) ForgetChat(ctx context.Context, key string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM chat_settings WHERE chat_key = $1`, key)
	if err != nil {
		return false, fmt.Errorf("forget chat: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// Purge deletes the answer counts, feedback and unanswered questions of days before before.
func (s *Store) Purge(ctx context.Context, before time.Time) (bot.Purged, error) {
	var p bot.Purged
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, t := range []struct {
			table string
			n     *int64
		}{{"answers", &p.Answers}, {"feedback", &p.Feedback}, {"unanswered", &p.Unanswered}} {
			tag, err := tx.Exec(ctx, `DELETE FROM `+t.table+` WHERE day < $1`, day(before))
			if err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
			*t.n = tag.RowsAffected()
		}
		return nil
	})
	if err != nil {
		return bot.Purged{}, fmt.Errorf("purge: %w", err)
	}
	return p, nil
}

// Tally returns what was stored on or after the day of since.
func (s *Store) Tally(ctx context.Context, since time.Time) (bot.Tally, error) {
	var t bot.Tally
	from := day(since)
	err := s.query(ctx, `SELECT myth_id, outcome, surface, lang, SUM(count)::bigint FROM answers WHERE day >= $1
		GROUP BY myth_id, outcome, surface, lang`, []any{from}, func(rows pgx.Rows) error {
		var a bot.AnswerCount
		var outcome, surface string
		err := rows.Scan(&a.MythID, &outcome, &surface, &a.Lang, &a.Count)
		a.Outcome, a.Surface = bot.Outcome(outcome), bot.Surface(surface)
		t.Answers = append(t.Answers, a)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("tally answers: %w", err)
	}
	err = s.query(ctx, `SELECT myth_id, helpful, SUM(count)::bigint FROM feedback WHERE day >= $1 GROUP BY myth_id, helpful`,
		[]any{from}, func(rows pgx.Rows) error {
			var f bot.FeedbackCount
			err := rows.Scan(&f.MythID, &f.Helpful, &f.Count)
			t.Feedback = append(t.Feedback, f)
			return err
		})
	if err != nil {
		return t, fmt.Errorf("tally feedback: %w", err)
	}
	err = s.query(ctx, `SELECT day, myth_id, helpful, reason, surface, lang FROM feedback WHERE day >= $1 AND reason <> ''
		ORDER BY day DESC LIMIT $2`, []any{from, bot.MaxReasons}, func(rows pgx.Rows) error {
		var f bot.FeedbackEvent
		var surface string
		err := rows.Scan(&f.Day, &f.MythID, &f.Helpful, &f.Reason, &surface, &f.Lang)
		f.Surface = bot.Surface(surface)
		t.Reasons = append(t.Reasons, f)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("tally feedback reasons: %w", err)
	}
	err = s.query(ctx, `SELECT day, lang, surface, text, chosen, declined FROM unanswered WHERE day >= $1 ORDER BY day DESC LIMIT $2`,
		[]any{from, bot.MaxUnanswered}, func(rows pgx.Rows) error {
			var q bot.UnansweredQuestion
			var surface string
			err := rows.Scan(&q.Day, &q.Lang, &surface, &q.Text, &q.Chosen, &q.Declined)
			q.Surface = bot.Surface(surface)
			t.Unanswered = append(t.Unanswered, q)
			return err
		})
	if err != nil {
		return t, fmt.Errorf("tally unanswered questions: %w", err)
	}
	return t, nil
}

// query runs a query and calls scan for each row.
func (s *Store) query(ctx context.Context, q string, args []any, scan func(pgx.Rows) error) error {
	rows, err := s.pool.Query(ctx, q, args...)
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
