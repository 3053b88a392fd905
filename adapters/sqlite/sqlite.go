// Package sqlite implements bot.Store and bot.Archive in a single SQLite file (modernc.org/sqlite:
// pure Go, no cgo), the default store: nothing to install or configure.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"factline/adapters/internal/migrate"
	"factline/bot"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
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

// Options configure a Store.
type Options struct {
	// Path is the database file; its folder is created (0700) if missing, the file with 0600.
	Path string
	// Fingerprint is bot.SecretFingerprint of the install secret. The first Open records it;
	// later ones refuse a different one, whose chat keys would match no stored settings.
	// "" skips the check.
	Fingerprint string
	// BusyTimeout is how long a write waits for another connection's lock; 0 means 5s.
	BusyTimeout time.Duration
}

// Store is a SQLite database of answer counts, feedback, unanswered questions and chat settings.
// It is safe for concurrent use, and several processes may share one file.
type Store struct {
	opts Options
	db   *sql.DB
}

// New returns a Store for opts; it does no I/O until Open.
func New(opts Options) *Store {
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	return &Store{opts: opts}
}

// Open creates the file if needed, applies the pending migrations and checks the secret's
// fingerprint.
func (s *Store) Open(ctx context.Context) error {
	if err := createPrivate(s.opts.Path); err != nil {
		return err
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", s.opts.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Write transactions take the lock at BEGIN, so two writers wait on busy_timeout instead of
	// failing on a lock upgrade, and two processes migrating at once run one after the other.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+s.opts.Path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("open %s: %w", s.opts.Path, err)
	}
	s.db = db
	if err := s.migrateWhenFree(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", s.opts.Path, err)
	}
	if err := s.checkFingerprint(ctx); err != nil {
		return fmt.Errorf("%s: %w", s.opts.Path, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	return s.db.Close()
}

// createPrivate makes the database's folder and file readable by their owner only: the file
// holds what people asked. SQLite gives its -wal and -shm files the database file's mode.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	return f.Close()
}

// migrateWhenFree migrates, retrying while another process holds the database. A new file's first
// connections switch it to WAL, and SQLite answers SQLITE_BUSY to that switch without waiting on
// busy_timeout, so processes starting together retry for up to BusyTimeout.
func (s *Store) migrateWhenFree(ctx context.Context) error {
	deadline := time.Now().Add(s.opts.BusyTimeout)
	for {
		err := s.migrate(ctx, 0)
		var coded interface{ Code() int }
		if err == nil || !errors.As(err, &coded) || coded.Code()&0xff != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sqliteBusy is SQLITE_BUSY, the primary result code of "database is locked".
const sqliteBusy = 5

// migrate applies the embedded migrations up to version upTo (0: all) in one transaction.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	ms, err := migrate.Load(migrations)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return err
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("the database is at schema version %d, newer than this factline (%d): upgrade factline", current, len(ms))
	}
	for _, m := range ms[current:] {
		if upTo > 0 && m.Version > upTo {
			break
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %d %s: %w", m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *Store) checkFingerprint(ctx context.Context) error {
	if s.opts.Fingerprint == "" {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('secret_fingerprint', ?) ON CONFLICT (key) DO NOTHING`, s.opts.Fingerprint); err != nil {
		return fmt.Errorf("record secret fingerprint: %w", err)
	}
	var fp string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'secret_fingerprint'`).Scan(&fp); err != nil {
		return fmt.Errorf("read secret fingerprint: %w", err)
	}
	if fp != s.opts.Fingerprint {
		return bot.ErrOtherSecret
	}
	return nil
}
