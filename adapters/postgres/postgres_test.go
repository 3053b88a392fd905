package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"factline/bot"
	"factline/bot/storetest"
)

// testURL returns a URL of a database of its own for t: a fresh schema of the server named by
// FACTLINE_TEST_DATABASE_URL (.ci/run starts one), dropped when t ends.
func testURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("FACTLINE_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("FACTLINE_TEST_DATABASE_URL is not set: no PostgreSQL to test against (.ci/run starts one; " +
			"or set it to postgres://user@/db?host=/socket/dir)")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("FACTLINE_TEST_DATABASE_URL: %v", err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "factline_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

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
		New: func(t *testing.T) storetest.Store { return open(t, testURL(t), "") },
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

func version(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.pool.QueryRow(context.Background(), `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrateFromEmpty(t *testing.T) {
	if v := version(t, open(t, testURL(t), "")); v != 2 {
		t.Errorf("schema version %d, want 2", v)
	}
}

// TestMigrateFromPreviousVersion sets up a database at schema version 1 with data in it;
// opening it applies version 2 and keeps the data.
func TestMigrateFromPreviousVersion(t *testing.T) {
	ctx := context.Background()
	dbURL := testURL(t)
	old := open(t, dbURL, "")
	if _, err := old.pool.Exec(ctx, `DROP TABLE unanswered, meta, schema_migrations`); err != nil {
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
	if v := version(t, s); v != 2 {
		t.Errorf("after upgrade: version %d, want 2", v)
	}
	if got, err := s.ChatSettings(ctx, "key"); err != nil || got.Lang != "fr" {
		t.Errorf("settings after upgrade: %+v, %v", got, err)
	}
	if err := s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "x"}}); err != nil {
		t.Errorf("version 2 cannot store unanswered questions: %v", err)
	}
}

// TestReplicasMigrateTogether starts several replicas on one new database at once: the advisory
// lock makes them take turns, so each migration runs once and none fails.
func TestReplicasMigrateTogether(t *testing.T) {
	dbURL := testURL(t)
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
	if err := s.pool.QueryRow(context.Background(), `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows in schema_migrations (%v), want 2", n, err)
	}
}

func TestFingerprint(t *testing.T) {
	dbURL := testURL(t)
	open(t, dbURL, "aaaa").Close()
	open(t, dbURL, "aaaa").Close()
	s := New(Options{URL: dbURL, Fingerprint: "bbbb"})
	defer s.Close()
	if err := s.Open(context.Background()); !errors.Is(err, bot.ErrOtherSecret) {
		t.Errorf("a replica with another secret opened with %v, want ErrOtherSecret", err)
	}
}
