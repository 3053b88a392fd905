package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"factline/facts"
	"factline/facts/factstest"
)

func builtinIndex(t testing.TB) *facts.Index { return factstest.Index(t) }

// TestAskEachMythEachLanguage asks every myth's own claim in every language and expects that
// myth, answered in that language, with numbered citations and all its sources.
func TestAskEachMythEachLanguage(t *testing.T) {
	ix := builtinIndex(t)
	b := New(Options{Matcher: ix})
	for _, m := range ix.Base().Myths {
		for _, l := range m.Langs() {
			t.Run(m.ID+"/"+l, func(t *testing.T) {
				ans, err := b.Ask(context.Background(), Request{Text: m.Texts[l].Claim, Surface: SurfaceCLI})
				if err != nil {
					t.Fatal(err)
				}
				if ans.Match == nil || ans.Match.ID != m.ID {
					t.Fatalf("matched %+v, want %s", ans.Match, m.ID)
				}
				if ans.Body.Lang != l || ans.Lang != l {
					t.Errorf("answer lang %s (request %s), want %s", ans.Body.Lang, ans.Lang, l)
				}
				if len(ans.Sources) != len(m.SourceIDs) {
					t.Errorf("sources = %d, want %d", len(ans.Sources), len(m.SourceIDs))
				}
				if strings.Contains(ans.Body.Full, "["+m.SourceIDs[0]+"]") || !strings.Contains(ans.Body.Full, "[1]") {
					t.Errorf("citations not numbered: %.120s", ans.Body.Full)
				}
				if n := utf8.RuneCountInString(ans.Post()); n > PostLimit {
					t.Errorf("post is %d characters", n)
				}
			})
		}
	}
}

func TestAskAbstainsOffTopic(t *testing.T) {
	ix := builtinIndex(t)
	b := New(Options{Matcher: ix})
	for _, q := range []string{"what's the weather like tomorrow?", "asdf qwerty", "¿dónde está la estación de tren?", "merci beaucoup"} {
		ans, err := b.Ask(context.Background(), Request{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Outcome != Abstained || ans.Match != nil || ans.Body != nil {
			t.Errorf("%q: outcome %s match %+v, want abstained", q, ans.Outcome, ans.Match)
		}
		// Every myth of the base is offered as a topic; the count grows with the base.
		if want := len(ix.Base().Myths); len(ans.Topics) != want {
			t.Errorf("%q: %d topics listed, want %d", q, len(ans.Topics), want)
		}
	}
}

// fixedMatcher returns set candidates, to test the policy apart from the matcher.
type fixedMatcher struct {
	base  *facts.Base
	confs map[string]float64
	order []string
}

func (f fixedMatcher) Base() *facts.Base          { return f.base }
func (f fixedMatcher) Terms(string, string) Terms { return Terms{} }
func (f fixedMatcher) Match(context.Context, string, string, int) []facts.Candidate {
	var out []facts.Candidate
	for _, id := range f.order {
		out = append(out, facts.Candidate{Myth: f.base.Myth(id), Confidence: f.confs[id]})
	}
	return out
}

func TestPolicy(t *testing.T) {
	base := builtinIndex(t).Base()
	tests := []struct {
		name        string
		top         float64
		second      float64
		overheard   bool
		outcome     Outcome
		alts        int
		suggestions []string
	}{
		{"confident", 0.9, 0.1, false, Matched, 0, nil},
		{"confident with an alternative", 0.9, 0.3, false, Matched, 1, nil},
		{"close second", 0.7, 0.65, false, Ambiguous, 1, nil},
		{"below the answer threshold: suggestions", 0.45, 0.3, false, Suggested, 0, []string{"housing", "jobs"}},
		{"only the first is worth suggesting", 0.45, 0.01, false, Suggested, 0, []string{"housing"}},
		// Suggestions are offered on the chance that the right myth is among them: two close
		// candidates neither of which alone is likely (odds 1/4 each: a chance of 1/3 between them).
		{"two unlikely but close candidates: suggestions", 0.2, 0.2, false, Suggested, 0, []string{"housing", "jobs"}},
		{"below the suggestion threshold", 0.15, 0.05, false, Abstained, 0, nil},
		{"overheard and very sure", 0.95, 0.1, true, Matched, 0, nil},
		{"overheard: an explicit ask's answer is not enough", 0.8, 0.1, true, Abstained, 0, nil},
		{"overheard: never suggestions", 0.45, 0.3, true, Abstained, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixedMatcher{base: base, confs: map[string]float64{"housing": tt.top, "jobs": tt.second}, order: []string{"housing", "jobs"}}
			ans, err := New(Options{Matcher: m}).Ask(context.Background(), Request{Text: "anything", Overheard: tt.overheard})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Outcome != tt.outcome || len(ans.Alternatives) != tt.alts {
				t.Errorf("outcome %s with %d alternatives, want %s with %d", ans.Outcome, len(ans.Alternatives), tt.outcome, tt.alts)
			}
			var got []string
			for _, s := range ans.Suggestions {
				got = append(got, s.ID)
			}
			if !slices.Equal(got, tt.suggestions) {
				t.Errorf("suggestions %v, want %v", got, tt.suggestions)
			}
			if (ans.Outcome == Abstained) != (len(ans.Topics) > 0) {
				t.Errorf("outcome %s with %d topics: topics are listed exactly when the bot abstains", ans.Outcome, len(ans.Topics))
			}
		})
	}
}

func TestLanguageChoice(t *testing.T) {
	b := New(Options{Matcher: builtinIndex(t)})
	ctx := context.Background()
	tests := []struct {
		req      Request
		wantReq  string
		wantBody string
	}{
		{Request{Text: "immigrants are the reason rent is so high"}, "en", "en"},
		{Request{Text: "les immigrants font exploser les loyers"}, "fr", "fr"},
		{Request{Text: "immigrants are the reason rent is so high", Lang: "es-MX"}, "es", "es"},
		{Request{Text: "immigrants are the reason rent is so high", Lang: "tl"}, "tl", "en"},
	}
	for _, tt := range tests {
		ans, err := b.Ask(ctx, tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Body == nil {
			t.Fatalf("%+v: abstained", tt.req)
		}
		if ans.Lang != tt.wantReq || ans.Body.Lang != tt.wantBody {
			t.Errorf("%+v: lang %s, body %s; want %s, %s", tt.req, ans.Lang, ans.Body.Lang, tt.wantReq, tt.wantBody)
		}
	}
	// A chat's language applies when the request names none.
	if err := b.SetSettings(ctx, "telegram:1", ChatSettings{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	ans, _ := b.Ask(ctx, Request{Text: "they take our jobs", Chat: "telegram:1"})
	if ans.Body == nil || ans.Body.Lang != "fr" {
		t.Errorf("chat language not applied: %+v", ans.Body)
	}
	if err := b.SetSettings(ctx, "telegram:1", ChatSettings{Lang: "xx"}); ErrorCode(err) != CodeInvalid {
		t.Errorf("unknown language accepted: %v", err)
	}
}

func TestAskErrors(t *testing.T) {
	b := New(Options{Matcher: builtinIndex(t)})
	for _, text := range []string{"", "   \n", strings.Repeat("rent ", 500)} {
		_, err := b.Ask(context.Background(), Request{Text: text})
		if ErrorCode(err) != CodeInvalid {
			t.Errorf("%.20q: error %v, want invalid", text, err)
		}
	}
	if _, err := b.Explain(context.Background(), "no-such-myth", Request{}); ErrorCode(err) != CodeNotFound {
		t.Errorf("Explain unknown myth: %v", err)
	}
	if ErrorCode(errors.New("plain")) != CodeInternal {
		t.Error("foreign errors must map to internal")
	}
}

func TestExplain(t *testing.T) {
	b := New(Options{Matcher: builtinIndex(t)})
	ans, err := b.Explain(context.Background(), "crime", Request{Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Outcome != Chosen || ans.Match.ID != "crime" || ans.Body.Lang != "es" || len(ans.Sources) == 0 {
		t.Errorf("explain = %+v", ans)
	}
}

func TestRateLimits(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b := New(Options{Matcher: builtinIndex(t), Now: clock, Limits: Limits{UserPer: 10 * time.Second, UserBurst: 2, ChatPer: time.Second, ChatBurst: 3}})
	ask := func(user, chat string) error {
		_, err := b.Ask(context.Background(), Request{Text: "they take our jobs", User: user, Chat: chat})
		return err
	}
	for i := range 2 {
		if err := ask("u1", "c1"); err != nil {
			t.Fatalf("question %d refused: %v", i, err)
		}
	}
	if err := ask("u1", "c1"); ErrorCode(err) != CodeRateLimited {
		t.Fatalf("third question from one user: %v, want rate limited", err)
	}
	if err := ask("u2", "c1"); err != nil {
		t.Fatalf("another user in the chat: %v", err)
	}
	if err := ask("u3", "c1"); ErrorCode(err) != CodeRateLimited {
		t.Fatalf("fourth question in one chat: %v, want rate limited", err)
	}
	now = now.Add(10 * time.Second)
	if err := ask("u1", "c1"); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short enough.", 20, "short enough."},
		{"First sentence here. Second sentence is long.", 30, "First sentence here."},
		{"one two three four five six seven", 20, "one two three four…"},
	}
	for _, tt := range tests {
		if got := clip(tt.in, tt.n); got != tt.want || utf8.RuneCountInString(got) > tt.n {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func BenchmarkAsk(b *testing.B) {
	bt := New(Options{Matcher: builtinIndex(b)})
	ctx := context.Background()
	for b.Loop() {
		if _, err := bt.Ask(ctx, Request{Text: "immigrants are the reason rent is so high"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPostKeepsTheRebuttalWhole(t *testing.T) {
	long := &Source{URL: "https://example.org/" + strings.Repeat("a", 200)}
	short := &Source{URL: "https://example.org/b"}
	shorter := &Source{URL: "https://ex.org/c"}
	text := strings.Repeat("word ", 40) + "end."
	tests := []struct {
		name    string
		sources []*Source
		want    string
	}{
		{"first source fits", []*Source{short, shorter}, text + "\n" + short.URL},
		{"a later source fits", []*Source{long, short}, text + "\n" + short.URL},
		{"none fits: shortest link, clipped text", []*Source{long, {URL: "https://example.org/" + strings.Repeat("b", 100)}}, ""},
	}
	for _, tt := range tests {
		a := Answer{Body: &Body{Short: text}, Sources: tt.sources}
		got := a.Post()
		if n := utf8.RuneCountInString(got); n > PostLimit {
			t.Errorf("%s: %d characters", tt.name, n)
		}
		if tt.want != "" && got != tt.want {
			t.Errorf("%s: got %q", tt.name, got)
		}
		if tt.want == "" && (!strings.HasSuffix(got, "b") || !strings.Contains(got, "…")) {
			t.Errorf("%s: got %q, want the shorter link and a clipped text", tt.name, got)
		}
	}
}

// TestAskAnswersAKnownHoaxLink: a question holding a link a myth lists, in another form of the
// same address, is answered with that myth at full confidence whatever the words say; another
// article of the same site is left to the matcher.
func TestAskAnswersAKnownHoaxLink(t *testing.T) {
	ix := factstest.IndexWithLinks(t, map[string][]string{
		"asylum-hotels": {"https://www.example-hoax.news/2026/11/asylum-seekers-five-star-hotels"},
	})
	b := New(Options{Matcher: ix})
	for _, q := range []string{
		"is this true? https://m.example-hoax.news/2026/11/asylum-seekers-five-star-hotels/amp?utm_source=whatsapp&fbclid=x",
		"example-hoax.news/2026/11/asylum-seekers-five-star-hotels",
		// Words that point at another myth do not outweigh the link.
		"immigrants are the reason rent is so high http://example-hoax.news/2026/11/asylum-seekers-five-star-hotels/#comments",
	} {
		ans, err := b.Ask(context.Background(), Request{Text: q, Surface: SurfaceCLI})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Outcome != Matched || ans.Match == nil || ans.Match.ID != "asylum-hotels" || ans.Match.Confidence != 1 {
			t.Fatalf("%q: outcome %s match %+v, want asylum-hotels matched at 1", q, ans.Outcome, ans.Match)
		}
		if ans.Body == nil || len(ans.Sources) == 0 || ans.Query != q {
			t.Errorf("%q: answer not composed: body %v, %d sources, query %q", q, ans.Body != nil, len(ans.Sources), ans.Query)
		}
	}
	// Overheard, the link is as sure as any words.
	ans, err := b.Ask(context.Background(), Request{Text: "lol https://example-hoax.news/2026/11/asylum-seekers-five-star-hotels", Overheard: true})
	if err != nil || ans.Outcome != Matched {
		t.Fatalf("overheard link: %s %v", ans.Outcome, err)
	}
	for _, q := range []string{"https://example-hoax.news/2026/11/weather-tomorrow", "https://example-hoax.news/2026/11/asylum-seekers-five-star-hotels/comments"} {
		ans, err := b.Ask(context.Background(), Request{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Match != nil && ans.Match.Confidence == 1 {
			t.Errorf("%q: answered %s at full confidence from an unknown link", q, ans.Match.ID)
		}
	}
}
