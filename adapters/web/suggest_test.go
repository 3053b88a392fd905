package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"factline/bot"
	"factline/facts/factstest"
)

// messyClaims are claims written the way people post them; some of them the built-in base
// answers with suggestions only. Which ones depends on the matcher, so tests pick at run time.
var messyClaims = []string{
	"freeloaders", "imigrants r taking all the joobs", "immigrants money", "foreigners and money",
	"refugees and housing and jobs", "los inmigrantes y el dinero", "they take and take",
}

// suggestedClaim returns a claim the built-in base answers with suggestions, and that answer,
// as asked of a bot that counts nothing.
func suggestedClaim(t testing.TB) (string, bot.Answer) {
	t.Helper()
	probe := bot.New(bot.Options{Matcher: factstest.Index(t)})
	for _, q := range messyClaims {
		ans, err := probe.Ask(context.Background(), bot.Request{Text: q, Surface: bot.SurfaceWeb})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0 {
			return q, ans
		}
	}
	t.Fatalf("none of %q is answered with suggestions: add a claim the matcher only suggests for", messyClaims)
	return "", bot.Answer{}
}

// kept flushes the bot and returns the questions the store kept: myth chosen -> count, and how
// many were declined.
func (f *fixture) kept(t testing.TB) (map[string]int, int) {
	t.Helper()
	if err := f.bot.Flush(context.Background()); err != nil {
		t.Fatalf("flush: %v", err)
	}
	tally, err := f.store.Tally(context.Background(), time.Time{})
	if err != nil {
		t.Fatalf("tally the store: %v", err)
	}
	chosen, declined := map[string]int{}, 0
	for _, q := range tally.Unanswered {
		if q.Chosen != "" {
			chosen[q.Chosen]++
		}
		if q.Declined {
			declined++
		}
	}
	return chosen, declined
}

var (
	hiddenOffer = regexp.MustCompile(`<input type="hidden" name="offer" value="([^"]+)">`)
	hiddenMyth  = regexp.MustCompile(`<input type="hidden" name="myth" value="([^"]+)">`)
)

func TestPageSuggestions(t *testing.T) {
	claim, want := suggestedClaim(t)
	f := newFixture(t, fixtureOptions{store: true, offers: true})

	for _, fragment := range []bool{false, true} {
		var h []string
		if fragment {
			h = []string{fragmentHeader, "1"}
		}
		w := f.do("POST", "/", formType, form("text", claim, "ui", "en"), "", h...)
		page := w.Body.String()
		if w.Code != 200 || !strings.Contains(page, `<div class="suggest">`) || !strings.Contains(page, "Is it one of these?") {
			t.Fatalf("fragment %v: status %d, page without the suggestions:\n%s", fragment, w.Code, page)
		}
		if fragment == strings.Contains(page, "<html") {
			t.Errorf("fragment %v: whole page = %v", fragment, !fragment)
		}
		var myths []string
		for _, m := range hiddenMyth.FindAllStringSubmatch(page, -1) {
			myths = append(myths, m[1])
		}
		if len(myths) != len(want.Suggestions) {
			t.Fatalf("fragment %v: choices %q, want one per suggestion %+v", fragment, myths, want.Suggestions)
		}
		for i, s := range want.Suggestions {
			if myths[i] != s.ID || !strings.Contains(page, html.EscapeString(s.Claim)) {
				t.Errorf("fragment %v: choice %d = %q, want %q with its claim", fragment, i, myths[i], s.ID)
			}
		}
		offers := hiddenOffer.FindAllStringSubmatch(page, -1)
		if len(offers) != len(want.Suggestions)+1 {
			t.Fatalf("fragment %v: %d offers in the page, want one per choice and None of these", fragment, len(offers))
		}
		offer := offers[0][1]
		for _, o := range offers {
			if o[1] != offer {
				t.Errorf("fragment %v: offers differ: %q", fragment, offers)
			}
		}
		if !strings.Contains(page, `<form method="post" action="/decline"`) || !strings.Contains(page, ">None of these</button>") {
			t.Errorf("fragment %v: no None of these form", fragment)
		}
		if !strings.Contains(page, `name="text" value="`+html.EscapeString(claim)+`"`) {
			t.Errorf("fragment %v: the choices do not carry the text", fragment)
		}

		if fragment { // None of these
			w = f.do("POST", "/decline", formType, form("offer", offer, "lang", "en", "ui", "fr"), "", h...)
			if w.Code != 200 || strings.Contains(w.Body.String(), "<html") || !strings.Contains(w.Body.String(), html.EscapeString(uiLabels["fr"].DeclineThanks)) {
				t.Errorf("None of these: status %d, body %s", w.Code, w.Body)
			}
			continue
		}
		// Choosing the first suggestion answers with it.
		w = f.do("POST", "/", formType, form("text", claim, "myth", myths[0], "offer", offer, "ui", "en"), "")
		if w.Code != 200 || !strings.Contains(w.Body.String(), `<span class="claim" lang="en">`+html.EscapeString(claimOfMyth(t, f, myths[0]))+`</span>`) {
			t.Errorf("choosing: status %d, page without the answer to %s", w.Code, myths[0])
		}
	}
	chosen, declined := f.kept(t)
	if chosen[want.Suggestions[0].ID] != 1 || declined != 1 {
		t.Errorf("kept %v chosen and %d declined, want the choice of %s and one decline", chosen, declined, want.Suggestions[0].ID)
	}

	// Without JavaScript None of these is a page; a form that cannot be read is refused.
	w := f.do("POST", "/decline", formType, form("offer", "unknown", "ui", "es"), "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "<html") || !strings.Contains(w.Body.String(), html.EscapeString(uiLabels["es"].DeclineThanks)) {
		t.Errorf("None of these without script: status %d", w.Code)
	}
	if w := f.do("POST", "/decline", formType, "%zz", ""); w.Code != http.StatusBadRequest {
		t.Errorf("unreadable form: status %d, want 400", w.Code)
	}
	if w := f.do("GET", "/decline", "", "", ""); w.Code == 200 {
		t.Errorf("GET /decline: status %d, want a refusal", w.Code)
	}
}

// claimOfMyth is a myth's claim in English.
func claimOfMyth(t *testing.T, f *fixture, id string) string {
	t.Helper()
	ans, err := f.bot.Preview(id, "en")
	if err != nil {
		t.Fatal(err)
	}
	return ans.Match.Claim
}

func TestAPISuggestions(t *testing.T) {
	claim, want := suggestedClaim(t)
	f := newFixture(t, fixtureOptions{store: true, offers: true})
	check := func() bot.Answer {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"text": claim})
		w := f.do("POST", "/api/v1/check", "application/json", string(body), "")
		if w.Code != 200 {
			t.Fatalf("check: status %d %s", w.Code, w.Body)
		}
		var raw map[string]json.RawMessage
		mustJSON(t, w.Body.Bytes(), &raw)
		for _, k := range []string{"suggestions", "offer", "outcome"} {
			if raw[k] == nil {
				t.Errorf("the answer lacks %q: %s", k, w.Body)
			}
		}
		var ans bot.Answer
		mustJSON(t, w.Body.Bytes(), &ans)
		if ans.Outcome != bot.Suggested || ans.Offer == "" || ans.Match != nil || len(ans.Suggestions) != len(want.Suggestions) {
			t.Fatalf("check = %s, want suggestions and an offer", w.Body)
		}
		for i, s := range ans.Suggestions {
			if s.ID != want.Suggestions[i].ID || s.Title == "" || s.Claim == "" || s.Confidence <= 0 || s.Confidence >= 1 {
				t.Errorf("suggestion %d = %+v, want %+v", i, s, want.Suggestions[i])
			}
		}
		return ans
	}

	ans := check()
	w := f.do("GET", "/api/v1/myths/"+ans.Suggestions[0].ID+"?lang=en&offer="+ans.Offer, "", "", "")
	var chosen bot.Answer
	mustJSON(t, w.Body.Bytes(), &chosen)
	if w.Code != 200 || chosen.Outcome != bot.Chosen || chosen.Match == nil || chosen.Match.ID != ans.Suggestions[0].ID {
		t.Errorf("choosing: status %d %s", w.Code, w.Body)
	}

	ans = check()
	w = f.do("POST", "/api/v1/decline", "application/json", `{"offer": "`+ans.Offer+`", "lang": "en"}`, "")
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"outcome":"declined"}` {
		t.Errorf("decline: status %d %s", w.Code, w.Body)
	}
	kept, declined := f.kept(t)
	if kept[ans.Suggestions[0].ID] != 1 || declined != 1 {
		t.Errorf("kept %v chosen and %d declined, want one of each", kept, declined)
	}

	for _, tt := range []struct {
		name, method, ctype, body string
		status                    int
		code                      string
	}{
		{"no offer", "POST", "application/json", `{"lang": "en"}`, 400, "invalid"},
		{"an offer too long", "POST", "application/json", `{"offer": "` + strings.Repeat("a", 65) + `"}`, 400, "invalid"},
		{"not JSON", "POST", "application/json", `offer=abc`, 400, "invalid"},
		{"two objects", "POST", "application/json", `{"offer": "a"}{"offer": "b"}`, 400, "invalid"},
		{"a form", "POST", formType, `offer=abc`, 415, "unsupported_media_type"},
		{"GET", "GET", "", "", 405, "method_not_allowed"},
		{"too large", "POST", "application/json", `{"offer": "` + strings.Repeat("a", maxBody) + `"}`, 413, "too_large"},
	} {
		w := f.do(tt.method, "/api/v1/decline", tt.ctype, tt.body, "")
		if w.Code != tt.status || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: status %d (%s), want %d in JSON", tt.name, w.Code, w.Header().Get("Content-Type"), tt.status)
			continue
		}
		if e := apiErr(t, w.Body.String()); e.Code != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, e.Code, tt.code)
		}
	}
}

func TestPageTopicsCarryTheOffer(t *testing.T) {
	f := newFixture(t, fixtureOptions{store: true, offers: true})
	const offTopic = "what a lovely day for a picnic by the lake"
	w := f.do("POST", "/", formType, form("text", offTopic, "ui", "en"), "")
	offers := hiddenOffer.FindAllStringSubmatch(w.Body.String(), -1)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<div class="abstain">`) || len(offers) != len(hiddenMyth.FindAllString(w.Body.String(), -1)) || len(offers) == 0 {
		t.Fatalf("status %d, %d offers: want every topic to carry the offer", w.Code, len(offers))
	}
	w = f.do("POST", "/", formType, form("text", offTopic, "myth", "housing", "offer", offers[0][1], "ui", "en"), "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<article class="answer">`) {
		t.Fatalf("choosing a topic: status %d", w.Code)
	}
	if chosen, _ := f.kept(t); chosen["housing"] != 1 {
		t.Errorf("kept %v, want the question kept with housing", chosen)
	}
}
