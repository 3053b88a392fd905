// Package pgtest gives tests a PostgreSQL database of their own: a fresh schema on the server
// named by FACTLINE_TEST_DATABASE_URL (.ci/run starts one), dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env is the environment variable that names the server tests may use, as a PostgreSQL URL.
const Env = "FACTLINE_TEST_DATABASE_URL"

// URL returns a URL of a database of its own for t on the server named by Env, and skips t
// when Env is not set.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " is not set: no PostgreSQL to test against (.ci/run starts one; " +
			"or set it to postgres://user@/db?host=/socket/dir)")
	}
	return SchemaURL(t, base)
}

// SchemaURL returns base with a fresh schema of its own as search path, dropped when t ends.
func SchemaURL(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	defer admin.Close(ctx)
	schema := "factline_test_" + hex.EncodeToString(randomBytes(6))
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

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand's documented contract since Go 1.24)
	return b
}
