package factcheck

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/factcheck/factchecktest"
	"factline/bot"
	"factline/bot/reviews"
	"factline/facts/factstest"
)

const key = "AIzaSy-test-key-0123456789"

// claimsOf are claims as the API returns them, in three languages.
var claimsOf = []factchecktest.Claim{
	{Text: "A city council gave every migrant a free electric car", Claimant: "Facebook posts", ClaimDate: "2025-04-20T00:00:00Z",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "AFP Fact Check", Site: "factcheck.afp.com"},
			URL: "https://factcheck.afp.com/doc.afp.com.123", Title: "No, migrants were not given free cars", ReviewDate: "2025-04-29T10:00:00Z",
			TextualRating: "False", LanguageCode: "en"}}},
	{Text: "Une mairie a offert une voiture électrique à chaque migrant",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "AFP Factuel", Site: "factuel.afp.com"},
			URL: "https://factuel.afp.com/doc.afp.com.456", ReviewDate: "2025-05-02T08:00:00Z", TextualRating: "Faux", LanguageCode: "fr"}}},
	{Text: "Un ayuntamiento regaló un coche eléctrico a cada migrante",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "Maldita.es"},
			URL: "https://maldita.es/bulo/789", TextualRating: "Falso", LanguageCode: "es"}}},
	{Text: "A review with no link at all, about migrant cars",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "Nobody"}, URL: "javascript:alert(1)", TextualRating: "False", LanguageCode: "en"}}},
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClient(t *testing.T, fake *factchecktest.Server, o Options) (*Client, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	o.APIKey, o.Endpoint, o.Now = key, fake.Endpoint(), clk.now
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c, clk
}

func TestSearchReview(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	c, _ := newClient(t, fake, Options{})
	r, err := c.SearchReview(t.Context(), "  every migrant  got a free electric car\n", "en-CA")
	if err != nil || r == nil {
		t.Fatalf("%v %v", r, err)
	}
	want := bot.ExternalReview{Claim: claimsOf[0].Text, Claimant: "Facebook posts", Rating: "False", Verdict: "false",
		Publisher: "AFP Fact Check", Site: "factcheck.afp.com", URL: "https://factcheck.afp.com/doc.afp.com.123", ReviewDate: "2025-04-29", Lang: "en",
		Confidence: r.Confidence}
	if *r != want || r.Confidence < reviews.DefaultThreshold {
		t.Fatalf("got  %+v\nwant %+v", *r, want)
	}
	q := fake.Queries()
	if len(q) != 1 || q[0].Get("query") != "every migrant got a free electric car" || q[0].Get("languageCode") != "en" ||
		q[0].Get("pageSize") != "5" || q[0].Get("key") != key {
		t.Fatalf("sent %v", q)
	}
	if len(q[0]) != 4 {
		t.Errorf("sent more than the query, its language, the page size and the key: %v", q[0])
	}
	// The review without a web link is never a candidate: an answer could not show it.
	for _, r := range c.candidates(searchResponse{Claims: []claim{{Text: "x", ClaimReview: []review{{URL: "javascript:alert(1)", TextualRating: "False"}}}}}) {
		t.Errorf("kept %+v", r)
	}

	t.Run("a review without date or site", func(t *testing.T) {
		r, err := c.SearchReview(t.Context(), "cada migrante un coche eléctrico", "es")
		if err != nil || r == nil || r.Publisher != "Maldita.es" || r.Site != "maldita.es" || r.ReviewDate != "" || r.Verdict != "false" || r.Lang != "es" {
			t.Fatalf("%+v %v", r, err)
		}
	})
	t.Run("nothing found", func(t *testing.T) {
		r, err := c.SearchReview(t.Context(), "tax rates on bread", "en")
		if err != nil || r != nil {
			t.Fatalf("%+v %v", r, err)
		}
	})
	t.Run("what the API finds must be the same claim", func(t *testing.T) {
		n := len(fake.Queries())
		// The fake finds the car claims by the word "electric", as the real search finds broadly.
		if r, err := c.SearchReview(t.Context(), "electric bills went up this winter", "en"); err != nil || r != nil || len(fake.Queries()) != n+1 {
			t.Fatalf("%+v %v", r, err)
		}
	})
	t.Run("a long paste is clipped at a word", func(t *testing.T) {
		n := len(fake.Queries())
		long := strings.Repeat("migrant electric cars everywhere ", 40)
		if _, err := c.SearchReview(t.Context(), long, ""); err != nil {
			t.Fatal(err)
		}
		q := fake.Queries()[n]
		if got := q.Get("query"); len([]rune(got)) > maxQuery || strings.HasSuffix(got, "everywh") || q.Has("languageCode") {
			t.Fatalf("sent %q (%d), lang %q", got, len([]rune(got)), q.Get("languageCode"))
		}
	})
}

func TestCache(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	c, clk := newClient(t, fake, Options{CacheSize: 2, CacheTTL: time.Hour})
	ask := func(text string) *bot.ExternalReview {
		t.Helper()
		r, err := c.SearchReview(t.Context(), text, "en")
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := ask("free electric car for every migrant")
	first.Claim = "changed by a caller"
	again := ask("free   electric car for every migrant")
	if n := len(fake.Queries()); n != 1 || again == nil || again.Claim != claimsOf[0].Text {
		t.Fatalf("%d calls, %+v: want one call, the second answered from the cache, unchanged", n, again)
	}
	ask("tax rates on bread") // nothing found is cached too
	ask("tax rates on bread")
	if n := len(fake.Queries()); n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
	ask("a third question about cars") // pushes out the least recently used
	if c.cache.len() != 2 {
		t.Fatalf("cache holds %d, want its size 2", c.cache.len())
	}
	ask("free electric car for every migrant")
	if n := len(fake.Queries()); n != 4 {
		t.Fatalf("%d calls, want 4: the oldest lookup was dropped", n)
	}
	clk.add(time.Hour + time.Second)
	ask("free electric car for every migrant")
	if n := len(fake.Queries()); n != 5 {
		t.Fatalf("%d calls, want 5: the cached lookup expired", n)
	}
}

func TestRateLimit(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	c, clk := newClient(t, fake, Options{Every: time.Minute, Burst: 2})
	for i, text := range []string{"every migrant got a free electric car", "the council gave migrants free electric cars", "a free electric car for each migrant"} {
		r, err := c.SearchReview(t.Context(), text, "en")
		if err != nil || (r == nil) != (i == 2) {
			t.Fatalf("%d: %+v %v: want the third over the limit, skipped without error", i, r, err)
		}
	}
	if n := len(fake.Queries()); n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
	clk.add(time.Minute)
	if r, _ := c.SearchReview(t.Context(), "a free electric car for each migrant", "en"); r == nil || len(fake.Queries()) != 3 {
		t.Fatalf("%+v after the interval", r)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name    string
		failure factchecktest.Failure
		retry   string
		want    error
		pause   time.Duration
	}{
		{"429 with Retry-After in seconds", factchecktest.TooMany, "120", ErrRateLimited, 120 * time.Second},
		{"429 without Retry-After", factchecktest.TooMany, "", ErrRateLimited, DefaultRetryAfter},
		{"bad key 400", factchecktest.BadKey, "", ErrRefused, DefaultKeyPause},
		{"API disabled 403", factchecktest.Forbidden, "", ErrRefused, DefaultKeyPause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := factchecktest.New(key, claimsOf...)
			defer fake.Close()
			c, clk := newClient(t, fake, Options{})
			fake.Fail(tt.failure, tt.retry)
			const question = "electric car for every migrant"
			r, err := c.SearchReview(t.Context(), question, "en")
			if r != nil || !errors.Is(err, tt.want) {
				t.Fatalf("%+v %v, want %v", r, err, tt.want)
			}
			if strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "migrant") {
				t.Fatalf("the error %q carries the key or the question", err)
			}
			fake.Fail(factchecktest.OK, "")
			clk.add(tt.pause - time.Second)
			if r, err := c.SearchReview(t.Context(), question, "en"); r != nil || err != nil || len(fake.Queries()) != 1 {
				t.Fatalf("%+v %v, %d calls: want no call while paused", r, err, len(fake.Queries()))
			}
			clk.add(2 * time.Second)
			if r, err := c.SearchReview(t.Context(), question, "en"); r == nil || err != nil || len(fake.Queries()) != 2 {
				t.Fatalf("%+v %v, %d calls: want a call once the pause is over", r, err, len(fake.Queries()))
			}
		})
	}
	t.Run("the refusal names Google's codes only", func(t *testing.T) {
		fake := factchecktest.New("another key", claimsOf...)
		defer fake.Close()
		c, _ := newClient(t, fake, Options{})
		_, err := c.SearchReview(t.Context(), "electric car", "en")
		if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "400 INVALID_ARGUMENT API_KEY_INVALID") || strings.Contains(err.Error(), "Please pass") {
			t.Fatalf("%v", err)
		}
	})
}

func TestTimeout(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	fake.Fail(factchecktest.Hang, "")
	c, _ := newClient(t, fake, Options{Timeout: 100 * time.Millisecond})
	start := time.Now()
	r, err := c.SearchReview(t.Context(), "electric car for every migrant", "en")
	if took := time.Since(start); r != nil || !errors.Is(err, ErrTimeout) || took > 2*time.Second {
		t.Fatalf("%+v %v after %s", r, err, took)
	}
	if strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "migrant") || strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("the error %q carries the URL", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"30": 30 * time.Second, "": DefaultRetryAfter, "soon": DefaultRetryAfter, "0": time.Second,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second, "99999999": 24 * time.Hour,
	} {
		if got := retryAfter(h, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", h, got, want)
		}
	}
}

// TestBotLogsNoQuestionNorKey: when the lookup fails, the bot logs it, and neither the
// question nor the key is in the log.
func TestBotLogsNoQuestionNorKey(t *testing.T) {
	fake := factchecktest.New("another key", claimsOf...)
	defer fake.Close()
	var logs bytes.Buffer
	c, _ := newClient(t, fake, Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	b := newBot(t, c, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	const question = "the town hall handed each migrant a brand new electric car"
	ans, err := b.Ask(t.Context(), bot.Request{Text: question, Surface: bot.SurfaceCLI})
	if err != nil || ans.Outcome == bot.External {
		t.Fatalf("%v %s", err, ans.Outcome)
	}
	if len(fake.Queries()) != 1 {
		t.Fatalf("%d calls", len(fake.Queries()))
	}
	out := logs.String()
	if !strings.Contains(out, "review search failed") || strings.Contains(out, key) || strings.Contains(out, "electric") {
		t.Fatalf("log:\n%s", out)
	}
}

// newBot is a bot over the built-in fact base whose live lookup is c.
func newBot(t *testing.T, c *Client, log *slog.Logger) *bot.Bot {
	t.Helper()
	return bot.New(bot.Options{Matcher: factstest.Index(t), Policy: bot.DefaultPolicy(), Lookup: c, Logger: log})
}

// TestUnreachable: net/http's error names the URL, which holds the question and the key; the
// lookup's error must not.
func TestUnreachable(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	c, _ := newClient(t, fake, Options{})
	fake.Close()
	_, err := c.SearchReview(t.Context(), "electric car for every migrant", "en")
	if err == nil || strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "migrant") {
		t.Fatalf("%v", err)
	}
}

// TestOtherLanguages: a review in another language than the question's does not answer, as in
// the imported collection, even when the API returns it.
func TestOtherLanguages(t *testing.T) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	fake.IgnoreLanguage = true
	c, _ := newClient(t, fake, Options{})
	// German, which the matcher has no analyzer for, so the English words match as they are.
	if r, err := c.SearchReview(t.Context(), "every migrant got a free electric car", "de"); err != nil || r != nil {
		t.Fatalf("%+v %v: want no answer from an English review to a question in German", r, err)
	}
	if r, err := c.SearchReview(t.Context(), "every migrant got a free electric car", ""); err != nil || r == nil || r.Lang != "en" {
		t.Fatalf("%+v %v: want the English review when the question's language is unknown", r, err)
	}
}

// BenchmarkSearchReview: a lookup against the local fake (the HTTP round trip, the JSON, the
// ranking of what was found), and one answered from the cache.
func BenchmarkSearchReview(b *testing.B) {
	fake := factchecktest.New(key, claimsOf...)
	defer fake.Close()
	b.Run("uncached", func(b *testing.B) {
		c, err := New(Options{APIKey: key, Endpoint: fake.Endpoint(), CacheTTL: time.Nanosecond, Every: time.Nanosecond, Burst: 1 << 30})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if r, err := c.SearchReview(b.Context(), "every migrant got a free electric car", "en"); r == nil || err != nil {
				b.Fatal(r, err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		c, err := New(Options{APIKey: key, Endpoint: fake.Endpoint()})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if r, err := c.SearchReview(b.Context(), "every migrant got a free electric car", "en"); r == nil || err != nil {
				b.Fatal(r, err)
			}
		}
	})
}
