package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"factline/bot/reviews"
	"factline/config"
)

// claimsLoader loads the imported collection of professional fact-checks from the store once
// it opens, and again on Reload, into the searcher the bot was given. Answering never waits for
// it: until the first load the collection finds nothing, and a failed reload keeps the
// collection already loaded. A reload in place (claims.reload_in_place; by default when the
// loaded collection and a second one being built would not fit under the memory limit) drops
// the loaded collection first, so that the two are never in memory together: until the new one
// is indexed the collection finds nothing, and if it fails to load, nothing is kept.
type claimsLoader struct {
	cfg     config.Config
	opener  *storeOpener
	current *reviews.Current
	mem     *softLimit // nil: no limit
	reload  chan struct{}
	log     *slog.Logger
	version string // of the collection last loaded
	// baseline is the live heap when no collection was loaded, and cost what the loaded one
	// added to it, in bytes: what a second collection being built is expected to need.
	baseline, cost int64
}

func newClaimsLoader(cfg config.Config, opener *storeOpener, current *reviews.Current, mem *softLimit, log *slog.Logger) *claimsLoader {
	return &claimsLoader{cfg: cfg, opener: opener, current: current, mem: mem, reload: make(chan struct{}, 1), log: log}
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
	if l.current.Len() > 0 && l.inPlace() {
		l.dropCurrent()
	}
	if l.current.Len() == 0 {
		// Nothing loaded: what the heap holds now is everything but a collection.
		runtime.GC()
		l.baseline = liveHeap()
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
	live := liveHeap()
	l.cost = max(0, live-l.baseline)
	l.mem.cover(live)
	l.log.Info("professional fact-checks loaded", "stored", stored, "answering", l.current.Len(), "took", time.Since(start).Round(time.Millisecond), "heap_mb", live>>20)
}

// inPlace says whether a reload drops the loaded collection before reading the new one. Auto
// does when the live heap, plus a second collection as large as the loaded one and half as
// much again for the garbage of building it, would not fit under the memory limit: with the
// two in memory the collector could not keep under it, and would run all the time trying.
func (l *claimsLoader) inPlace() bool {
	switch l.cfg.Claims.ReloadInPlace {
	case config.On:
		return true
	case config.Off:
		return false
	}
	return !l.mem.fits(liveHeap(), l.cost+l.cost/2)
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
	l.log.Info("reloading the professional fact-checks in place: they answer nothing until indexed (claims.reload_in_place)", "dropped", dropped, "setting", l.cfg.Claims.ReloadInPlace)
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
