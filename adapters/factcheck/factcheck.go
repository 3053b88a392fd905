// Package factcheck is the live lookup of professional fact-checks: a bot.ReviewSearcher over
// Google's Fact Check Tools API (claims:search), asked when neither the curated base nor the
// imported collection answers a question someone is waiting on.
//
// It sends Google the question's text as the bot scrubbed it, its language and the API key, and
// nothing about who asked or where. Each lookup is time-limited, cached, and rate-limited; after
// a 429 it waits out the Retry-After time, and after a refused key it pauses, so a broken setup
// neither floods the logs nor burns the quota. Its errors never carry the question or the key.
package factcheck

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"factline/bot"
	"factline/bot/reviews"
)

// DefaultEndpoint is the claims:search method of Google's Fact Check Tools API.
const DefaultEndpoint = "https://factchecktools.googleapis.com/v1alpha1/claims:search"

// Defaults for the Options left at zero.
const (
	// DefaultTimeout bounds a lookup: the asker is waiting, and the answer without it (an
	// abstention or suggestions) is ready.
	DefaultTimeout = 3 * time.Second
	// DefaultPageSize is how many claims are asked for: the ranking needs a few candidates, not
	// the API's default ten.
	DefaultPageSize = 5
	// DefaultCacheSize and DefaultCacheTTL bound the cache of lookups: the same hoax is asked about
	// many times while it circulates, and a day is short next to how long a review stays true.
	DefaultCacheSize = 1024
	DefaultCacheTTL  = 24 * time.Hour
	// DefaultEvery and DefaultBurst limit the calls made: a burst, then one per interval.
	DefaultEvery = time.Second
	DefaultBurst = 5
	// DefaultRetryAfter is how long to wait after a 429 that names no time.
	DefaultRetryAfter = time.Minute
	// DefaultKeyPause is how long to stop asking after the API refused the key (400 or 403): an
	// operator has to fix it, and every lookup until then would fail the same way.
	DefaultKeyPause = 10 * time.Minute
)

// maxQuery is the longest query sent, in characters: the API searches claims, which are a
// sentence or two, and a long paste only adds noise (and more of the asker's text) to the URL.
const maxQuery = 300

// maxReplyBytes caps the reply read: five claims with their reviews take a few kilobytes.
const maxReplyBytes = 1 << 20

// Options configure a Client. APIKey is required.
type Options struct {
	// APIKey is the Google Cloud API key with the Fact Check Tools API enabled.
	APIKey string
	// Endpoint is the claims:search URL, DefaultEndpoint when "" (tests point it at a fake).
	Endpoint string
	// Timeout bounds each lookup; PageSize is how many claims are asked for.
	Timeout  time.Duration
	PageSize int
	// CacheSize and CacheTTL bound the cache of lookups, found or not.
	CacheSize int
	CacheTTL  time.Duration
	// Every and Burst limit the calls to the API: Burst at once, then one per Every. A lookup
	// over the limit is skipped (the question is answered without it), never queued.
	Every time.Duration
	Burst int
	// KeyPause is how long lookups stop after the API refused the key.
	KeyPause time.Duration
	// Threshold is the confidence from which a review found answers, reviews.DefaultRankThreshold
	// when 0: the API's search is broad, and only a review of the same claim may answer, ranked
	// with the imported collection's model (reviews.Rank, reviews.Pick).
	Threshold float64
	// HTTPClient replaces http.DefaultClient, e.g. for a proxy.
	HTTPClient *http.Client
	Logger     *slog.Logger
	// Now is the clock, time.Now when nil.
	Now func() time.Time
}

// Client looks claims up in the Fact Check Tools API. It is safe for concurrent use.
type Client struct {
	o       Options
	http    *http.Client
	limiter *rate.Limiter
	cache   *cache
	log     *slog.Logger

	mu         sync.Mutex
	pausedTill time.Time // no call before this: a 429's Retry-After, or a refused key
}

// New returns a Client; it does no I/O.
func New(o Options) (*Client, error) {
	if o.APIKey == "" {
		return nil, errors.New("factcheck: no API key")
	}
	if o.Endpoint == "" {
		o.Endpoint = DefaultEndpoint
	}
	if _, err := url.Parse(o.Endpoint); err != nil {
		return nil, fmt.Errorf("factcheck: endpoint: %w", err)
	}
	if o.Threshold <= 0 {
		o.Threshold = reviews.DefaultRankThreshold
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.CacheSize <= 0 {
		o.CacheSize = DefaultCacheSize
	}
	if o.CacheTTL <= 0 {
		o.CacheTTL = DefaultCacheTTL
	}
	if o.Every <= 0 {
		o.Every = DefaultEvery
	}
	if o.Burst <= 0 {
		o.Burst = DefaultBurst
	}
	if o.KeyPause <= 0 {
		o.KeyPause = DefaultKeyPause
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Client{
		o:       o,
		http:    hc,
		limiter: rate.NewLimiter(rate.Every(o.Every), o.Burst),
		cache:   newCache(o.CacheSize, o.CacheTTL),
		log:     log,
	}, nil
}

var _ bot.ReviewSearcher = (*Client)(nil)

// SearchReview looks text up and returns the review that answers it, or nil. A lookup that is
// paused (after a 429 or a refused key) or over the rate limit returns nil at once: the asker
// gets the answer without it rather than a wait.
func (c *Client) SearchReview(ctx context.Context, text, lang string) (*bot.ExternalReview, error) {
	text = query(text)
	if text == "" {
		return nil, nil
	}
	lang = baseLang(lang)
	key := lang + "\x00" + text
	now := c.o.Now()
	if r, ok := c.cache.get(key, now); ok {
		return r, nil
	}
	if till := c.paused(); now.Before(till) {
		c.log.Debug("lookup skipped: paused", "until", till)
		return nil, nil
	}
	if !c.limiter.AllowN(now, 1) {
		c.log.Debug("lookup skipped: over the rate limit")
		return nil, nil
	}
	found, err := c.search(ctx, text, lang)
	if err != nil {
		return nil, err
	}
	if lang != "" {
		// As in the imported collection, a review in another language does not answer: across
		// languages the claims model matches false friends.
		found = slices.DeleteFunc(found, func(r reviews.Review) bool { return r.Lang != "" && r.Lang != lang })
	}
	ranked, err := reviews.Rank(text, lang, found)
	if err != nil {
		return nil, fmt.Errorf("fact check lookup: %w", err)
	}
	var r *bot.ExternalReview
	if best, ok := reviews.Pick(ranked, lang, c.o.Threshold); ok {
		r = best.Review.External(best.Confidence)
	}
	c.cache.put(key, r, c.o.Now())
	return r, nil
}

// paused returns the time before which no call is made.
func (c *Client) paused() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pausedTill
}

// pause stops the calls for d from now, or longer if a pause already runs longer.
func (c *Client) pause(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if till := c.o.Now().Add(d); till.After(c.pausedTill) {
		c.pausedTill = till
	}
}

// query is text as sent: whitespace folded, clipped to maxQuery characters at a word.
func query(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= maxQuery {
		return text
	}
	cut := string([]rune(text)[:maxQuery])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut
}

// baseLang is the language part of a code ("fr-CA" -> "fr"); the API ignores regions.
func baseLang(lang string) string {
	if lang = reviews.Lang(lang); lang == "und" {
		return ""
	}
	return lang
}
