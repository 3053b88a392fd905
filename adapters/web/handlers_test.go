package web

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"factline/adapters/openai"
	"factline/adapters/openai/openaitest"
	"factline/bot"
	"factline/facts/factstest"
)

const formType = "application/x-www-form-urlencoded"

// twoClaims makes two myths likely, so the answer offers the other one.
const twoClaims = "immigrants take our jobs and drive down wages"

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

// textarea returns the unescaped content of the textarea with the given id.
func textarea(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<textarea id="` + id + `"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no textarea %s in the page", id)
	}
	return html.UnescapeString(m[1])
}

func TestPageForm(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	tests := []struct {
		name, target, acceptLang string
		want                     []string
	}{
		{"English by default", "/", "", []string{`<html lang="en">`, `<label for="text">Paste the comment or the claim</label>`,
			`<textarea id="text" name="text"`, `<label for="lang">Answer in</label>`, `<option value="fr" lang="fr">Français</option>`,
			`<option value="es" lang="es">Español</option>`, `<script src="/static/app.js?v=`, `<section id="result" aria-live="polite"></section>`}},
		{"browser prefers French", "/", "fr-CA,fr;q=0.9,en;q=0.5", []string{`<html lang="fr">`, "Collez le commentaire ou l&#39;affirmation"}},
		{"language chosen in the URL", "/?lang=es", "fr", []string{`<html lang="es">`, `<option value="es" lang="es" selected>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.acceptLang != "" {
				h = []string{"Accept-Language", tt.acceptLang}
			}
			w := f.do("GET", tt.target, "", "", "", h...)
			if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("status %d, type %s", w.Code, w.Header().Get("Content-Type"))
			}
			for _, s := range tt.want {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("page lacks %s", s)
				}
			}
			if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(w.Body.String()) || strings.Contains(w.Body.String(), " style=") {
				t.Error("the page has an inline script or style, which the CSP forbids")
			}
		})
	}
}

func TestPageAnswers(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	housing := factstest.Index(t).Base().Myth("housing")
	tests := []struct {
		name  string
		body  string
		want  []string
		check func(t *testing.T, page string)
	}{
		{"matched", form("text", housingClaim), []string{"Claim recognised", html.EscapeString(housing.Text("en").Claim),
			"Post for X or Bluesky", "Comment reply", "Full answer", `data-copy="v-post"`, `class="sources"`,
			`href="/myths/housing?lang=en"`, `name="helpful" value="yes"`, `lang="fr">Français</button>`},
			func(t *testing.T, page string) {
				ans, _ := f.bot.Explain(t.Context(), "housing", bot.Request{Lang: "en"})
				post := textarea(t, page, "v-post")
				if post != ans.Post() || utf8.RuneCountInString(post) > 280 || !strings.Contains(post, "\nhttps://") {
					t.Errorf("post variant %q, want ans.Post() within 280 with a source link", post)
				}
				if c := textarea(t, page, "v-comment"); c != ans.Comment() || !strings.Contains(c, ans.Sources[1].URL) {
					t.Errorf("comment variant %q", c)
				}
				if full := textarea(t, page, "v-full"); full != ans.Full() {
					t.Errorf("full variant %q", full)
				}
				for _, s := range ans.Sources {
					if !strings.Contains(page, `href="`+html.EscapeString(s.URL)+`"`) {
						t.Errorf("source %s not linked", s.URL)
					}
				}
			}},
		{"answer language chosen, page stays in English", form("text", housingClaim, "lang", "fr"), []string{`<html lang="en">`, "Claim recognised",
			html.EscapeString(housing.Text("fr").Claim), `<option value="fr" lang="fr" selected>`, `id="v-post" readonly`}, func(t *testing.T, page string) {
			if !regexp.MustCompile(`<textarea id="v-post" readonly rows="\d+" lang="fr"`).MatchString(page) {
				t.Error("the French reply is not marked lang=\"fr\"")
			}
		}},
		{"page in French, answer in English", form("text", housingClaim, "lang", "en", "ui", "fr"), []string{`<html lang="fr">`, "Affirmation reconnue",
			html.EscapeString(housing.Text("en").Claim), `<input type="hidden" name="ui" value="fr">`}, nil},
		{"a myth picked from the alternatives", form("text", "whatever was typed", "myth", "housing", "lang", "es"),
			[]string{html.EscapeString(housing.Text("es").Claim), "Claim recognised"}, nil},
		{"another claim close: not this? try", form("text", twoClaims), []string{"Not this? Try:"}, func(t *testing.T, page string) {
			ans, err := f.bot.Ask(t.Context(), bot.Request{Text: twoClaims})
			if err != nil || len(ans.Alternatives) == 0 {
				t.Fatalf("the bot offers no alternative for %q any more (%v): pick another text", twoClaims, err)
			}
			for _, a := range ans.Alternatives {
				if !strings.Contains(page, `name="myth" value="`+a.ID+`"`) || !strings.Contains(page, html.EscapeString(a.Claim)) {
					t.Errorf("alternative %s is not offered", a.ID)
				}
			}
		}},
		{"no confident answer", form("text", "what a lovely day for a picnic by the lake"),
			[]string{"No confident answer", "a wrong answer would do more harm than none", `name="myth" value="housing"`}, func(t *testing.T, page string) {
				if strings.Contains(page, "v-post") {
					t.Error("an abstained answer shows a reply to copy")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.do("POST", "/", formType, tt.body, "")
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			page := w.Body.String()
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			if tt.check != nil {
				tt.check(t, page)
			}
		})
	}
}

func TestPageFragment(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	w := f.do("POST", "/", formType, form("text", housingClaim), "", fragmentHeader, "1")
	body := w.Body.String()
	if w.Code != 200 || strings.Contains(body, "<html") || !strings.HasPrefix(strings.TrimSpace(body), `<article class="answer">`) {
		t.Fatalf("fragment %d: %.200s", w.Code, body)
	}
	if !strings.Contains(body, `id="v-full"`) {
		t.Error("fragment lacks the variants")
	}
}

func TestPageErrors(t *testing.T) {
	tests := []struct {
		name   string
		limits bot.Limits
		body   string
		status int
		want   string
	}{
		{"empty", bot.Limits{}, form("text", "  "), 400, "the question is empty"},
		{"too large", bot.Limits{}, form("text", strings.Repeat("x", 17<<10)), 413, "paste at most 16 KiB"},
		{"unknown myth picked", bot.Limits{}, form("text", "x", "myth", "nope"), 404, "no myth with id nope"},
		{"rate limited", bot.Limits{UserPer: time.Hour, UserBurst: 1}, form("text", housingClaim), 429, "faster than the bot answers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{limits: tt.limits})
			if tt.limits.UserBurst > 0 {
				f.do("POST", "/", formType, tt.body, "")
			}
			for _, fragment := range []bool{false, true} {
				var h []string
				if fragment {
					h = []string{fragmentHeader, "1"}
				}
				w := f.do("POST", "/", formType, tt.body, "", h...)
				if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) || !strings.Contains(w.Body.String(), `role="alert"`) {
					t.Fatalf("fragment=%v: status %d, want %d with %q: %.300s", fragment, w.Code, tt.status, tt.want, w.Body)
				}
				if tt.status == 429 && w.Header().Get("Retry-After") != "6" {
					t.Errorf("Retry-After %q", w.Header().Get("Retry-After"))
				}
			}
		})
	}
}

func TestMythPages(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	base := factstest.Index(t).Base()
	t.Run("catalogue", func(t *testing.T) {
		w := f.do("GET", "/myths?lang=fr", "", "", "")
		if w.Code != 200 {
			t.Fatalf("status %d", w.Code)
		}
		for _, m := range base.Myths {
			if !strings.Contains(w.Body.String(), `href="/myths/`+m.ID+`?lang=fr"`) || !strings.Contains(w.Body.String(), html.EscapeString(m.Text("fr").Claim)) {
				t.Errorf("catalogue lacks %s in French", m.ID)
			}
		}
	})
	t.Run("permalink with ClaimReview", func(t *testing.T) {
		w := f.do("GET", "/myths/housing?lang=fr", "", "", "")
		page := w.Body.String()
		if w.Code != 200 || !strings.Contains(page, `<h1 lang="fr">`+html.EscapeString(base.Myth("housing").Text("fr").Claim)+`</h1>`) {
			t.Fatalf("status %d: %.500s", w.Code, page)
		}
		m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no JSON-LD")
		}
		var got bot.ClaimReview
		mustJSON(t, []byte(m[1]), &got)
		want := bot.NewClaimReview(base, base.Myth("housing"), "fr", "https://facts.example.org", "factline")
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("JSON-LD\n got %s\nwant %s", gj, wj)
		}
		for _, s := range []string{`<link rel="canonical" href="https://facts.example.org/myths/housing?lang=fr">`,
			`href="/myths/housing?lang=en"`, `href="/myths/housing?lang=es"`, `id="v-post"`} {
			if !strings.Contains(page, s) {
				t.Errorf("permalink lacks %s", s)
			}
		}
	})
	t.Run("unknown myth", func(t *testing.T) {
		if w := f.do("GET", "/myths/nope", "", "", ""); w.Code != 404 || !strings.Contains(w.Body.String(), "Page not found") {
			t.Fatalf("status %d", w.Code)
		}
	})
}

func TestFeedback(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		fragment bool
		status   int
		want     string
		stored   map[string]int
	}{
		{"helpful", form("myth", "housing", "helpful", "yes", "lang", "fr", "ui", "fr"), false, 200, "Merci", map[string]int{"housing helpful": 1}},
		{"not helpful, in place", form("myth", "jobs", "helpful", "no", "lang", "en"), true, 200, `<p class="thanks" role="status">`, map[string]int{"jobs unhelpful": 1}},
		{"no verdict", form("myth", "jobs"), false, 400, "yes or no", map[string]int{}},
		{"unknown myth", form("myth", "nope", "helpful", "yes", "lang", "en"), false, 400, "not in the fact base", map[string]int{}},
		{"a 16 KB myth id", form("myth", strings.Repeat("housing", 2300), "helpful", "yes", "lang", "en"), false, 400, "not in the fact base", map[string]int{}},
		{"no language", form("myth", "housing", "helpful", "yes"), false, 400, "unknown language", map[string]int{}},
		{"a language the base lacks", form("myth", "housing", "helpful", "yes", "lang", "de"), false, 400, "unknown language", map[string]int{}},
		{"a 16 KB language with an address in it", form("myth", "housing", "helpful", "no",
			"lang", "amira.h@example.org +1 416 555 0199 "+strings.Repeat("x", 16000)), false, 400, "unknown language", map[string]int{}},
		{"a verdict other than yes or no", form("myth", "housing", "helpful", "maybe", "lang", "en"), false, 400, "yes or no", map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{store: true})
			var h []string
			if tt.fragment {
				h = []string{fragmentHeader, "1"}
			}
			w := f.do("POST", "/feedback", formType, tt.body, "", h...)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
				t.Fatalf("status %d, want %d with %q: %.300s", w.Code, tt.status, tt.want, w.Body)
			}
			if got := f.feedback(t); !maps.Equal(got, tt.stored) {
				t.Errorf("stored %v, want %v", got, tt.stored)
			}
		})
	}
}

// TestFeedbackFlood posts votes from one address as fast as it can: past the burst they are
// refused with 429, the page's message and a Retry-After, and only the burst is stored; another
// address still votes.
func TestFeedbackFlood(t *testing.T) {
	f := newFixture(t, fixtureOptions{store: true, limits: bot.DefaultLimits()})
	vote := form("myth", "housing", "helpful", "yes", "lang", "en")
	const posts = 500
	var ok, limited int
	for range posts {
		w := f.do("POST", "/feedback", formType, vote, "192.0.2.1:1000")
		switch w.Code {
		case http.StatusOK:
			ok++
		case http.StatusTooManyRequests:
			limited++
			if limited > 1 {
				continue
			}
			body := w.Body.String()
			if !strings.Contains(body, "<h1>Something went wrong</h1>") || !strings.Contains(body, "wait a few seconds") {
				t.Errorf("a refused vote got %.400s, want the page's message", body)
			}
			if w.Header().Get("Retry-After") != "6" {
				t.Errorf("Retry-After %q, want 6", w.Header().Get("Retry-After"))
			}
		default:
			t.Fatalf("a vote got %d: %.300s", w.Code, w.Body)
		}
	}
	burst := bot.DefaultLimits().UserBurst
	if ok > burst+1 || limited < posts-burst-1 {
		t.Errorf("%d votes accepted, %d refused from one address; want the burst of %d accepted", ok, limited, burst)
	}
	if w := f.do("POST", "/feedback", formType, vote, "192.0.2.2:1000"); w.Code != http.StatusOK {
		t.Errorf("another address's vote got %d", w.Code)
	}
	if got := f.feedback(t); got["housing helpful"] != ok+1 {
		t.Errorf("stored %v, want the %d votes accepted", got, ok+1)
	}
}

// TestFeedbackStorageBounded posts many votes from as many addresses, which no rate limit
// stops: the SQLite file holds a count per myth, language and verdict, not a row per vote.
func TestFeedbackStorageBounded(t *testing.T) {
	f := newFixture(t, fixtureOptions{store: true, limits: bot.DefaultLimits()})
	const posts = 2000
	myths, langs := []string{"housing", "jobs"}, factstest.Index(t).Base().Langs()
	for i := range posts {
		vote := form("myth", myths[i%2], "helpful", []string{"yes", "no"}[i/2%2], "lang", langs[i%len(langs)])
		peer := fmt.Sprintf("[2001:db8:%x::1]:1000", i) // each in its own /64
		if w := f.do("POST", "/feedback", formType, vote, peer); w.Code != http.StatusOK {
			t.Fatalf("vote %d got %d: %.300s", i, w.Code, w.Body)
		}
	}
	total := 0
	for _, n := range f.feedback(t) {
		total += n
	}
	if total != posts {
		t.Errorf("%d votes counted, want %d", total, posts)
	}
	db, err := sql.Open("sqlite", "file:"+f.dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, bytes int
	if err := db.QueryRow(`SELECT COUNT(*), SUM(length(myth_id) + length(lang) + length(reason) + length(surface)) FROM feedback`).Scan(&rows, &bytes); err != nil {
		t.Fatal(err)
	}
	if limit := len(myths) * len(langs) * 2; rows > limit {
		t.Errorf("%d feedback rows (%d bytes of text) after %d votes, want at most %d: one per myth, language and verdict", rows, bytes, posts, limit)
	}
	t.Logf("%d votes: %d feedback rows, %d bytes of text", posts, rows, bytes)
}

func TestStaticAndNotFound(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	css := f.srv.pages.assets.CSS
	tests := []struct {
		name, target, ifNoneMatch string
		status                    int
		ctype, cache              string
	}{
		{"versioned stylesheet", css, "", 200, "text/css", "immutable"},
		{"script", f.srv.pages.assets.JS, "", 200, "text/javascript", "immutable"},
		{"icon without version", "/static/icon.svg", "", 200, "image/svg+xml", "no-cache"},
		{"revalidated", css, `"` + f.srv.pages.static["style.css"].hash + `"`, 304, "", ""},
		{"unknown asset", "/static/nope.js", "", 404, "text/html", ""},
		{"unknown page", "/wp-admin", "", 404, "text/html", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.ifNoneMatch != "" {
				h = []string{"If-None-Match", tt.ifNoneMatch}
			}
			w := f.do("GET", tt.target, "", "", "", h...)
			if w.Code != tt.status || !strings.HasPrefix(w.Header().Get("Content-Type"), tt.ctype) || !strings.Contains(w.Header().Get("Cache-Control"), tt.cache) {
				t.Fatalf("status %d, type %q, cache %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"))
			}
		})
	}
}

// TestSecurityHeadersOnEveryRoute checks the headers of every route, including the mux's own
// answers: pages get a CSP that allows this site's script and styles, everything else one that
// allows nothing; no response may be framed or sniffed.
func TestSecurityHeadersOnEveryRoute(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	pages := []string{"/", "/myths", "/myths/housing", "/nope"}
	data := []string{"/api/v1/myths", "/api/v1/nope", "/healthz", "/metrics", "/static/app.js", "/myths//housing"}
	for _, target := range append(pages, data...) {
		w := f.do("GET", target, "", "", "")
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		isPage := slices.Contains(pages, target)
		switch {
		case strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'"):
			t.Errorf("%s: CSP %q", target, csp)
		case isPage && (!strings.Contains(csp, "script-src 'self'") || h.Get("X-Frame-Options") != "DENY"):
			t.Errorf("%s: page headers %v", target, h)
		case !isPage && strings.Contains(csp, "script-src"):
			t.Errorf("%s: data served with the page CSP %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", target, h)
		}
	}
}

// TestPageRephrased shows an answer a language model rephrased (a fake OpenAI server): the page
// says so and offers the reviewed original, and the replies to copy are the rephrased text.
func TestPageRephrased(t *testing.T) {
	fake := openaitest.New()
	defer fake.Close()
	fake.Chat = func(req openaitest.ChatRequest) openaitest.Response {
		var p struct{ Short, Full string }
		if len(req.Messages) != 2 || json.Unmarshal([]byte(req.Messages[1].Content), &p) != nil {
			return openaitest.Response{Status: http.StatusBadRequest}
		}
		out, _ := json.Marshal(map[string]string{"short": "No: " + p.Short, "full": "Your rent and immigration: " + p.Full})
		return openaitest.Response{Content: string(out)}
	}
	ix := factstest.Index(t)
	b := bot.New(bot.Options{Matcher: ix, Paraphraser: openai.New(openai.Options{BaseURL: fake.URL(), Model: "fake-chat"}),
		Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
	srv, err := New(Options{Bot: b})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/", strings.NewReader(form("text", "Is it true that my rent doubled because of immigrants?")))
	r.Header.Set("Content-Type", formType)
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, r)
	page := w.Body.String()
	curated := ix.Base().Myth("housing").Text("en").Short
	if w.Code != 200 || !strings.Contains(page, "Rephrased by AI from a reviewed answer.") {
		t.Fatalf("status %d, no rephrasing note: %.400s", w.Code, page)
	}
	if !strings.Contains(page, "<summary>Show the reviewed original</summary>") || !strings.Contains(page, "<p>"+html.EscapeString(curated)+"</p>") {
		t.Error("the reviewed original is not offered")
	}
	if post := textarea(t, page, "v-post"); !strings.HasPrefix(post, "No: ") {
		t.Errorf("the post to copy is not the rephrased text: %q", post)
	}
}

// TestHoaxLinkInTheQuestionIsNotLinked: a question holding a known hoax link is answered with its
// myth, and the page shows the link only as text (in the question box and the forms' values),
// never as a link; an unknown link, which the page offers topics for, neither.
func TestHoaxLinkInTheQuestionIsNotLinked(t *testing.T) {
	f := newFixture(t, fixtureOptions{links: map[string][]string{"asylum-hotels": {"https://www.example-hoax.news/2026/11/asylum-seekers-five-star-hotels"}}})
	for _, tc := range []struct{ text, want string }{
		{"is this true?? https://m.example-hoax.news/2026/11/asylum-seekers-five-star-hotels/amp?utm_source=wa&fbclid=1", "asylum-hotels"},
		{"what about https://example-hoax.news/2026/11/weather-report and example-hoax.news/b", ""},
	} {
		w := f.do("POST", "/", formType, form("text", tc.text), "")
		if w.Code != http.StatusOK {
			t.Fatalf("%q: status %d", tc.text, w.Code)
		}
		page := w.Body.String()
		if tc.want != "" && !strings.Contains(page, "/myths/"+tc.want+"?") {
			t.Errorf("%q: the page does not answer with %s", tc.text, tc.want)
		}
		if !strings.Contains(page, ">"+html.EscapeString(tc.text)+"</textarea>") {
			t.Errorf("%q: the question is not echoed in its box", tc.text)
		}
		if strings.Contains(page, "example-hoax.news") && regexp.MustCompile(`<a [^>]*href="[^"]*example-hoax`).MatchString(page) {
			t.Errorf("%q: the page links to the asked link", tc.text)
		}
		// Outside the question box and the forms' hidden values, the link is never written.
		rest := regexp.MustCompile(`(?s)<textarea[^>]*>.*?</textarea>|value="[^"]*"`).ReplaceAllString(page, "")
		if strings.Contains(rest, "example-hoax") {
			t.Errorf("%q: the link is written in the page outside the question box", tc.text)
		}
	}
	// The JSON answer carries the question as data, and answers with the myth at full confidence.
	w := f.do("POST", "/api/v1/check", "application/json", `{"text":"https://example-hoax.news/2026/11/asylum-seekers-five-star-hotels/"}`, "")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"id":"asylum-hotels"`) || !strings.Contains(w.Body.String(), `"confidence":1`) {
		t.Errorf("api: %d %s", w.Code, w.Body.String())
	}
}
