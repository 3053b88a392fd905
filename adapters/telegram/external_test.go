package telegram_test

import (
	"strings"
	"testing"
	"time"

	"factline/adapters/factcheck"
	"factline/adapters/factcheck/factchecktest"
	"factline/adapters/telegram/telegramtest"
	"factline/bot"
	"factline/bot/reviews"
)

const apiKey = "AIzaSy-telegram-test"

// uncovered is a claim the built-in base does not cover; the fake Fact Check Tools API and the
// imported collection both hold a review of it, with texts that would ping, link and format.
const uncovered = "Lyon gave every asylum seeker a free electric car"

var hostileClaim = "The city of Lyon gave every asylum seeker a free electric car, @everyone see <b>lyon-cars.example/proof</b> & share"

// externalHarness runs the adapter over a core whose live lookup asks a fake Fact Check Tools
// API, and, with collection, whose imported collection holds a French review of the same claim.
func externalHarness(t *testing.T, collection bool) (*harness, *factchecktest.Server) {
	t.Helper()
	fake := factchecktest.New(apiKey, factchecktest.Claim{Text: hostileClaim, ClaimReview: []factchecktest.Review{{
		Publisher: factchecktest.Publisher{Name: "AFP <Fact Check>", Site: "factcheck.afp.com"}, URL: "https://factcheck.afp.com/lyon-cars?a=1&b=2",
		ReviewDate: "2025-04-29T09:00:00Z", TextualRating: "False", LanguageCode: "en"}}})
	t.Cleanup(fake.Close)
	lookup, err := factcheck.New(factcheck.Options{APIKey: apiKey, Endpoint: fake.Endpoint()})
	if err != nil {
		t.Fatal(err)
	}
	if !collection {
		return start(t, setup{coreOpts: func(o *bot.Options) { o.Lookup = lookup }}), fake
	}
	ix, err := reviews.New([]reviews.Review{{Claim: hostileClaim, Publisher: "Les Décrypteurs", Site: "ici.radio-canada.ca",
		URL: "https://ici.radio-canada.ca/decrypteurs/lyon", Rating: "Faux", Lang: "fr", ReviewDate: time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	return start(t, setup{coreOpts: func(o *bot.Options) { o.Lookup = lookup; o.Reviews = ix }}), fake
}

// TestExternalAnswers: /check, reply-to /check and a mention, in a group and in private, answered
// from the live lookup: labelled, with the rating, the claim reviewed and the link, no buttons,
// and nothing from the review able to ping, link or format.
func TestExternalAnswers(t *testing.T) {
	h, fake := externalHarness(t, false)
	tests := []struct {
		name   string
		update map[string]any
		chat   int64
		msgID  int
	}{
		{"group /check", message(group, 1, alice, "/check "+uncovered), group, 1},
		{"reply-to /check", message(group, 2, bob, "/check", replyTo(900, uncovered+"!!")), group, 2},
		{"private question", message(privateChat, 3, alice, uncovered), privateChat, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fake.Push(tt.update)
			c := h.fake.Wait(t, "sendMessage", replyOf(tt.chat, tt.msgID))
			text := plain(t, c)
			for _, want := range []string{"🔎 Checked by AFP <Fact Check>, not by us\n", "False · Claim: The city of Lyon",
				"AFP <Fact Check> reviewed a similar claim on 2025-04-29 and rated it: False.", "factcheck.afp.com, 2025-04-29"} {
				if !strings.Contains(text, want) {
					t.Errorf("answer lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "@everyone") || !strings.Contains(text, "@\u2060everyone") {
				t.Errorf("the review's @everyone is not defused:\n%s", text)
			}
			html := c.Params["text"]
			if !strings.Contains(html, "<code>lyon-cars.example/proof") || strings.Contains(html, "<b>lyon") || !strings.Contains(html, "&amp; share") {
				t.Errorf("the review's markup or link is live:\n%s", html)
			}
			if got := buttons(t, c); len(got) != 0 {
				t.Errorf("buttons %v under an external answer: none applies", got)
			}
			var lp struct {
				URL string `json:"url"`
			}
			if err := c.JSON("link_preview_options", &lp); err != nil || lp.URL == "" || !strings.Contains(html, `<a href="`+strings.ReplaceAll(lp.URL, "&", "&amp;")+`">`) {
				t.Errorf("preview %+v (%v): want the review's link, linked in the answer:\n%s", lp, err, html)
			}
		})
	}
	// The query sent is the question's text only; the reply-to's text differs by its "!!", and the
	// private question, the same as the first, was answered from the cache.
	if q := fake.Queries(); len(q) != 2 || q[0].Get("query") != uncovered {
		t.Errorf("the API was asked %v", q)
	}
}

// TestExternalInline: an inline query answered from the imported collection is one ready-to-send
// result labelled as someone else's review, with its link.
func TestExternalInline(t *testing.T) {
	h, fake := externalHarness(t, true)
	h.fake.Push(map[string]any{"inline_query": map[string]any{"id": "ext", "query": uncovered, "offset": "",
		"from": map[string]any{"id": alice, "is_bot": false, "first_name": "A", "language_code": "en"}}})
	c := h.fake.Wait(t, "answerInlineQuery", func(c telegramtest.Call) bool { return c.Params["inline_query_id"] == "ext" })
	var rs []inlineResult
	if err := c.JSON("results", &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || !strings.HasPrefix(rs[0].ID, "review-") || len(rs[0].ID) > 64 || rs[0].Title != "Checked by Les Décrypteurs, not by us" {
		t.Fatalf("results %+v", rs)
	}
	text, err := telegramtest.ParseHTML(rs[0].Content.Text)
	if err != nil || !strings.Contains(rs[0].Content.Text, `<a href="https://ici.radio-canada.ca/decrypteurs/lyon">ici.radio-canada.ca</a>, 2025-05-02`) ||
		!strings.Contains(text, "rated it: Faux.") {
		t.Fatalf("%v\n%s", err, rs[0].Content.Text)
	}
	if len(fake.Queries()) != 0 {
		t.Errorf("an inline query, a draft, reached the live lookup")
	}
}
