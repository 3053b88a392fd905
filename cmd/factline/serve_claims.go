package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"factline/bot/reviews"
	"factline/config"
)

// claimsLoader loads the imported collection of professional fact-checks from the store once
// it opens, and again on Reload, into the searcher the bot was given. Answering never waits for
// it: until the first load the collection finds nothing, and a failed reload keeps the
// collection already loaded. With claims.reload_in_place, a reload of a changed collection
// drops the loaded one first, so that the two are never in memory together: until the new one
// is indexed the collection finds nothing, and if it fails to load, nothing is kept.
type claimsLoader struct {
	cfg     config.Config
	opener  *storeOpener
	current *reviews.Current
	reload  chan struct{}
	log     *slog.Logger
	version string // of the collection last loaded
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
	st := l.opener.store()
	// A fact base that reloads as curators edit it asks for a reload every time: reading and
	// indexing an unchanged collection again (seconds of work, twice the memory meanwhile)
	// is skipped.
	version, err := st.ReviewsVersion(ctx)
	if err == nil && version == l.version {
		return
	}
	// In place, the loaded collection goes before the new one is read (also when the store's
	// version could not be read: the collection is read again then anyway).
	if l.cfg.Claims.ReloadInPlace && l.current.Len() > 0 {
		l.dropCurrent()
	}
	rs, err := st.Reviews(ctx, reviews.Filter{})
	if err != nil {
		if ctx.Err() == nil {
			l.log.Warn("the professional fact-checks were not loaded; keeping the ones loaded before", "err", err, "kept", l.current.Len())
		}
		return
	}
	stored := len(rs)
	ix, err := reviews.New(rs, indexOptions(l.cfg)...)
	if err != nil {
		l.log.Warn("the professional fact-checks were not indexed; keeping the ones loaded before", "err", err, "kept", l.current.Len())
		return
	}
	l.current.Set(ix)
	l.version = version
	rs, ix = nil, nil
	// Building the index leaves as much garbage as the index itself (the analysis of every
	// review, the rows read): collect it and return it to the system now rather than let the
	// heap double before the next collection. For 200,000 reviews, resident memory after a load
	// was 550 MB without this, 370 MB with it.
	debug.FreeOSMemory()
	l.log.Info("professional fact-checks loaded", "stored", stored, "answering", l.current.Len(), "took", time.Since(start).Round(time.Millisecond))
}

// dropCurrent empties the searcher and gives the memory of its index back before a reload in
// place, so that the reload's peak is the first load's (at 200,000 reviews, an index and the
// garbage of building another do not fit in 400 MB).
func (l *claimsLoader) dropCurrent() {
	dropped := l.current.Len()
	l.current.Set(nil)
	l.version = "" // nothing is loaded: whatever the store holds next is read
	// Collected now, the old index's memory is reused by the new one; left to the collector's
	// pace, the heap would first grow to twice the old index.
	debug.FreeOSMemory()
	l.log.Info("reloading the professional fact-checks in place: they answer nothing until indexed (claims.reload_in_place)", "dropped", dropped)
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
