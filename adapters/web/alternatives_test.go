package web

import (
	"context"
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"factline/bot"
	"factline/facts/factstest"
)

// alternativesPolicy answers every on-topic question outright, never calls it ambiguous, and
// lists every other candidate as an alternative: whatever the matcher's calibration becomes, a
// sure answer then carries alternatives.
func alternativesPolicy() bot.Policy {
	p := bot.DefaultPolicy()
	p.AbstainBelow, p.AmbiguityMargin, p.AlternativeFloor = 0.001, 0, 1e-9
	return p
}

// withAlternatives is what a bot of alternativesPolicy answers to housingClaim, asked of one that
// counts nothing; the test needs a matched answer with two alternatives or more.
func withAlternatives(t testing.TB) bot.Answer {
	t.Helper()
	ans, err := bot.New(bot.Options{Matcher: factstest.Index(t), Policy: alternativesPolicy()}).Ask(context.Background(), bot.Request{Text: housingClaim, Surface: bot.SurfaceWeb})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Outcome != bot.Matched || ans.Match.ID != "housing" || len(ans.Alternatives) < 2 {
		t.Fatalf("answered %s %+v with %d alternatives: the test needs housing, matched, with two alternatives or more", ans.Outcome, ans.Match, len(ans.Alternatives))
	}
	return ans
}

// pairs builds the curator's report from what the store kept and lists its phrasings as
// "myth lang: question", sorted.
func (f *fixture) pairs(t testing.TB) []string {
	t.Helper()
	if err := f.bot.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	tally, err := f.store.Tally(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range bot.BuildReport(tally, time.Time{}, factstest.Index(t).Base()).Chosen {
		for _, q := range g.Questions {
			for range q.Count {
				out = append(out, g.MythID+" "+g.Lang+": "+q.Text)
			}
		}
	}
	slices.Sort(out)
	return out
}

// altsBlock is the "Not this?" part of an answer page.
var altsBlock = regexp.MustCompile(`(?s)<div class="alts">.*?</ul></div>`)

// TestPageAlternativesCarryTheOffer: the alternatives under a sure answer are forms that work
// without JavaScript and carry the answer's offer; choosing one shows its answer, and the
// question is kept under that myth for the curator's report.
func TestPageAlternativesCarryTheOffer(t *testing.T) {
	want := withAlternatives(t)
	f := newFixture(t, fixtureOptions{store: true, offers: true, policy: alternativesPolicy()})
	w := f.do("POST", "/", formType, form("text", housingClaim, "ui", "en"), "")
	page := w.Body.String()
	alts := altsBlock.FindString(page)
	if w.Code != 200 || !strings.Contains(page, "<html") || !strings.Contains(alts, "Not this? Try:") {
		t.Fatalf("status %d, alternatives %q: want a whole page offering them", w.Code, alts)
	}
	var myths []string
	for _, m := range hiddenMyth.FindAllStringSubmatch(alts, -1) {
		myths = append(myths, m[1])
	}
	offers := hiddenOffer.FindAllStringSubmatch(alts, -1)
	if len(myths) != len(want.Alternatives) || len(offers) != len(myths) {
		t.Fatalf("choices %q with %d offers, want one per alternative of %+v, each with the offer", myths, len(offers), want.Alternatives)
	}
	for i, a := range want.Alternatives {
		if myths[i] != a.ID || !strings.Contains(alts, html.EscapeString(a.Claim)) || offers[i][1] != offers[0][1] {
			t.Errorf("choice %d = %q (offer %q), want %s with its claim and the one offer", i, myths[i], offers[i][1], a.ID)
		}
	}
	if n := strings.Count(alts, `<form method="post" action="/" class="choice"`); n != len(myths) {
		t.Errorf("%d plain forms posting to /, want one per alternative: %s", n, alts)
	}

	w = f.do("POST", "/", formType, form("text", housingClaim, "myth", myths[1], "offer", offers[1][1], "ui", "en"), "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `<span class="claim" lang="en">`+html.EscapeString(claimOfMyth(t, f, myths[1]))+`</span>`) {
		t.Fatalf("choosing: status %d, page without the answer to %s", w.Code, myths[1])
	}
	if strings.Contains(w.Body.String(), `<div class="alts">`) {
		t.Error("the chosen answer offers alternatives again")
	}
	if got, want := f.pairs(t), []string{myths[1] + " en: " + housingClaim}; !slices.Equal(got, want) {
		t.Errorf("report's phrasings %q, want %q", got, want)
	}
}

// TestAPIAlternativesCarryTheOffer: the API's matched answer with alternatives carries an offer,
// which /api/v1/myths/{id} takes back with the alternative chosen.
func TestAPIAlternativesCarryTheOffer(t *testing.T) {
	want := withAlternatives(t)
	f := newFixture(t, fixtureOptions{store: true, offers: true, policy: alternativesPolicy()})
	body, _ := json.Marshal(map[string]string{"text": housingClaim})
	w := f.do("POST", "/api/v1/check", "application/json", string(body), "")
	var ans bot.Answer
	mustJSON(t, w.Body.Bytes(), &ans)
	if w.Code != 200 || ans.Outcome != bot.Matched || len(ans.Alternatives) != len(want.Alternatives) || ans.Offer == "" {
		t.Fatalf("check: status %d %s, want a matched answer with alternatives and an offer", w.Code, w.Body)
	}
	alt := ans.Alternatives[0].ID
	w = f.do("GET", "/api/v1/myths/"+alt+"?lang=en&offer="+ans.Offer, "", "", "")
	var chosen bot.Answer
	mustJSON(t, w.Body.Bytes(), &chosen)
	if w.Code != 200 || chosen.Outcome != bot.Chosen || chosen.Match == nil || chosen.Match.ID != alt || chosen.Offer != "" {
		t.Errorf("choosing: status %d %s", w.Code, w.Body)
	}
	if got, want := f.pairs(t), []string{alt + " en: " + housingClaim}; !slices.Equal(got, want) {
		t.Errorf("report's phrasings %q, want %q", got, want)
	}
}
