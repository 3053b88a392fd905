package reviews

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// Store keeps the imported collection where every replica of serve reads it (the SQLite file
// or the PostgreSQL database of bot.Store).
type Store interface {
	// SaveReviews inserts the reviews, replacing those with the same URL, all in one
	// transaction: on error nothing is saved. It says how many were new and how many replaced
	// a stored one. The reviews' URLs are distinct.
	SaveReviews(ctx context.Context, rs []Review) (added, updated int, err error)
	// Reviews returns the stored reviews that f selects, by review date then URL.
	Reviews(ctx context.Context, f Filter) ([]Review, error)
	// RemoveReviews removes the reviews that f selects and says how many. A filter that selects
	// everything is refused with ErrNoFilter.
	RemoveReviews(ctx context.Context, f Filter) (int, error)
}

// Filter selects stored reviews; its zero value selects all.
type Filter struct {
	// Publisher selects the reviews of a publisher, named by its site ("factuel.afp.com", as
	// Site reduces it) or its name ("AFP Factuel"), either case-insensitively.
	Publisher string
	// Lang selects the reviews in a language ("fr").
	Lang string
	// Before selects the reviews published before this day (undated reviews are not).
	Before time.Time
}

// Empty says whether f selects everything.
func (f Filter) Empty() bool { return f.Publisher == "" && f.Lang == "" && f.Before.IsZero() }

// Selects says whether f selects r: the rule every store implements, written once for tests
// and for callers that filter in memory.
func (f Filter) Selects(r Review) bool {
	if f.Publisher != "" && !strings.EqualFold(r.Publisher, strings.TrimSpace(f.Publisher)) && Site(r.Site) != Site(f.Publisher) {
		return false
	}
	if f.Lang != "" && r.Lang != Lang(f.Lang) {
		return false
	}
	return f.Before.IsZero() || (!r.ReviewDate.IsZero() && r.ReviewDate.Before(f.Before))
}

// ErrNoFilter refuses a removal that would empty the collection by mistake.
var ErrNoFilter = errNoFilter{}

type errNoFilter struct{}

func (errNoFilter) Error() string {
	return "remove reviews: no filter (name a publisher or a date; to remove all, name each publisher)"
}

// Stats sums up a collection.
type Stats struct {
	Reviews int
	// ByPublisher, ByLang and ByVerdict count the reviews, most first.
	ByPublisher, ByLang, ByVerdict []Count
	// Oldest and Newest are the review dates at both ends (zero when none is dated); Undated
	// counts the reviews without a date.
	Oldest, Newest time.Time
	Undated        int
}

// Count is how many reviews share a key.
type Count struct {
	Key string
	N   int
}

// Summarize counts rs by publisher, language and verdict.
func Summarize(rs []Review) Stats {
	st := Stats{Reviews: len(rs)}
	pub, lang, verdict := map[string]int{}, map[string]int{}, map[string]int{}
	for _, r := range rs {
		pub[cmp.Or(r.Site, r.Publisher, "?")]++
		lang[cmp.Or(r.Lang, "?")]++
		verdict[cmp.Or(r.Verdict, Verdict(r.Rating))]++
		switch d := r.ReviewDate; {
		case d.IsZero():
			st.Undated++
		default:
			if st.Oldest.IsZero() || d.Before(st.Oldest) {
				st.Oldest = d
			}
			if d.After(st.Newest) {
				st.Newest = d
			}
		}
	}
	st.ByPublisher, st.ByLang, st.ByVerdict = counts(pub), counts(lang), counts(verdict)
	return st
}

func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(b.N-a.N, strings.Compare(a.Key, b.Key)) })
	return out
}
