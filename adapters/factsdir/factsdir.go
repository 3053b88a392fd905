// Package factsdir watches a fact-base folder on disk and reloads it when its files change or
// when asked (SIGHUP), so organizers can publish an edit without restarting the bot.
package factsdir

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"time"
)

// Watcher polls a folder and calls Load with its files whenever their names, sizes or
// modification times change. Polling, rather than inotify, also sees edits on network and
// container-mounted volumes, and a fact base is small enough to fingerprint every few seconds.
type Watcher struct {
	dir   string
	every time.Duration
	load  func(fs.FS) error
	log   *slog.Logger
	kick  chan struct{}
}

// New returns a Watcher of dir; every is the polling interval (0: reload only on Reload). Load is
// called with the folder's files and returns an error when the base was refused; it is never
// called concurrently.
func New(dir string, every time.Duration, load func(fs.FS) error, log *slog.Logger) *Watcher {
	return &Watcher{dir: dir, every: every, load: load, log: log, kick: make(chan struct{}, 1)}
}

// Reload asks Run to reload now, whatever the files' state.
func (w *Watcher) Reload() {
	select {
	case w.kick <- struct{}{}:
	default: // a reload is already pending
	}
}

// Run watches until ctx ends. The base already serving is the one on disk when Run starts.
func (w *Watcher) Run(ctx context.Context) error {
	last, err := fingerprint(w.dir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	var tick <-chan time.Time
	if w.every > 0 {
		t := time.NewTicker(w.every)
		defer t.Stop()
		tick = t.C
	}
	for {
		forced := false
		select {
		case <-ctx.Done():
			return nil
		case <-tick:
		case <-w.kick:
			forced = true
		}
		fp, err := fingerprint(w.dir)
		if err != nil {
			w.log.Error("cannot read the fact-base folder; still serving the previous base", "dir", w.dir, "err", err)
			continue
		}
		if fp == last && !forced {
			continue
		}
		last = fp
		if err := w.load(os.DirFS(w.dir)); err != nil {
			w.log.Error("fact base refused; still serving the previous base", "dir", w.dir, "err", err)
			continue
		}
		w.log.Info("fact base reloaded", "dir", w.dir)
	}
}

// fingerprint hashes the names, sizes and modification times of every file under dir.
func fingerprint(dir string) ([32]byte, error) {
	h := sha256.New()
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, err
}
