package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"factline/adapters/postgres/pgtest"
	"factline/bot"
	"factline/bot/storetest"
)

func open(t *testing.T, dbURL, fingerprint string) *Store {
	t.Helper()
	s := New(Options{URL: dbURL, Fingerprint: fingerprint})
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		New: func(t *testing.T) storetest.Store { return open(t, pgtest.URL(t), "") },
		Second: func(t *testing.T, s storetest.Store) storetest.Store {
			return open(t, s.(*Store).opts.URL, "")
		},
		Dump: func(t *testing.T, s storetest.Store) []string { return dump(t, s.(*Store)) },
	})
}

// dump reads every column of every row of every table of the store's schema.
func dump(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.pool.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 5 {
		t.Fatalf("found only the tables %v", tables)
	}
	var out []string
	for _, table := range tables {
		rows, err := s.pool.Query(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				out = append(out, fmt.Sprintf("%s.%s=%v", table, rows.FieldDescriptions()[i].Name, v))
			}
		}
		rows.Close()
	}
	return out
}

// schemaVersion is the latest migration: an upgrade must reach it.
const schemaVersion = 5

func version(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.pool.QueryRow(context.Background(), `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrateFromEmpty(t *testing.T) {
	if v := version(t, open(t, pgtest.URL(t), "")); v != schemaVersion {
		t.Errorf("schema version %d, want %d", v, schemaVersion)
	}
}

// TestMigrateFromPreviousVersion sets up a database at schema version 1 with data in it;
// opening it applies versions 2 and 3 and keeps the data.
func TestMigrateFromPreviousVersion(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.URL(t)
	old := open(t, dbURL, "")
	if _, err := old.pool.Exec(ctx, `DROP TABLE unanswered, meta, schema_migrations, reviews`); err != nil {
		t.Fatal(err)
	}
	if _, err := old.pool.Exec(ctx, `DROP TABLE answers, feedback, chat_settings`); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if v := version(t, old); v != 1 {
		t.Fatalf("set-up at version %d, want 1", v)
	}
	if err := old.SaveChatSettings(ctx, "key", bot.ChatSettings{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	if err := old.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "x"}}); err == nil {
		t.Fatal("version 1 already stores unanswered questions: the test no longer tests an upgrade")
	}
	old.Close()

	s := open(t, dbURL, "")
	if v := version(t, s); v != schemaVersion {
		t.Errorf("after upgrade: version %d, want %d", v, schemaVersion)
	}
	if got, err := s.ChatSettings(ctx, "key"); err != nil || got.Lang != "fr" {
		t.Errorf("settings after upgrade: %+v, %v", got, err)
	}
	if err := s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "x"}}); err != nil {
		t.Errorf("the new version cannot store unanswered questions: %v", err)
	}
}

// TestMigrateFeedbackToCounts sets up a database at schema version 2, where each feedback was a
// row as sent, with a flood in it: opening it folds the rows into counts, drops the rows whose
// language field no fact base has (an e-mail address in a 16 KB field), and cuts long reasons.
func TestMigrateFeedbackToCounts(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.URL(t)
	old := open(t, dbURL, "")
	if _, err := old.pool.Exec(ctx, `DROP TABLE answers, feedback, chat_settings, unanswered, meta, schema_migrations, reviews`); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, 2); err != nil {
		t.Fatal(err)
	}
	insert := func(n int, myth string, helpful bool, reason, lang string) {
		t.Helper()
		if _, err := old.pool.Exec(ctx, `INSERT INTO feedback (day, myth_id, helpful, reason, surface, lang)
			SELECT '2026-11-30', $1, $2, $3, 'web', $4 FROM generate_series(1, $5)`, myth, helpful, reason, lang, n); err != nil {
			t.Fatal(err)
		}
	}
	insert(500, "housing", true, "", "en")
	insert(3, "housing", false, "", "fr")
	insert(2, "jobs", false, strings.Repeat("too long ", 1000), "en")
	insert(50, "jobs", true, "", "amira.h@example.org +1 416 555 0199 "+strings.Repeat("x", 16<<10))
	old.Close()

	s := open(t, dbURL, "")
	if v := version(t, s); v != schemaVersion {
		t.Fatalf("after upgrade: version %d, want %d", v, schemaVersion)
	}
	tally, err := s.Tally(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[bot.FeedbackCount]bool{}
	for _, c := range tally.Feedback {
		got[c] = true
	}
	for _, want := range []bot.FeedbackCount{{MythID: "housing", Helpful: true, Count: 500}, {MythID: "housing", Count: 3}, {MythID: "jobs", Count: 2}} {
		if !got[want] {
			t.Errorf("feedback after the upgrade %+v lacks %+v", tally.Feedback, want)
		}
	}
	if len(tally.Feedback) != 3 {
		t.Errorf("feedback after the upgrade %+v, want 3 counts: the flood's rows dropped", tally.Feedback)
	}
	if len(tally.Reasons) != 1 || len([]rune(tally.Reasons[0].Reason)) != bot.MaxReasonRunes {
		t.Errorf("reasons after the upgrade %+v, want one cut to %d characters", tally.Reasons, bot.MaxReasonRunes)
	}
	var rows int
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM feedback`).Scan(&rows); err != nil || rows != 3 {
		t.Errorf("%d feedback rows (%v), want 3", rows, err)
	}
	var leaked bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM feedback WHERE lang LIKE '%amira%')`).Scan(&leaked); err != nil || leaked {
		t.Errorf("the upgraded database still holds the address (%v)", err)
	}
}

// TestReplicasMigrateTogether starts several replicas on one new database at once: the advisory
// lock makes them take turns, so each migration runs once and none fails.
func TestReplicasMigrateTogether(t *testing.T) {
	dbURL := pgtest.URL(t)
	const replicas = 4
	var wg sync.WaitGroup
	errs := make(chan error, replicas)
	for range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := New(Options{URL: dbURL, Fingerprint: "same"})
			defer s.Close()
			errs <- s.Open(context.Background())
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, dbURL, "same")
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != schemaVersion {
		t.Errorf("%d rows in schema_migrations (%v), want %d", n, err, schemaVersion)
	}
}

func TestFingerprint(t *testing.T) {
	dbURL := pgtest.URL(t)
	open(t, dbURL, "aaaa").Close()
	open(t, dbURL, "aaaa").Close()
	s := New(Options{URL: dbURL, Fingerprint: "bbbb"})
	defer s.Close()
	if err := s.Open(context.Background()); !errors.Is(err, bot.ErrOtherSecret) {
		t.Errorf("a replica with another secret opened with %v, want ErrOtherSecret", err)
	}
}
