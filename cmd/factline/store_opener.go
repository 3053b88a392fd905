package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"factline/adapters/web"
	"factline/bot"
	"factline/config"

	"golang.org/x/sync/errgroup"
)

// How serve retries a store that does not open: after storeRetryFirst, then twice as long each
// time up to storeRetryMax. Each attempt may take storeOpenTimeout, so a database that accepts
// and never answers is retried too.
const (
	storeRetryFirst  = time.Second
	storeRetryMax    = time.Minute
	storeOpenTimeout = 10 * time.Second
	// storeLastAttempt bounds the attempt made when serve stops before the store opened.
	storeLastAttempt = 2 * time.Second
)

// storeOpener opens the store in the background, so serve answers from the start even when the
// database is corrupt or unreachable (it only keeps counts, feedback, unanswered questions and
// chat settings). Until it opens, the bot counts in memory (bounded); once open, the bot is
// handed the store, what waited is flushed at once, and the flusher and purger run.
type storeOpener struct {
	cfg     config.Config
	secret  []byte
	bot     *bot.Bot
	metrics *web.Metrics
	log     *slog.Logger

	state atomic.Pointer[string] // for /healthz: "ok" or "unavailable: <reason>"
	// refused is set when the database belongs to another install secret: not retried.
	refused atomic.Bool
	mu      sync.Mutex
	opened  store // nil until open; serve closes it after the last flush
	// ready is closed once the store is open, for what reads it (the claims loader).
	ready chan struct{}
}

func newStoreOpener(cfg config.Config, secret []byte, b *bot.Bot, metrics *web.Metrics, log *slog.Logger) *storeOpener {
	o := &storeOpener{cfg: cfg, secret: secret, bot: b, metrics: metrics, log: log, ready: make(chan struct{})}
	o.setState("unavailable: opening")
	metrics.SetStoreUp(false)
	return o
}

func (o *storeOpener) setState(s string) { o.state.Store(&s) }

// State is the store's state as /healthz reports it.
func (o *storeOpener) State() string { return *o.state.Load() }

// store returns the open store, nil if it never opened.
func (o *storeOpener) store() store {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opened
}

// Run opens the store, retrying with back-off until it opens or ctx ends, then flushes and
// purges until ctx ends. A database set up with another install secret is not an outage but a
// configuration error (the wrong secret file, or another install's database): retrying would
// never succeed, and answering would save settings no chat key can find, so it stops serve.
func (o *storeOpener) Run(ctx context.Context) error {
	delay := storeRetryFirst
	var lastErr string
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, storeOpenTimeout)
		st, err := openDatabase(actx, o.cfg, o.secret)
		cancel()
		if err == nil {
			o.mu.Lock()
			o.opened = st
			o.mu.Unlock()
			close(o.ready)
			o.bot.UseStore(st)
			o.setState("ok")
			o.metrics.SetStoreUp(true)
			if attempt > 1 {
				o.log.Info("the store is open; storing the answers counted meanwhile", "attempts", attempt)
			}
			return o.use(ctx, st)
		}
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, bot.ErrOtherSecret) {
			o.setState("unavailable: set up with another install secret")
			o.refused.Store(true)
			return err
		}
		o.setState("unavailable: " + shortStoreReason(err))
		// Logged when the reason changes, not at every attempt: an outage of an hour is a few lines.
		if msg := err.Error(); msg != lastErr {
			if attempt == 1 {
				o.log.Warn("the store is unavailable: answering anyway, counting answers in memory until it opens", "err", err)
			} else {
				o.log.Warn("the store is still unavailable", "err", err, "attempts", attempt)
			}
			lastErr = msg
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		delay = min(2*delay, storeRetryMax)
	}
}

// lastAttempt tries once more to open the store, within storeLastAttempt, after Run ended
// without it; it returns the store handed to the bot, or nil. A database of another install
// secret is not tried again.
func (o *storeOpener) lastAttempt(ctx context.Context) store {
	if o.refused.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, storeLastAttempt)
	defer cancel()
	st, err := openDatabase(ctx, o.cfg, o.secret)
	if err != nil {
		return nil
	}
	o.bot.UseStore(st)
	return st
}

// use flushes what waited, then runs the flusher and the purger until ctx ends.
func (o *storeOpener) use(ctx context.Context, st store) error {
	_ = o.bot.Flush(ctx) // logged and counted by the bot; what fails waits for the next flush
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return o.bot.Flusher(bot.DefaultFlushEvery).Run(gctx) })
	purger := bot.NewPurger(st, bot.PurgerOptions{Retention: o.cfg.Store.Retention.D(), Logger: o.log.With("component", "purge")})
	g.Go(func() error { return purger.Run(gctx) })
	return g.Wait()
}

// shortStoreReason names why the store did not open in a few words fit for /healthz, which is
// public: the full error, with paths and database users, goes only to the log.
func shortStoreReason(err error) string {
	kind := "SQLite"
	if strings.HasPrefix(err.Error(), "PostgreSQL") {
		kind = "PostgreSQL"
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return kind + " did not answer in time"
	case errors.Is(err, syscall.ECONNREFUSED):
		return kind + " refused the connection"
	case strings.Contains(err.Error(), "not a database"), strings.Contains(err.Error(), "malformed"):
		return kind + " file is corrupt"
	default:
		return kind + " could not be opened (see the log)"
	}
}
