package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"factline/bot"
	"factline/bot/storetest"
	"factline/facts/factstest"
)

func open(t *testing.T, path, fingerprint string) *Store {
	t.Helper()
	s := New(Options{Path: path, Fingerprint: fingerprint})
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		New: func(t *testing.T) storetest.Store {
			return open(t, filepath.Join(t.TempDir(), "factline.db"), "")
		},
		Second: func(t *testing.T, s storetest.Store) storetest.Store {
			return open(t, s.(*Store).opts.Path, "")
		},
		Dump: func(t *testing.T, s storetest.Store) []string {
			return dump(t, s.(*Store).db)
		},
	})
}

// dump reads every column of every row of every table.
func dump(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var out []string
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				out = append(out, fmt.Sprintf("%s.%s=%v", table, cols[i], v))
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
	if err := s.db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrateFromEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "factline")
	path := filepath.Join(dir, "factline.db")
	s := open(t, path, "")
	if v := version(t, s); v != schemaVersion {
		t.Errorf("schema version %d, want %d", v, schemaVersion)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, st.Mode().Perm(), want)
		}
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q (%v), want wal", mode, err)
	}
}

// TestMigrateFromPreviousVersion sets up a database at schema version 1, as the first release
// left it, with data in it; opening it applies versions 2 and 3 and keeps the data.
func TestMigrateFromPreviousVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.db")
	ctx := context.Background()
	old := New(Options{Path: path})
	if err := createPrivate(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	old.db = db
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

	s := open(t, path, "")
	if v := version(t, s); v != schemaVersion {
		t.Errorf("after upgrade: version %d, want %d", v, schemaVersion)
	}
	if got, err := s.ChatSettings(ctx, "key"); err != nil || got.Lang != "fr" {
		t.Errorf("settings after upgrade: %+v, %v", got, err)
	}
	if err := s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "x"}}); err != nil {
		t.Errorf("the new version cannot store unanswered questions: %v", err)
	}
	s.Close()
	if v := version(t, open(t, path, "")); v != schemaVersion {
		t.Errorf("reopening changed the version to %d", v)
	}
}

// TestMigrateFeedbackToCounts sets up a database at schema version 2, where each feedback was a
// row as sent, with a flood in it: opening it folds the rows into counts, drops the rows whose
// language field no fact base has (an e-mail address in a 16 KB field), and cuts long reasons.
func TestMigrateFeedbackToCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.db")
	ctx := context.Background()
	old := New(Options{Path: path})
	if err := createPrivate(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	old.db = db
	if err := old.migrate(ctx, 2); err != nil {
		t.Fatal(err)
	}
	insert := func(n int, myth string, helpful bool, reason, lang string) {
		t.Helper()
		for range n {
			if _, err := db.Exec(`INSERT INTO feedback (day, myth_id, helpful, reason, surface, lang) VALUES ('2026-11-30', ?, ?, ?, 'web', ?)`,
				myth, helpful, reason, lang); err != nil {
				t.Fatal(err)
			}
		}
	}
	insert(500, "housing", true, "", "en")
	insert(3, "housing", false, "", "fr")
	insert(2, "jobs", false, strings.Repeat("too long ", 100), "en")
	insert(50, "jobs", true, "", "amira.h@example.org +1 416 555 0199 "+strings.Repeat("x", 16<<10))
	old.Close()

	s := open(t, path, "")
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
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM feedback`).Scan(&rows); err != nil || rows != 3 {
		t.Errorf("%d feedback rows (%v), want 3", rows, err)
	}
	for _, v := range dump(t, s.db) {
		if strings.Contains(v, "amira") || strings.Contains(v, "555 0199") {
			t.Errorf("the upgraded database still holds %.60q", v)
		}
	}
}

// TestConcurrentOpen opens one new file from several goroutines at once, as several processes
// starting together would: the migrations run once.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.db")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := New(Options{Path: path})
			errs <- s.Open(context.Background())
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if v := version(t, open(t, path, "")); v != schemaVersion {
		t.Errorf("version %d, want %d", v, schemaVersion)
	}
}

func TestFingerprint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.db")
	open(t, path, "aaaa").Close()
	open(t, path, "aaaa").Close()
	s := New(Options{Path: path, Fingerprint: "bbbb"})
	defer s.Close()
	if err := s.Open(context.Background()); !errors.Is(err, bot.ErrOtherSecret) {
		t.Errorf("a store set up with one secret opened with another: %v, want ErrOtherSecret", err)
	}
}

// TestLockedStoreDoesNotHoldAnswers: another process holds the database's write lock. The bot
// answers and takes votes at once (what it records waits in memory), gives up a flush after its store timeout
// rather than the busy timeout, and keeps what it could not flush until the lock is gone.
func TestLockedStoreDoesNotHoldAnswers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "factline.db")
	s := open(t, path, "")
	other := open(t, path, "")
	tx, err := other.db.BeginTx(ctx, nil) // _txlock=immediate: takes the write lock now
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	obs := &errorCount{}
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Store: s, StoreTimeout: 2 * time.Second, Observer: obs, KeepUnanswered: true})
	const votes = 10
	for i := range votes {
		start := time.Now()
		if err := b.Feedback(ctx, bot.Feedback{MythID: "jobs", Helpful: i%2 == 0, Lang: "en", Surface: bot.SurfaceWeb}); err != nil {
			t.Fatalf("feedback with the store locked: %v", err)
		}
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Fatalf("a vote took %v with a locked store", elapsed)
		}
	}
	for _, text := range []string{"they take our jobs", "why are there so many potholes on my street"} {
		start := time.Now()
		ans, err := b.Ask(ctx, bot.Request{Text: text, Lang: "en", Surface: bot.SurfaceWeb})
		elapsed := time.Since(start)
		if err != nil {
			t.Fatalf("no answer with the store locked: %+v, %v", ans, err)
		}
		t.Logf("%s in %v", ans.Outcome, elapsed)
		if elapsed > time.Second { // waiting for the store would take its 2 s timeout
			t.Errorf("answering took %v with a locked store", elapsed)
		}
	}
	start := time.Now()
	if err := b.Flush(ctx); err == nil {
		t.Fatal("flushed into a locked database")
	}
	if elapsed := time.Since(start); elapsed > 4*time.Second { // the busy timeout is 5 s
		t.Errorf("a flush took %v with a locked store, want about the 2 s store timeout", elapsed)
	}
	if obs.n.Load() != 3 { // the answer counts, the feedback and the question
		t.Errorf("%d failed writes counted, want 3", obs.n.Load())
	}

	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatalf("flush once the lock is gone: %v", err)
	}
	tally, err := s.Tally(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tally.Answers) != 2 || tally.Answers[0].Count+tally.Answers[1].Count != 2 {
		t.Errorf("answer counts after the lock: %+v, want the two answers", tally.Answers)
	}
	if fb := tally.Feedback; len(fb) != 2 || fb[0].Count+fb[1].Count != votes {
		t.Errorf("feedback after the lock: %+v, want the %d votes", fb, votes)
	}
	if len(tally.Unanswered) != 1 || !strings.Contains(tally.Unanswered[0].Text, "potholes") {
		t.Errorf("unanswered questions after the lock: %+v, want the potholes", tally.Unanswered)
	}
}

// errorCount counts store errors.
type errorCount struct{ n atomic.Int64 }

func (o *errorCount) ObserveAnswer(bot.Surface, bot.Outcome, time.Duration) {}
func (o *errorCount) ObserveReload(bool)                                    {}
func (o *errorCount) ObserveFallback(string)                                {}
func (o *errorCount) ObserveStoreError(string)                              { o.n.Add(1) }
