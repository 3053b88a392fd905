package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"factline/adapters/factcheck"
	"factline/adapters/factcheck/factchecktest"
	"factline/bot"
)

const apiKey = "AIzaSy-web-test"

// uncoveredClaim is a claim the built-in base does not cover, which the fake API's review is about.
const uncoveredClaim = "Lyon gave every asylum seeker a free electric car"

// withLookup is a fixture whose bot looks claims up live in a fake Fact Check Tools API that
// knows one review, with markup in every text as a hostile feed could have.
func withLookup(t *testing.T) (*fixture, *factchecktest.Server) {
	t.Helper()
	fake := factchecktest.New(apiKey, factchecktest.Claim{
		Text: "The city of Lyon gave every asylum seeker a free electric car <script>alert(1)</script>", Claimant: "<b>posts</b>",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "AFP <i>Fact Check</i>", Site: "factcheck.afp.com"},
			URL: "https://factcheck.afp.com/lyon-cars?a=1&b=2", ReviewDate: "2025-04-29T09:00:00Z", TextualRating: "Pants on Fire", LanguageCode: "en"}},
	})
	t.Cleanup(fake.Close)
	lookup, err := factcheck.New(factcheck.Options{APIKey: apiKey, Endpoint: fake.Endpoint()})
	if err != nil {
		t.Fatal(err)
	}
	return newFixture(t, fixtureOptions{lookup: lookup}), fake
}

func TestPageExternal(t *testing.T) {
	f, fake := withLookup(t)
	for _, fragment := range []bool{false, true} {
		var header []string
		if fragment {
			header = []string{fragmentHeader, "1"}
		}
		w := f.do(http.MethodPost, "/", formType, form("text", uncoveredClaim), "192.0.2.1:1", header...)
		page := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, page)
		}
		for _, want := range []string{
			`class="answer external"`, "Checked by AFP &lt;i&gt;Fact Check&lt;/i&gt;, not by us",
			"Not from factline&#39;s curated answers", "The claim they reviewed",
			"The city of Lyon gave every asylum seeker a free electric car &lt;script&gt;alert(1)&lt;/script&gt;",
			`<strong class="badge v-false">False</strong>`, "rated it: Pants on Fire.", "&lt;b&gt;posts&lt;/b&gt;",
			`<a href="https://factcheck.afp.com/lyon-cars?a=1&amp;b=2" rel="noreferrer nofollow">Read the fact-check</a>`, "2025-04-29",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("fragment %v: page lacks %q", fragment, want)
			}
		}
		// No curated parts: no sources of ours, no permalink, no other languages, no feedback on a myth.
		for _, not := range []string{`class="sources"`, `action="/feedback"`, "/myths/", "Also in:", "<script>alert", "<i>Fact", `id="v-full"`} {
			if strings.Contains(page, not) {
				t.Errorf("fragment %v: page has %q", fragment, not)
			}
		}
		if post := textarea(t, page, "v-post"); !strings.HasSuffix(post, "\nhttps://factcheck.afp.com/lyon-cars?a=1&b=2") || !strings.Contains(post, "Pants on Fire") {
			t.Errorf("post %q", post)
		}
	}
	if q := fake.Queries(); len(q) != 1 || q[0].Get("query") != uncoveredClaim {
		t.Fatalf("the API was asked %v: want the question once, then the cache", q)
	}
}

func TestAPIExternal(t *testing.T) {
	f, fake := withLookup(t)
	w := f.do(http.MethodPost, "/api/v1/check", "application/json", `{"text": "`+uncoveredClaim+`, call me at 555-0100"}`, "192.0.2.1:1")
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var got struct {
		Outcome  string              `json:"outcome"`
		Match    any                 `json:"match"`
		Sources  []any               `json:"sources"`
		External *bot.ExternalReview `json:"external"`
		Answer   *struct {
			Short string `json:"short"`
		} `json:"answer"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	r := got.External
	if got.Outcome != "external" || got.Match != nil || len(got.Sources) != 0 || r == nil || got.Answer == nil {
		t.Fatalf("%s", w.Body)
	}
	if r.Publisher != "AFP <i>Fact Check</i>" || r.Rating != "Pants on Fire" || r.Verdict != "false" || r.URL != "https://factcheck.afp.com/lyon-cars?a=1&b=2" ||
		r.ReviewDate != "2025-04-29" || r.Site != "factcheck.afp.com" || r.Lang != "en" || r.Confidence <= 0 {
		t.Errorf("external %+v", r)
	}
	if want := "AFP <i>Fact Check</i> reviewed a similar claim on 2025-04-29 and rated it: Pants on Fire."; got.Answer.Short != want {
		t.Errorf("short %q, want %q", got.Answer.Short, want)
	}
	// Google gets the question scrubbed, and nothing of the asker.
	if q := fake.Queries(); len(q) != 1 || strings.Contains(q[0].Get("query"), "555-0100") || !strings.Contains(q[0].Get("query"), "free electric car") {
		t.Errorf("sent %v", q)
	}
}
