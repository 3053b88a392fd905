package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"factline/adapters/postgres"
	"factline/adapters/sqlite"
	"factline/bot"
	"factline/bot/reviews"
	"factline/config"
)

// store is a store adapter as the commands use it.
type store interface {
	bot.Store
	bot.Archive
	reviews.Store
	Close() error
}

// errNoDataDir: there is nowhere to keep the database and the install secret.
var errNoDataDir = errors.New("no data folder: set FACTLINE_DATA_DIR (or HOME or XDG_DATA_HOME)")

// sqliteFile is the SQLite database in the data folder.
const sqliteFile = "factline.db"

// secretFile holds the install secret chat keys are HMACed with.
const secretFile = "secret"

// loadSecret reads the install secret from dir, creating dir (0700) and the secret (0600) on
// first run. The secret stays out of the database, so a copy of the database alone cannot tell
// which chat a key belongs to.
func loadSecret(dir string) ([]byte, error) {
	path := filepath.Join(dir, secretFile)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	secret, err := readSecret(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return secret, err
	}
	if secret, err = bot.NewSecret(); err != nil {
		return nil, err
	}
	// O_EXCL: when two processes start on a fresh folder, one writes and the other reads its secret.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readSecret(path)
	}
	if err != nil {
		return nil, fmt.Errorf("create install secret: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(secret) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("write install secret %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("write install secret %s: %w", path, err)
	}
	return secret, nil
}

func readSecret(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(secret) < bot.SecretSize {
		return nil, fmt.Errorf("install secret %s: not %d hex-encoded bytes; restore it from a backup, or delete it to start afresh (chat settings are then lost)", path, bot.SecretSize)
	}
	return secret, nil
}

// openStore opens the configured store, SQLite in the data folder unless a PostgreSQL URL is
// set, and returns it with the install secret.
func openStore(ctx context.Context, cfg config.Config) (store, []byte, error) {
	secret, err := storeSecret(cfg)
	if err != nil {
		return nil, nil, err
	}
	s, err := openDatabase(ctx, cfg, secret)
	if err != nil {
		return nil, nil, err
	}
	return s, secret, nil
}

// storeSecret reads (or makes) the install secret of the configured data folder.
func storeSecret(cfg config.Config) ([]byte, error) {
	if cfg.Store.DataDir == "" {
		return nil, errNoDataDir
	}
	return loadSecret(cfg.Store.DataDir)
}

// openDatabase opens the configured database, checking that it was set up with secret.
func openDatabase(ctx context.Context, cfg config.Config, secret []byte) (store, error) {
	fp := bot.SecretFingerprint(secret)
	if cfg.Store.DatabaseURL != "" {
		s := postgres.New(postgres.Options{URL: cfg.Store.DatabaseURL, Fingerprint: fp})
		if err := s.Open(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("PostgreSQL store: %w", err)
		}
		return s, nil
	}
	s := sqlite.New(sqlite.Options{Path: filepath.Join(cfg.Store.DataDir, sqliteFile), Fingerprint: fp})
	if err := s.Open(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("SQLite store: %w", err)
	}
	return s, nil
}

func cmdForget(e env, args []string) error {
	f := newFlags(e, "forget", "--chat KEY", "Delete a chat's stored settings (language, auto mode). The key is the surface and the\n"+
		"platform's chat id: telegram:-100123 for a Telegram group, discord:guild:123 for a Discord server\n"+
		"(discord:channel:123 outside servers).\n"+
		"factline stores only an HMAC of it, computed the same way here.")
	chat := f.String("chat", "", "chat `key`, e.g. telegram:-100123 or discord:guild:123456789")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if !strings.Contains(*chat, ":") || len(pos) > 0 {
		return usageError("give the chat as --chat KEY, surface and id, e.g. factline forget --chat telegram:-100123")
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, secret, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	found, err := s.ForgetChat(ctx, bot.ChatKey(secret, *chat))
	if err != nil {
		return err
	}
	if !found {
		_, err = fmt.Fprintf(e.stdout, "No settings stored for %s: nothing to delete.\n", *chat)
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Deleted the settings of %s. A running factline serve keeps them in memory until it restarts.\n", *chat)
	return err
}

func cmdPurge(e env, args []string) error {
	f := newFlags(e, "purge", "", "Delete the answer counts, feedback and unanswered questions older than the retention\n"+
		"(FACTLINE_RETENTION, 30d by default). factline serve also does this every hour.")
	if _, err := f.parse(args); err != nil {
		return err
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, _, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	p := bot.NewPurger(s, bot.PurgerOptions{Retention: cfg.Store.Retention.D()})
	n, err := p.Purge(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Purged what is older than %s: %d answer counts, %d feedbacks, %d unanswered questions.\n",
		p.Cutoff().Format("2006-01-02"), n.Answers, n.Feedback, n.Unanswered)
	return err
}
