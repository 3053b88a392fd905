package bot

import (
	"context"
	"log/slog"
	"time"
)

// Purger deletes the stored events and questions older than the retention: at start, then at
// every interval. `factline serve` runs it; `factline purge` calls Purge once.
type Purger struct {
	archive   Archive
	retention time.Duration
	every     time.Duration
	log       *slog.Logger
	now       func() time.Time
}

// PurgerOptions configure a Purger.
type PurgerOptions struct {
	// Retention is how long events are kept; Purge deletes the days older than it.
	Retention time.Duration
	// Every is the interval between purges in Run; 0 means an hour.
	Every  time.Duration
	Logger *slog.Logger
	// Now returns the current time; tests set it.
	Now func() time.Time
}

// NewPurger returns a Purger of a; it does no I/O.
func NewPurger(a Archive, opts PurgerOptions) *Purger {
	p := &Purger{archive: a, retention: opts.Retention, every: opts.Every, log: opts.Logger, now: opts.Now}
	if p.every <= 0 {
		p.every = time.Hour
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	return p
}

// Cutoff is the first day kept: days before it are purged.
func (p *Purger) Cutoff() time.Time { return p.now().UTC().Add(-p.retention).Truncate(24 * time.Hour) }

// Purge deletes what is older than the retention.
func (p *Purger) Purge(ctx context.Context) (Purged, error) { return p.archive.Purge(ctx, p.Cutoff()) }

// Run purges now and then at every interval until ctx ends. A failed purge is logged and
// retried at the next interval: it must not stop the bot.
func (p *Purger) Run(ctx context.Context) error {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		if n, err := p.Purge(ctx); err != nil && ctx.Err() == nil {
			p.log.Error("purge failed; retrying later", "err", err, "retry_in", p.every)
		} else if err == nil {
			p.log.Info("purged", "before", p.Cutoff().Format(time.DateOnly), "answers", n.Answers, "feedback", n.Feedback, "unanswered", n.Unanswered)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
