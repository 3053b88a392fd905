package reviews

import (
	"context"
	"sync/atomic"

	"factline/bot"
)

// Current is the bot.ReviewSearcher of a long-running server: it searches the index last Set,
// so the collection can be loaded in the background and reloaded while questions are answered.
// Until the first Set it finds nothing. The zero value is ready to use.
type Current struct {
	ix atomic.Pointer[Index]
}

// Set makes ix the index searched from now on; nil finds nothing until the next Set.
func (c *Current) Set(ix *Index) { c.ix.Store(ix) }

// Len is the number of reviews the current index searches.
func (c *Current) Len() int { return c.ix.Load().Len() }

// SearchReview implements bot.ReviewSearcher over the current index.
func (c *Current) SearchReview(ctx context.Context, text, lang string) (*bot.ExternalReview, error) {
	ix := c.ix.Load()
	if ix == nil {
		return nil, nil
	}
	return ix.SearchReview(ctx, text, lang)
}
