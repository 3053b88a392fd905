package reviews

import (
	"context"
	"sync"

	"factline/bot"
)

// Lazy is the bot.ReviewSearcher of a one-off command (ask): it loads and indexes the
// collection on its first search, so a question the curated base answers, which never reaches
// the collection, costs nothing for it (at 200,000 reviews, seconds and hundreds of MB).
// Safe for concurrent use; the collection is loaded once, and a failed load is not retried.
type Lazy struct {
	load func(context.Context) (*Index, error)
	once sync.Once
	ix   *Index
	err  error
}

// NewLazy returns a searcher over the index load returns when first needed. load may return
// a nil Index: there is no collection, and the searcher finds nothing.
func NewLazy(load func(context.Context) (*Index, error)) *Lazy {
	return &Lazy{load: load}
}

// SearchReview implements bot.ReviewSearcher, loading the collection first if it is not yet.
// The load's error is returned at each search, and the bot answers as if nothing was found.
func (l *Lazy) SearchReview(ctx context.Context, text, lang string) (*bot.ExternalReview, error) {
	l.once.Do(func() { l.ix, l.err = l.load(ctx) })
	if l.err != nil {
		return nil, l.err
	}
	return l.ix.SearchReview(ctx, text, lang)
}
