package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words, 80% sure.", "plain words, 80% sure."},
		{"**bold** _it_ ~~s~~ `c` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\|`},
		{"[click](https://evil.example)", `\[click\]\(https\://evil.example\)`},
		{"see http://www.evil.example/a?b=c and HTTPS://evil.example", `see http\://www.evil.example/a?b=c and HTTPS\://evil.example`},
		{"# heading\n> quote\n- item", "\\# heading\n\\> quote\n\\- item"},
		{"@everyone @here <@&1> <@2> <#3>", `\@everyone \@here \<\@&1\> \<\@2\> \<\#3\>`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		tail     string
		want     string
	}{
		{"fits", "short text", 10, "…", "short text"},
		{"at a word", "one two three four five", 14, "…", "one two three…"},
		{"no dangling escape", `aaaa\*\*\*`, 8, "…", `aaaa\*…`},
		{"emoji count twice", "😀😀😀😀", 5, "…", "😀😀…"},
		{"tail too long", "abcdef", 3, "…read more", "…re"},
	}
	for _, tt := range tests {
		got := cut(tt.in, tt.n, tt.tail)
		if got != tt.want || ulen(got) > tt.n {
			t.Errorf("%s: cut(%q, %d) = %q (%d units), want %q", tt.name, tt.in, tt.n, got, ulen(got), tt.want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	got := unwrap("one\ntwo\n\n\nthree\r\nfour\n")
	if want := "one two\n\nthree four"; got != want {
		t.Errorf("unwrap = %q, want %q", got, want)
	}
}

// huge is an answer past every Discord limit: long texts and forty sources.
func huge(paraphrased bool) bot.Answer {
	long := strings.Repeat("Immigrants *pay* taxes [1] and <@everyone> ", 300)
	var srcs []*bot.Source
	for i := range 40 {
		srcs = append(srcs, &bot.Source{Title: fmt.Sprintf("Report %d %s", i, strings.Repeat("on wages ", 30)), Publisher: "Statistics Canada", Date: "2024", URL: fmt.Sprintf("https://example.org/r(%d)", i)})
	}
	ans := bot.Answer{
		Query: long, Lang: "en", Outcome: bot.Ambiguous,
		Match:        &bot.Match{ID: "wages", Claim: long, Verdict: "missing-context"},
		Alternatives: []bot.Match{{ID: "jobs", Claim: long}, {ID: "welfare", Claim: "Immigrants live on welfare."}},
		Body:         &bot.Body{Short: long, Full: long + "\n\n" + long, Lang: "en", Reviewed: "2026-01-02", Paraphrased: paraphrased},
		Sources:      srcs,
		Words:        bot.Words{Lang: "en", Language: "English", Claim: "Claim", Verdict: "Verdict", Sources: "Sources", Reviewed: "Reviewed"},
	}
	if paraphrased {
		ans.Body.Original = &bot.Original{Short: long, Full: long, Lang: "en"}
	}
	return ans
}

// checkLimits fails on anything Discord would refuse.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if ulen(m.content) > maxContent {
		t.Errorf("content is %d long", ulen(m.content))
	}
	for _, e := range m.embeds {
		total := ulen(e.Title) + ulen(e.Description)
		if e.Footer != nil {
			total += ulen(e.Footer.Text)
		}
		if ulen(e.Title) > maxTitle || ulen(e.Description) > maxDescription || len(e.Fields) > maxFields {
			t.Errorf("embed: title %d, description %d, %d fields", ulen(e.Title), ulen(e.Description), len(e.Fields))
		}
		for _, f := range e.Fields {
			total += ulen(f.Name) + ulen(f.Value)
			if ulen(f.Value) > maxFieldValue || ulen(f.Name) > maxFieldName || f.Value == "" {
				t.Errorf("field %q: value %d long", f.Name, ulen(f.Value))
			}
		}
		if total > maxEmbedTotal {
			t.Errorf("embed totals %d characters", total)
		}
	}
	if len(m.components) > maxRows {
		t.Errorf("%d action rows", len(m.components))
	}
	ids := map[string]bool{}
	for _, r := range m.components {
		for _, c := range r.(discordgo.ActionsRow).Components {
			switch c := c.(type) {
			case discordgo.Button:
				if c.CustomID != "" && (ids[c.CustomID] || len(c.CustomID) > 100) {
					t.Errorf("custom id %q repeated or too long", c.CustomID)
				}
				ids[c.CustomID] = true
			case discordgo.SelectMenu:
				if ids[c.CustomID] || len(c.Options) > maxChoices {
					t.Errorf("menu %q repeated or with %d options", c.CustomID, len(c.Options))
				}
				ids[c.CustomID] = true
				for _, o := range c.Options {
					if ulen(o.Label) > maxLabel || ulen(o.Description) > maxLabel {
						t.Errorf("option %q too long", o.Label)
					}
				}
			}
		}
	}
}

func TestRenderKeepsDiscordsLimits(t *testing.T) {
	r := renderer{publicURL: "https://factline.example/", langs: []bot.Words{{Lang: "en", Language: "English"}, {Lang: "fr", Language: "Français"}, {Lang: "es", Language: "Español"}}, t: english}
	const link = "https://factline.example/myths/wages?lang=en"
	tests := []struct {
		name string
		m    message
		// wantTail ends the description; wantMore is in the last sources field.
		wantTail, wantMore string
	}{
		{"answer", r.answer(huge(false), false), "… [Read the full answer](" + link + ")", "more](" + link + ")."},
		{"paraphrased answer", r.answer(huge(true), true), "… [Read the full answer](" + link + ")", "more](" + link + ")."},
		{"full answer", r.full(huge(true)), "… [Read the full answer](" + link + ")", "more](" + link + ")."},
		{"full answer without a web page", renderer{t: english}.full(huge(false)), "…", "more in the full answer."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLimits(t, tt.m)
			e := tt.m.embeds[0]
			if !strings.HasSuffix(e.Description, tt.wantTail) {
				t.Errorf("description ends %q, want %q", e.Description[max(0, len(e.Description)-80):], tt.wantTail)
			}
			last := e.Fields[len(e.Fields)-1]
			if !strings.HasPrefix(last.Name, "Sources") || !strings.HasSuffix(last.Value, tt.wantMore) {
				t.Errorf("last field %q ends %q, want %q", last.Name, last.Value[max(0, len(last.Value)-60):], tt.wantMore)
			}
			if strings.Contains(e.Description, "<@everyone>") || strings.Contains(e.Description, "*pay*") {
				t.Error("markup in the description is not escaped")
			}
			var values strings.Builder
			for _, f := range e.Fields {
				values.WriteString(f.Value)
			}
			if !strings.Contains(values.String(), "](https://example.org/r%280%29)") || strings.Contains(values.String(), "r(0)") {
				t.Error("parentheses in source URLs are not encoded")
			}
		})
	}
}

func TestRenderTopicsOverManyMenus(t *testing.T) {
	var ts []bot.Topic
	for i := range 130 {
		ts = append(ts, bot.Topic{ID: fmt.Sprintf("myth-%d", i), Title: strings.Repeat("t", 150), Claim: strings.Repeat("c", 150)})
	}
	m := renderer{t: english}.topics(ts, true, strings.Repeat("intro ", 500), "")
	checkLimits(t, m)
	if len(m.components) != maxRows || !m.ephemeral {
		t.Errorf("%d rows, ephemeral %v: want 5 menus, private", len(m.components), m.ephemeral)
	}
}

func TestRefusal(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&bot.Error{Code: bot.CodeRateLimited, Message: "you are asking faster than the bot answers: wait a few seconds"}, "Sorry, slow down a little: you are asking faster than the bot answers: wait a few seconds."},
		{fmt.Errorf("ask: %w", &bot.Error{Code: bot.CodeInvalid, Message: "the question is empty"}), "Sorry, I can't answer that: the question is empty."},
		{errors.New("disk on fire at /var/secret"), "Sorry, something went wrong on my side. Please try again in a moment."},
	}
	for _, tt := range tests {
		if m := (renderer{t: english}).refusal(tt.err); m.content != tt.want || !m.ephemeral {
			t.Errorf("refusal(%v) = %+v, want %q, private", tt.err, m, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	err := errors.New(`Post "https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24/callback": timeout; webhooks/456/c2VjcmV0?wait=true`)
	got := redact(err)
	if strings.Contains(got, "aW50ZXJhY3Rpb24") || strings.Contains(got, "c2VjcmV0") || !strings.Contains(got, "interactions/123/[token]/callback") {
		t.Errorf("redact = %q", got)
	}
}

func TestAPITransportRewritesOnlyDiscord(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = append(got, r.Host+" "+r.URL.RequestURI()) }))
	defer srv.Close()
	base, _ := url.Parse(srv.URL + "/proxy/")
	c := &http.Client{Transport: apiTransport{base: base, next: http.DefaultTransport}}
	for _, u := range []string{discordgo.EndpointGateway, discordgo.EndpointApplicationGlobalCommands("1") + "?with_localizations=true", srv.URL + "/elsewhere"} {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	host := base.Host
	want := []string{host + " /proxy/api/v9/gateway", host + " /proxy/api/v9/applications/1/commands?with_localizations=true", host + " /elsewhere"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSuggestionsRender(t *testing.T) {
	long := strings.Repeat("very-long", 10) // a valid myth id too long for a custom id
	ans := bot.Answer{Outcome: bot.Suggested, Lang: "en", Offer: "q3Vb0xYz1aBc", Suggestions: []bot.Suggestion{
		{ID: "jobs", Title: "Jobs", Claim: "Immigrants take **our** jobs @everyone", Confidence: 0.6},
		{ID: long, Title: "Too long", Claim: "Unreachable", Confidence: 0.5},
		{ID: "wages", Title: strings.Repeat("A very long title ", 10), Claim: "Wages fall", Confidence: 0.4},
		{ID: "housing-costs-of-the-newcomers-in-the-largest-cities-of-the-whole-country-today", Title: "Housing", Claim: "Rents rise", Confidence: 0.3},
	}}
	m := renderer{t: english}.answer(ans, true)
	if !m.ephemeral || !strings.HasPrefix(m.content, english.Suggest) {
		t.Errorf("message = %+v, want the private intro", m)
	}
	if !strings.Contains(m.content, `**1.** Immigrants take \*\*our\*\* jobs \@everyone`) || !strings.Contains(m.content, "**2.** Wages fall") || strings.Contains(m.content, "Unreachable") {
		t.Errorf("content = %q, want the reachable claims numbered and escaped", m.content)
	}
	if len(m.components) != 1 {
		t.Fatalf("components = %+v, want one row", m.components)
	}
	var ids, labels []string
	for _, c := range m.components[0].(discordgo.ActionsRow).Components {
		b := c.(discordgo.Button)
		ids, labels = append(ids, b.CustomID), append(labels, b.Label)
		if ulen(b.Label) > maxButtonLabel || len(b.CustomID) > maxCustomID {
			t.Errorf("button %q / %q over Discord's limits", b.Label, b.CustomID)
		}
	}
	want := []string{"fl:pick:p:en:jobs:q3Vb0xYz1aBc", "fl:pick:p:en:wages:q3Vb0xYz1aBc",
		"fl:pick:p:en:housing-costs-of-the-newcomers-in-the-largest-cities-of-the-whole-country-today:", "fl:none:q3Vb0xYz1aBc"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("custom ids = %q, want %q (the long id left out, the offer dropped where it would not fit)", ids, want)
	}
	if labels[0] != "1. Jobs" || !strings.HasPrefix(labels[1], "2. A very long title") || labels[3] != "None of these" {
		t.Errorf("labels = %q", labels)
	}
	for _, id := range want[:3] {
		if p, ok := parsePick(strings.Split(id, ":")); !ok || !p.private || p.lang != "en" {
			t.Errorf("parsePick(%q) = %+v, %v: the ids made must read back", id, p, ok)
		}
	}
}

// TestAlternativesQuestion: the menu of alternatives asks "did you mean" under an ambiguous
// answer, as it always has, with the field listing them, and "not this one?" under a sure one,
// without the field; it carries the offer when there is one.
func TestAlternativesQuestion(t *testing.T) {
	r := renderer{t: english}
	for _, tt := range []struct {
		outcome            bot.Outcome
		offer, placeholder string
		id                 string
		field              bool
	}{
		{bot.Ambiguous, "", english.OtherClaim, "fl:myth", true},
		{bot.Matched, "", english.NotThis, "fl:myth", false},
		{bot.Matched, "AAAAAAAAAAAA", english.NotThis, "fl:topic:o:0:AAAAAAAAAAAA", false},
	} {
		ans := huge(false)
		ans.Outcome, ans.Offer = tt.outcome, tt.offer
		m := r.answer(ans, false)
		var menus []discordgo.SelectMenu
		for _, row := range m.components {
			for _, c := range row.(discordgo.ActionsRow).Components {
				if s, ok := c.(discordgo.SelectMenu); ok && s.Placeholder != english.OtherLang {
					menus = append(menus, s)
				}
			}
		}
		if len(menus) != 1 || menus[0].Placeholder != tt.placeholder || menus[0].CustomID != tt.id || len(menus[0].Options) != len(ans.Alternatives) {
			t.Errorf("%s, offer %q: menus %+v, want one %q, %s, with the alternatives", tt.outcome, tt.offer, menus, tt.placeholder, tt.id)
		}
		hasField := false
		for _, f := range m.embeds[0].Fields {
			hasField = hasField || f.Name == english.DidYouMean
		}
		if hasField != tt.field {
			t.Errorf("%s: a %q field = %v, want %v", tt.outcome, english.DidYouMean, hasField, tt.field)
		}
	}
}
