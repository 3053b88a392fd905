package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"factline/bot/reviews"
	"factline/config"
)

// claimsLoader loads the imported collection of professional fact-checks from the store once
// it opens, and again on Reload, into the searcher the bot was given. Answering never waits for
// it: until the first load the collection finds nothing, and a failed reload keeps the
// collection already loaded.
type claimsLoader struct {
	cfg     config.Config
	opener  *storeOpener
	current *reviews.Current
	reload  chan struct{}
	log     *slog.Logger
}

func newClaimsLoader(cfg config.Config, opener *storeOpener, current *reviews.Current, log *slog.Logger) *claimsLoader {
	return &claimsLoader{cfg: cfg, opener: opener, current: current, reload: make(chan struct{}, 1), log: log}
}

// Reload asks for the collection to be read again (after an import, on SIGHUP); requests made
// while one is pending are one.
func (l *claimsLoader) Reload() {
	select {
	case l.reload <- struct{}{}:
	default:
	}
}

// Run waits for the store, loads the collection, then reloads it on request until ctx ends.
func (l *claimsLoader) Run(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case <-l.opener.ready:
	}
	for {
		l.load(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-l.reload:
		}
	}
}

// load reads and indexes the collection and swaps it in; a failure is logged and the previous
// collection kept, as a broken fact base is on reload.
func (l *claimsLoader) load(ctx context.Context) {
	start := time.Now()
	rs, err := l.opener.store().Reviews(ctx, reviews.Filter{})
	if err != nil {
		if ctx.Err() == nil {
			l.log.Warn("the professional fact-checks were not loaded; keeping the ones loaded before", "err", err, "kept", l.current.Len())
		}
		return
	}
	ix, err := reviews.New(rs, indexOptions(l.cfg)...)
	if err != nil {
		l.log.Warn("the professional fact-checks were not indexed; keeping the ones loaded before", "err", err, "kept", l.current.Len())
		return
	}
	l.current.Set(ix)
	l.log.Info("professional fact-checks loaded", "stored", len(rs), "answering", ix.Len(), "took", time.Since(start).Round(time.Millisecond))
}

// loadCollection reads and indexes the imported fact-checks for a one-off command (ask), or
// returns nil when no store was ever set up there: ask needs none, and must not create one.
func loadCollection(ctx context.Context, cfg config.Config) (*reviews.Index, error) {
	if cfg.Store.DatabaseURL == "" {
		if cfg.Store.DataDir == "" {
			return nil, nil
		}
		if _, err := os.Stat(filepath.Join(cfg.Store.DataDir, sqliteFile)); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	s, err := openReviews(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	rs, err := s.Reviews(ctx, reviews.Filter{})
	if err != nil {
		return nil, err
	}
	return reviews.New(rs, indexOptions(cfg)...)
}
