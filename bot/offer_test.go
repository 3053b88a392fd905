package bot

import (
	"context"
	"strings"
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

// TestAlternativesOffered: an answer with alternatives carries an offer when the asker asked
// (not overheard, not a draft), and picking an alternative keeps the question with the myth
// chosen for the curator's report; until then nothing of the answered question is kept.
func TestAlternativesOffered(t *testing.T) {
	base := builtinIndex(t).Base()
	withAlt := fixedMatcher{base: base, confs: map[string]float64{"housing": 0.97, "jobs": 0.3}, order: []string{"housing", "jobs"}}
	store := &memStore{}
	b := New(Options{Matcher: withAlt, Store: store, KeepUnanswered: true, Offers: true})
	ctx := context.Background()
	const q = "rents doubled, call me at 514-555-0199"
	ans, err := b.Ask(ctx, Request{Text: q, Surface: SurfaceWeb})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Outcome != Matched || len(ans.Alternatives) != 1 || ans.Alternatives[0].ID != "jobs" {
		t.Fatalf("outcome %s, alternatives %+v: the test needs a matched answer with jobs as alternative", ans.Outcome, ans.Alternatives)
	}
	if ans.Offer == "" {
		t.Fatal("a matched answer with an alternative carries no offer")
	}
	for _, req := range []Request{{Text: q, Overheard: true}, {Text: q, Draft: true}} {
		if a, err := b.Ask(ctx, req); err != nil || a.Outcome != Matched || len(a.Alternatives) == 0 || a.Offer != "" {
			t.Errorf("overheard %v draft %v: outcome %s, %d alternatives, offer %q (%v); want matched with alternatives and no offer",
				req.Overheard, req.Draft, a.Outcome, len(a.Alternatives), a.Offer, err)
		}
	}
	alone := fixedMatcher{base: base, confs: map[string]float64{"housing": 0.97, "jobs": 0.01}, order: []string{"housing", "jobs"}}
	if a, err := New(Options{Matcher: alone, Store: store, KeepUnanswered: true, Offers: true}).Ask(ctx, Request{Text: q}); err != nil || len(a.Alternatives) != 0 || a.Offer != "" {
		t.Errorf("no alternative: %d alternatives, offer %q (%v); want no offer", len(a.Alternatives), a.Offer, err)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(store.questions) != 0 {
		t.Fatalf("kept %+v before any choice; an answered question is kept only once an alternative is picked", store.questions)
	}
	chosen, err := b.Explain(ctx, "jobs", Request{Surface: SurfaceWeb, Offer: ans.Offer})
	if err != nil || chosen.Outcome != Chosen || chosen.Match.ID != "jobs" {
		t.Fatalf("picking the alternative: %+v (%v), want jobs, chosen", chosen.Match, err)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	r := BuildReport(Tally{Unanswered: store.questions}, time.Time{}, base)
	if len(r.Chosen) != 1 || r.Chosen[0].MythID != "jobs" || len(r.Chosen[0].Questions) != 1 {
		t.Fatalf("report's phrasings %+v, want the question under jobs", r.Chosen)
	}
	if got := r.Chosen[0].Questions[0].Text; got != Scrub(q) || strings.Contains(got, "555") {
		t.Errorf("phrasing %q, want the question scrubbed (%q)", got, Scrub(q))
	}
}
