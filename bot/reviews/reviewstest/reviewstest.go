// Package reviewstest is the contract every reviews.Store passes: the same tests run against
// SQLite and PostgreSQL, so the two keep the collection alike.
package reviewstest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"factline/bot/reviews"
)

// Harness adapts the contract to one implementation.
type Harness struct {
	// New returns an empty, migrated store of its own; the harness's caller closes it.
	New func(t *testing.T) reviews.Store
	// Second opens another store on the same database as s, as a second replica would.
	Second func(t *testing.T, s reviews.Store) reviews.Store
}

// Run runs the contract.
func Run(t *testing.T, h Harness) {
	t.Run("SaveAndLoad", func(t *testing.T) { testSaveAndLoad(t, h) })
	t.Run("Update", func(t *testing.T) { testUpdate(t, h) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, h) })
	t.Run("Remove", func(t *testing.T) { testRemove(t, h) })
	t.Run("AllOrNothing", func(t *testing.T) { testAllOrNothing(t, h) })
	t.Run("SharedByReplicas", func(t *testing.T) { testShared(t, h) })
}

var ctx = context.Background()

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Sample returns reviews in English, French and Spanish by three publishers, one undated and
// one with characters a careless store would mangle.
func Sample() []reviews.Review {
	return []reviews.Review{
		{Claim: "Canada gives refugees more money than pensioners", Claimant: "Facebook posts", ClaimDate: day("2023-06-01"),
			Title: "Refugees do not get more than pensioners", Publisher: "AFP Fact Check", Site: "factcheck.afp.com",
			URL: "https://factcheck.afp.com/refugees-pensioners", ReviewDate: day("2023-06-12"), Rating: "False", Verdict: reviews.False, Lang: "en"},
		{Claim: "La ville de Lyon offre une voiture électrique à chaque demandeur d'asile « gratuite »", Publisher: "AFP Factuel", Site: "factuel.afp.com",
			URL: "https://factuel.afp.com/doc.afp.com.LYON1", ReviewDate: day("2025-04-29"), Rating: "Trompeur", Verdict: reviews.Misleading, Lang: "fr"},
		{Claim: "Lyon regala un coche eléctrico a cada solicitante de asilo 🚗", Claimant: "Usuarios de X", Publisher: "Maldita.es", Site: "maldita.es",
			URL: "https://maldita.es/bulo-coches?ref=a&b=1", ReviewDate: day("2025-05-02"), Rating: "Bulo", Verdict: reviews.False, Lang: "es"},
		{Claim: "Vaccines contain microchips", Publisher: "Snopes", Site: "snopes.com",
			URL: "https://snopes.com/microchips", Rating: "Satire", Verdict: reviews.Other, Lang: "en"},
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func urls(rs []reviews.Review) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.URL
	}
	slices.Sort(out)
	return out
}

func load(t *testing.T, s reviews.Store, f reviews.Filter) []reviews.Review {
	t.Helper()
	rs, err := s.Reviews(ctx, f)
	must(t, err)
	return rs
}

func testSaveAndLoad(t *testing.T, h Harness) {
	s := h.New(t)
	if rs := load(t, s, reviews.Filter{}); len(rs) != 0 {
		t.Fatalf("a new store holds %d reviews", len(rs))
	}
	added, updated, err := s.SaveReviews(ctx, Sample())
	must(t, err)
	if added != 4 || updated != 0 {
		t.Errorf("added %d, updated %d; want 4, 0", added, updated)
	}
	got := load(t, s, reviews.Filter{})
	want := Sample()
	// By review date then URL: the undated review first.
	order := []int{3, 0, 1, 2}
	if len(got) != len(want) {
		t.Fatalf("loaded %d reviews, want %d", len(got), len(want))
	}
	for i, j := range order {
		if got[i] != want[j] {
			t.Errorf("review %d:\n got  %+v\n want %+v", i, got[i], want[j])
		}
	}
	if _, _, err := s.SaveReviews(ctx, nil); err != nil {
		t.Errorf("saving nothing: %v", err)
	}
}

func testUpdate(t *testing.T, h Harness) {
	s := h.New(t)
	_, _, err := s.SaveReviews(ctx, Sample()[:2])
	must(t, err)
	changed := Sample()[1]
	changed.Rating, changed.Verdict, changed.ReviewDate = "Faux", reviews.False, day("2025-05-01")
	added, updated, err := s.SaveReviews(ctx, []reviews.Review{changed, Sample()[2]})
	must(t, err)
	if added != 1 || updated != 1 {
		t.Errorf("added %d, updated %d; want 1, 1", added, updated)
	}
	got := load(t, s, reviews.Filter{Lang: "fr"})
	if len(got) != 1 || got[0] != changed {
		t.Errorf("after the update: %+v, want %+v", got, changed)
	}
	if n := len(load(t, s, reviews.Filter{})); n != 3 {
		t.Errorf("%d reviews, want 3", n)
	}
}

func testFilters(t *testing.T, h Harness) {
	s := h.New(t)
	_, _, err := s.SaveReviews(ctx, Sample())
	must(t, err)
	for _, f := range []reviews.Filter{
		{Publisher: "factuel.afp.com"},
		{Publisher: "https://www.Factuel.AFP.com/"},
		{Publisher: "afp factuel"},
		{Publisher: "AFP"}, // neither a name nor a site: selects none
		{Lang: "en"},
		{Lang: "EN"},
		{Before: day("2025-04-29")},
		{Before: day("2025-04-30")},
		{Before: day("2020-01-01")},
		{Publisher: "snopes.com", Lang: "en"},
		{Publisher: "snopes.com", Before: day("2030-01-01")}, // undated: never before a date
		{Lang: "es", Before: day("2025-06-01")},
	} {
		var want []reviews.Review
		for _, r := range Sample() {
			if f.Selects(r) {
				want = append(want, r)
			}
		}
		if got := load(t, s, f); !slices.Equal(urls(got), urls(want)) {
			t.Errorf("%+v selects %v, want %v", f, urls(got), urls(want))
		}
	}
	if n := len(load(t, s, reviews.Filter{Publisher: "afp factuel"})); n != 1 {
		t.Errorf("publisher by name selected %d, want 1: the filter itself is wrong", n)
	}
}

func testRemove(t *testing.T, h Harness) {
	s := h.New(t)
	_, _, err := s.SaveReviews(ctx, Sample())
	must(t, err)
	if n, err := s.RemoveReviews(ctx, reviews.Filter{}); !errors.Is(err, reviews.ErrNoFilter) || n != 0 {
		t.Errorf("remove without a filter: %d, %v; want refused", n, err)
	}
	if n := len(load(t, s, reviews.Filter{})); n != 4 {
		t.Fatalf("a refused removal removed: %d left", n)
	}
	n, err := s.RemoveReviews(ctx, reviews.Filter{Before: day("2025-01-01")})
	must(t, err)
	if n != 1 {
		t.Errorf("removed %d before 2025, want 1", n)
	}
	n, err = s.RemoveReviews(ctx, reviews.Filter{Publisher: "Maldita.es"})
	must(t, err)
	if n != 1 {
		t.Errorf("removed %d of Maldita, want 1", n)
	}
	want := []string{"https://factuel.afp.com/doc.afp.com.LYON1", "https://snopes.com/microchips"}
	if got := urls(load(t, s, reviews.Filter{})); !slices.Equal(got, want) {
		t.Errorf("left %v, want %v", got, want)
	}
}

// testAllOrNothing saves a batch whose last review the store refuses: none of it is kept.
func testAllOrNothing(t *testing.T, h Harness) {
	s := h.New(t)
	batch := append(Sample(), reviews.Review{Claim: "no address"})
	if _, _, err := s.SaveReviews(ctx, batch); err == nil {
		t.Fatal("a review without a URL was saved")
	}
	if n := len(load(t, s, reviews.Filter{})); n != 0 {
		t.Errorf("%d reviews kept of a refused batch, want none", n)
	}
	many := make([]reviews.Review, 0, 1001)
	for i := range 1000 {
		many = append(many, reviews.Review{Claim: fmt.Sprintf("claim %d", i), URL: fmt.Sprintf("https://x.org/%d", i), Lang: "en"})
	}
	many = append(many, reviews.Review{URL: "https://x.org/no-claim"})
	if _, _, err := s.SaveReviews(ctx, many); err == nil {
		t.Fatal("a review without a claim was saved")
	}
	if n := len(load(t, s, reviews.Filter{})); n != 0 {
		t.Errorf("%d reviews kept of a refused batch, want none", n)
	}
}

func testShared(t *testing.T, h Harness) {
	if h.Second == nil {
		t.Skip("no second replica")
	}
	s := h.New(t)
	other := h.Second(t, s)
	_, _, err := s.SaveReviews(ctx, Sample())
	must(t, err)
	if got := load(t, other, reviews.Filter{}); len(got) != 4 {
		t.Errorf("the second replica sees %d reviews, want 4", len(got))
	}
}
