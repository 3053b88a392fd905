package bot

import (
	"testing"
	"time"
)

// TestOffersBounded: offers never exceed their bound, expire, are taken once, and the order
// behind a long-lived offer does not grow with offers opened and taken.
func TestOffersBounded(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	o := newOffers(3, time.Hour, func() time.Time { return now })
	first := o.open("first", "en", SurfaceWeb)
	for range 1000 {
		tok := o.open("q", "en", SurfaceWeb)
		if _, ok := o.take(tok); !ok {
			t.Fatal("a fresh offer could not be taken")
		}
	}
	if len(o.order) > 2*o.max+1 {
		t.Errorf("%d tokens in order after 1000 offers opened and taken, want at most %d", len(o.order), 2*o.max+1)
	}
	if q, ok := o.take(first); !ok || q.Text != "first" {
		t.Errorf("the first offer is gone (%v)", ok)
	}
	if _, ok := o.take(first); ok {
		t.Error("an offer was taken twice")
	}
	var toks []string
	for range 5 {
		toks = append(toks, o.open("q", "en", SurfaceWeb))
	}
	if len(o.m) > 3 {
		t.Errorf("%d offers kept, want at most 3", len(o.m))
	}
	if _, ok := o.take(toks[0]); ok {
		t.Error("the oldest offer was not dropped at the bound")
	}
	now = now.Add(2 * time.Hour)
	if _, ok := o.take(toks[4]); ok {
		t.Error("an expired offer was taken")
	}
	var none *offers
	if tok := none.open("q", "en", SurfaceWeb); tok != "" {
		t.Error("a nil offers opened an offer")
	}
}
