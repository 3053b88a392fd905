package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"factline/bot"
)

// answer decodes an answer from its JSON, the contract `factline ask --format json` prints, with
// the words the bot gives an answer in its language (not part of the JSON).
func answer(t *testing.T, doc string) bot.Answer {
	t.Helper()
	var a bot.Answer
	if err := json.Unmarshal([]byte(doc), &a); err != nil {
		t.Fatal(err)
	}
	a.Words = wordsIn[a.Lang]
	return a
}

// wordsIn are answer words as a fact base writes them (the built-in base's words/<lang>.yaml).
var wordsIn = map[string]bot.Words{
	"en": {Lang: "en", Language: "English", Claim: "Claim", Verdict: "Verdict", Sources: "Sources", Reviewed: "Reviewed"},
	"es": {Lang: "es", Language: "Español", Claim: "Afirmación", Verdict: "Veredicto", Sources: "Fuentes", Reviewed: "Revisado el"},
}

const matched = `{"query": "q", "lang": "es", "outcome": "ambiguous",
	"match": {"id": "jobs", "claim": "They *take* [our](https://evil.example) jobs", "verdict": "mostly-false", "confidence": 0.8},
	"alternatives": [{"id": "wages", "claim": "They lower wages", "verdict": "misleading", "confidence": 0.75}],
	"answer": {"short": "No es así.", "full": "Los datos [1] dicen <otra> cosa.", "lang": "es", "reviewed": "2026-11-27", "paraphrased": false},
	"sources": [{"id": "s1", "title": "Labour _market_ [review]", "publisher": "StatCan", "date": "2024", "url": "https://www.statcan.gc.ca/x"},
		{"id": "s2", "title": "Wages", "publisher": "OECD", "url": "https://oecd.org/y"}]}`

func TestWriteText(t *testing.T) {
	var b strings.Builder
	if err := WriteText(&b, answer(t, matched)); err != nil {
		t.Fatal(err)
	}
	want := `(No es seguro de qué afirmación se trata. Respuesta a «They *take* [our](https://evil.example) jobs»; si quiso decir «They lower wages», vuelva a preguntar con más palabras.)

No es así.

Fuentes:
[1] Labour _market_ [review]. StatCan, 2024. https://www.statcan.gc.ca/x
[2] Wages. OECD. https://oecd.org/y

¿No es esta? Puede que se trate de:
  factline ask --myth wages --lang es  # They lower wages
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestWriteTextAlternatives: a sure answer lists its alternatives, best first, each as the
// command that prints it (in English, the default, without --lang) with its claim as a comment;
// an answer without alternatives, or a chosen one, lists none, and nor does the Markdown to paste.
func TestWriteTextAlternatives(t *testing.T) {
	a := answer(t, `{"query": "q", "lang": "en", "outcome": "matched",
		"match": {"id": "jobs", "claim": "They take our jobs", "verdict": "mostly-false", "confidence": 0.97},
		"alternatives": [{"id": "tfw-youth-jobs", "claim": "Temporary foreign workers\ntake jobs from the young", "verdict": "exaggerated", "confidence": 0.3},
			{"id": "wages", "claim": "They lower wages", "verdict": "misleading", "confidence": 0.2}],
		"answer": {"short": "Not so.", "full": "Not so [1].", "lang": "en", "reviewed": "2026-11-27", "paraphrased": false},
		"sources": [{"id": "s1", "title": "Labour", "publisher": "StatCan", "date": "2024", "url": "https://www.statcan.gc.ca/x"}]}`)
	var b strings.Builder
	if err := WriteText(&b, a); err != nil {
		t.Fatal(err)
	}
	want := `Not so.

Sources:
[1] Labour. StatCan, 2024. https://www.statcan.gc.ca/x

Not this one? It may be about:
  factline ask --myth tfw-youth-jobs  # Temporary foreign workers take jobs from the young
  factline ask --myth wages           # They lower wages
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteMarkdown(&b, a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "--myth") {
		t.Errorf("the Markdown to paste lists commands:\n%s", b.String())
	}
	for _, outcome := range []bot.Outcome{bot.Matched, bot.Chosen} {
		alone := a
		alone.Outcome = outcome
		if outcome == bot.Matched {
			alone.Alternatives = []bot.Match{}
		}
		b.Reset()
		if err := WriteText(&b, alone); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "Not this one?") || strings.Contains(b.String(), "--myth") {
			t.Errorf("%s with %d alternatives lists some:\n%s", outcome, len(alone.Alternatives), b.String())
		}
	}
}

func TestWriteMarkdownEscapes(t *testing.T) {
	var b strings.Builder
	if err := WriteMarkdown(&b, answer(t, matched)); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		`**Afirmación:** They \*take\* \[our\](https://evil.example) jobs — **mostly-false**`,
		`Los datos \[1\] dicen \<otra\> cosa.`,
		`1. [Labour \_market\_ \[review\]](https://www.statcan.gc.ca/x), StatCan, 2024`,
		`2. [Wages](https://oecd.org/y), OECD` + "\n",
		"*Revisado el 2026-11-27.*",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
}

func TestWriteAbstained(t *testing.T) {
	a := answer(t, `{"query": "q", "lang": "en", "outcome": "abstained", "match": null, "answer": null, "sources": [],
		"topics": [{"id": "housing", "title": "Housing *costs*", "claim": "Immigrants cause the housing crisis"}]}`)
	var text, md strings.Builder
	if err := WriteText(&text, a); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, a); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "No confident answer") || !strings.Contains(text.String(), "  housing                  Immigrants cause the housing crisis\n") {
		t.Errorf("text:\n%s", text.String())
	}
	if !strings.Contains(md.String(), `- **Housing \*costs\***: Immigrants cause the housing crisis`) {
		t.Errorf("markdown:\n%s", md.String())
	}
}

func report(groups int) bot.Report {
	r := bot.Report{
		Since: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), Asked: 10, Abstained: 4, AbstainRate: 0.4,
		Surfaces: []bot.SurfaceReport{{Surface: bot.SurfaceTelegram, Asked: 10, Abstained: 4, AbstainRate: 0.4}},
		Myths: []bot.MythReport{{ID: "housing", Claim: "rent", Answered: 6,
			BySurface: map[bot.Surface]int{bot.SurfaceTelegram: 4, bot.SurfaceWeb: 2}, ByLang: map[string]int{"fr": 3, "en": 3},
			Helpful: 1, Unhelpful: 4, Reasons: []string{"a", "b", "c", "d"}}},
	}
	for i := range groups {
		r.Unanswered = append(r.Unanswered, bot.QuestionGroup{Count: groups - i, Keywords: []string{fmt.Sprint("k", i)},
			Langs: map[string]int{"en": 1}, Examples: []string{fmt.Sprint("question ", i)}})
	}
	return r
}

func TestWriteReport(t *testing.T) {
	var b strings.Builder
	if err := WriteReport(&b, report(reportGroups+2)); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"factline report since 2026-11-03\n",
		"Questions: 10, no answer for 4 (40.0%)\n",
		"  telegram      10 questions, no answer for 4 (40.0%)\n",
		"  housing                        6  telegram 4, web 2 · en 3, fr 3 · helpful 1, not helpful 4\n",
		"      ... and 1 more reasons (--format json lists them)\n",
		"   22 × k0 · en 1\n",
		"  ... and 2 more groups (--format json or csv lists them)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "question 20") {
		t.Errorf("the text report shows more than %d groups:\n%s", reportGroups, got)
	}
}

func TestWriteReportCSV(t *testing.T) {
	var b strings.Builder
	if err := WriteReportCSV(&b, report(reportGroups+2)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+1+1+1+reportGroups+2 {
		t.Fatalf("%d rows, want header, total, surface, myth and every group:\n%s", len(rows), b.String())
	}
	want := []string{"myth", "housing", "6", "", "1", "4", "telegram 4, web 2", "en 3, fr 3", "rent | a | b | c | d"}
	if !slices.Equal(rows[3], want) {
		t.Errorf("myth row = %q, want %q", rows[3], want)
	}
	if last := rows[len(rows)-1]; last[0] != "unanswered" || last[8] != fmt.Sprint("question ", reportGroups+1) {
		t.Errorf("last row = %q, want the last unanswered group", last)
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

var errClosed = errors.New("closed pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosed }

func TestWriteErrorsAreReturned(t *testing.T) {
	a := answer(t, matched)
	for name, err := range map[string]error{
		"text":       WriteText(failingWriter{}, a),
		"markdown":   WriteMarkdown(failingWriter{}, a),
		"report":     WriteReport(failingWriter{}, report(1)),
		"report csv": WriteReportCSV(failingWriter{}, report(1)),
	} {
		if !errors.Is(err, errClosed) {
			t.Errorf("%s: err = %v, want the writer's error", name, err)
		}
	}
}

// TestWriteSuggested: suggestions are listed with the command that prints one, in the answer's language.
func TestWriteSuggested(t *testing.T) {
	a := answer(t, `{"query": "q", "lang": "es", "outcome": "suggested", "match": null, "answer": null, "sources": [],
		"suggestions": [{"id": "housing", "title": "Vivienda *y* alquiler", "claim": "Los inmigrantes causan la crisis de la vivienda", "confidence": 0.4},
			{"id": "jobs", "title": "Empleo", "claim": "Nos quitan el trabajo", "confidence": 0.3}]}`)
	var text, md strings.Builder
	if err := WriteText(&text, a); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, a); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"¿Es alguna de estas?", "  housing                  Los inmigrantes causan la crisis de la vivienda\n",
		"  jobs ", "factline ask --myth housing"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	for _, want := range []string{"- **Vivienda \\*y\\* alquiler**: Los inmigrantes causan la crisis de la vivienda (`factline ask --myth housing`)"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if strings.Contains(text.String()+md.String(), "Topics") || strings.Contains(text.String()+md.String(), "Afirmaciones que puede responder") {
		t.Errorf("a suggested answer lists the topics:\n%s\n%s", text.String(), md.String())
	}
}

// TestReportCSVDefused: questions come from the public, so no cell may run as a spreadsheet
// formula or carry control bytes; the chosen phrasings and declined questions have rows too.
func TestReportCSVDefused(t *testing.T) {
	r := bot.Report{
		Unanswered: []bot.QuestionGroup{{Count: 2, Keywords: []string{"=cmd|' /C calc'!A0"}, Langs: map[string]int{"en": 2},
			Examples: []string{"=HYPERLINK(\"https://evil.example\",\"click\")", "+1 \x1b[31mred\x07"}}},
		NoneOfThese: []bot.QuestionGroup{{Count: 1, Keywords: []string{"potholes"}, Langs: map[string]int{"en": 1}, Examples: []string{"@SUM(1+1)"}}},
		Chosen: []bot.ChosenPhrasings{{MythID: "housing", Lang: "en", File: "myths/housing/en.md",
			Questions: []bot.ChosenQuestion{{Text: "-2+3 newcomers are why rent\r\nis high", Count: 1}}}},
	}
	var b strings.Builder
	if err := WriteReportCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, row := range rows {
		kinds[row[0]] = true
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
			if strings.ContainsFunc(c, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				t.Errorf("cell %q carries control characters", c)
			}
		}
	}
	for _, k := range []string{"unanswered", "none_of_these", "chosen"} {
		if !kinds[k] {
			t.Errorf("no %s row in:\n%s", k, b.String())
		}
	}
	if !strings.Contains(b.String(), `'=HYPERLINK(""https://evil.example""`) {
		t.Errorf("the formula's text is not kept, defused:\n%s", b.String())
	}
}

// TestWritePictureText: an answer to a picture starts with the text read, so the asker sees
// what was checked; in Markdown the text is escaped, as it comes from a stranger's picture.
func TestWritePictureText(t *testing.T) {
	a := answer(t, matched)
	a.Input = &bot.Input{Kind: bot.InputImage, Text: "ILS VOLENT NOS *EMPLOIS*\nvoir [ici](https://evil.example)"}
	var text, md strings.Builder
	if err := WriteText(&text, a); err != nil {
		t.Fatal(err)
	}
	if want := "Leído en la imagen:\n  ILS VOLENT NOS *EMPLOIS*\n  voir [ici](https://evil.example)\n\n(No es seguro"; !strings.Contains(text.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, text.String())
	}
	if err := WriteMarkdown(&md, a); err != nil {
		t.Fatal(err)
	}
	if want := "*Leído en la imagen:*\n\n> ILS VOLENT NOS \\*EMPLOIS\\*\n> voir \\[ici\\](https://evil.example)\n\n**Afirmación:**"; !strings.HasPrefix(md.String(), want) {
		t.Errorf("markdown does not start with %q:\n%s", want, md.String())
	}
	a.Input = &bot.Input{Kind: bot.InputText}
	text.Reset()
	if err := WriteText(&text, a); err != nil || strings.Contains(text.String(), "imagen") {
		t.Errorf("a typed question shows a text read: %v\n%s", err, text.String())
	}
}
