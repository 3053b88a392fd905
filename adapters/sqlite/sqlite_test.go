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
	if v := version(t, s); v != 2 {
		t.Errorf("schema version %d, want 2", v)
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
// left it, with data in it; opening it applies version 2 and keeps the data.
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
	if v := version(t, s); v != 2 {
		t.Errorf("after upgrade: version %d, want 2", v)
	}
	if got, err := s.ChatSettings(ctx, "key"); err != nil || got.Lang != "fr" {
		t.Errorf("settings after upgrade: %+v, %v", got, err)
	}
	if err := s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "x"}}); err != nil {
		t.Errorf("version 2 cannot store unanswered questions: %v", err)
	}
	s.Close()
	if v := version(t, open(t, path, "")); v != 2 {
		t.Errorf("reopening changed the version to %d", v)
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
	if v := version(t, open(t, path, "")); v != 2 {
		t.Errorf("version %d, want 2", v)
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
// answers at once (what it records waits in memory), gives up a flush after its store timeout
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
	if obs.n.Load() != 2 { // the answer counts and the question
		t.Errorf("%d failed writes counted, want 2", obs.n.Load())
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
