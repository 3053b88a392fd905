// Package postgres implements bot.Store and bot.Archive in PostgreSQL (github.com/jackc/pgx/v5),
// for installs that run several replicas or already operate a database.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"factline/adapters/internal/migrate"
	"factline/bot"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are the schema's versions, 0001_init.sql onwards.
var migrations = func() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // a constant, valid path: cannot happen
	}
	return sub
}()

// migrationLock is the pg_advisory_lock key that serializes migrations between replicas.
const migrationLock int64 = 0x66616374_6c696e65 // "factline"

// Options configure a Store.
type Options struct {
	// URL is a postgres:// connection URL. Parameters pgx does not know, such as search_path,
	// are sent to the server as settings.
	URL string
	// Fingerprint is bot.SecretFingerprint of the install secret. The first Open records it;
	// later ones (other replicas) refuse a different one. "" skips the check.
	Fingerprint string
}

// Store is a PostgreSQL database of answer counts, feedback, unanswered questions and chat
// settings. It is safe for concurrent use, and replicas may share one database.
type Store struct {
	opts Options
	pool *pgxpool.Pool
}

// New returns a Store for opts; it does no I/O until Open.
func New(opts Options) *Store { return &Store{opts: opts} }

// Open connects, applies the pending migrations under an advisory lock and checks the secret's
// fingerprint.
func (s *Store) Open(ctx context.Context) error {
	cfg, err := pgxpool.ParseConfig(s.opts.URL)
	if err != nil {
		return fmt.Errorf("database URL: %w", err) // pgx leaves the password out of its errors
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	s.pool = pool
	if err := s.migrate(ctx, 0); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.checkFingerprint(ctx)
}

// Close closes the connections.
func (s *Store) Close() error {
	if s.pool != nil {
		s.pool.Close()
	}
	return nil
}

// migrate applies the embedded migrations up to version upTo (0: all). Replicas starting
// together take turns on an advisory lock, so each version is applied once; each version
// commits with its row in schema_migrations, so a failure leaves a consistent version.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := migrate.Load(migrations)
	if err != nil {
		return err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	var current int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("the database is at schema version %d, newer than this factline (%d): upgrade factline", current, len(ms))
	}
	for _, m := range ms[current:] {
		if upTo > 0 && m.Version > upTo {
			break
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d %s: %w", m.Version, m.Name, err)
		}
	}
	return nil
}

func (s *Store) checkFingerprint(ctx context.Context) error {
	if s.opts.Fingerprint == "" {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('secret_fingerprint', $1) ON CONFLICT (key) DO NOTHING`, s.opts.Fingerprint); err != nil {
		return fmt.Errorf("record secret fingerprint: %w", err)
	}
	var fp string
	if err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'secret_fingerprint'`).Scan(&fp); err != nil {
		return fmt.Errorf("read secret fingerprint: %w", err)
	}
	if fp != s.opts.Fingerprint {
		return bot.ErrOtherSecret
	}
	return nil
}

// day is the date of t in UTC, as PostgreSQL's DATE stores it.
func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }
