package bot

import "time"

// Observer receives the events worth counting (the web adapter exports them as Prometheus metrics).
// Implementations must be safe for concurrent use and must not block.
type Observer interface {
	// ObserveAnswer is called once per answered request.
	ObserveAnswer(surface Surface, outcome Outcome, elapsed time.Duration)
	// ObserveReload is called after each attempt to reload the fact base.
	ObserveReload(ok bool)
	// ObserveFallback is called when a paraphrase was refused and the curated text used; reason is a short code.
	ObserveFallback(reason string)
	// ObserveStoreError is called when the Store failed; op names the operation.
	ObserveStoreError(op string)
}

type nopObserver struct{}

func (nopObserver) ObserveAnswer(Surface, Outcome, time.Duration) {}
func (nopObserver) ObserveReload(bool)                            {}
func (nopObserver) ObserveFallback(string)                        {}
func (nopObserver) ObserveStoreError(string)                      {}

// Reloaded lets the process that reloads the fact base report it to the bot's Observer.
func (b *Bot) Reloaded(ok bool) { b.observer.ObserveReload(ok) }
