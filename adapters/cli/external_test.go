package cli

import (
	"strings"
	"testing"
	"time"

	"factline/bot"
	"factline/bot/reviews"
	"factline/facts/factstest"
)

// hostileReview is an imported review whose texts carry markup, as a feed may.
var hostileReview = reviews.Review{
	Claim: "Lyon gave every *asylum seeker* a free [car](https://evil.example) <b>now</b>", Publisher: "AFP _Factuel_", Site: "factuel.afp.com",
	URL: "https://factuel.afp.com/lyon-(voitures)", Rating: "Faux", Lang: "fr", ReviewDate: time.Date(2025, 4, 29, 0, 0, 0, 0, time.UTC),
}

// externalAnswer asks a bot over the built-in base, whose imported collection holds r, a claim
// the base does not cover.
func externalAnswer(t *testing.T, r reviews.Review, lang string) bot.Answer {
	t.Helper()
	ix, err := reviews.New([]reviews.Review{r})
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Policy: bot.DefaultPolicy(), Reviews: ix})
	ans, err := b.Ask(t.Context(), bot.Request{Text: "Lyon gave every asylum seeker a free car", Lang: lang, Surface: bot.SurfaceCLI})
	if err != nil || ans.Outcome != bot.External {
		t.Fatalf("%v %s: want an external answer", err, ans.Outcome)
	}
	return ans
}

func TestWriteExternal(t *testing.T) {
	ans := externalAnswer(t, hostileReview, "en")
	var text, md strings.Builder
	if err := WriteText(&text, ans); err != nil {
		t.Fatal(err)
	}
	want := `Checked by AFP _Factuel_, not by us

AFP _Factuel_ reviewed a similar claim on 2025-04-29 and rated it: Faux.

Claim: “Lyon gave every *asylum seeker* a free [car](https://evil.example) <b>now</b>”
Verdict: False
https://factuel.afp.com/lyon-(voitures)
`
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	if err := WriteMarkdown(&md, ans); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"*Checked by AFP \\_Factuel\\_, not by us*\n",
		`**Claim:** Lyon gave every \*asylum seeker\* a free \[car\](https://evil.example) \<b\>now\</b\> — **False**`,
		"AFP \\_Factuel\\_ reviewed a similar claim on 2025-04-29 and rated it: Faux.",
		"[factuel.afp.com](https://factuel.afp.com/lyon-%28voitures%29)\n",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if strings.Contains(text.String()+md.String(), "Sources") || strings.Contains(md.String(), "Reviewed") {
		t.Errorf("an external answer lists sources of ours:\n%s\n%s", text.String(), md.String())
	}
}

func TestWriteExternalInSpanish(t *testing.T) {
	undated := hostileReview
	undated.ReviewDate = time.Time{}
	var text strings.Builder
	if err := WriteText(&text, externalAnswer(t, undated, "es")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Verificado por AFP _Factuel_, no por nosotros\n", "AFP _Factuel_ verificó una afirmación similar y la calificó: Faux.", "Veredicto: Falso\n"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
}
