package bot

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// encoderJSON is the reference encoding AppendJSON must match: json.Encoder, HTML left as is.
func encoderJSON(t *testing.T, a Answer) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func appendJSON(t *testing.T, a Answer) string {
	t.Helper()
	out, err := a.AppendJSON([]byte("prefix:"))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := strings.CutPrefix(string(out), "prefix:")
	if !ok {
		t.Fatalf("AppendJSON lost what dst held: %.40s", out)
	}
	return got
}

// TestAppendJSONMatchesEncoder compares AppendJSON with encoding/json on every myth in every
// language, chosen and asked, and on answers whose body or sources changed after composing.
func TestAppendJSONMatchesEncoder(t *testing.T) {
	ix := builtinIndex(t)
	b := New(Options{Matcher: ix})
	ctx := t.Context()
	var answers []Answer
	for _, m := range ix.Base().Myths {
		for _, l := range m.Langs() {
			chosen, err := b.Explain(ctx, m.ID, Request{Lang: l})
			if err != nil {
				t.Fatal(err)
			}
			asked, err := b.Ask(ctx, Request{Text: `"` + m.Texts[l].Claim + `" <b>&</b> \ ` + "\u2028"})
			if err != nil {
				t.Fatal(err)
			}
			if chosen.curatedFragment() == nil || asked.Outcome != Abstained && asked.curatedFragment() == nil {
				t.Fatalf("%s/%s: the encoded curated answer is not used", m.ID, l)
			}
			answers = append(answers, chosen, asked)
		}
	}
	abstained, err := b.Ask(ctx, Request{Text: "what a lovely day for a picnic by the lake"})
	if err != nil || abstained.Outcome != Abstained {
		t.Fatalf("%v %s", err, abstained.Outcome)
	}
	answers = append(answers, abstained, Answer{}, Answer{Query: "no body", Alternatives: []Match{}, Sources: []*Source{}})
	// A question read from a picture keeps the curated encoding, with its input after it.
	read := answers[1]
	read.Input = &Input{Kind: InputImage, Text: "read <from> a \"picture\""}
	if read.Outcome == Chosen || read.curatedFragment() == nil {
		t.Fatalf("answer 1 is %s, not an asked curated answer", read.Outcome)
	}
	answers = append(answers, read)

	edited := func(edit func(a *Answer)) Answer {
		a, err := b.Explain(ctx, "housing", Request{Lang: "fr"})
		if err != nil {
			t.Fatal(err)
		}
		edit(&a)
		if a.curatedFragment() != nil {
			t.Fatal("an edited answer still uses the curated encoding")
		}
		return a
	}
	answers = append(answers,
		edited(func(a *Answer) { // as a paraphrase leaves it
			a.Body = &Body{Short: "rephrased", Full: "rephrased", Lang: "fr", Paraphrased: true, Original: &Original{Short: a.Body.Short}}
		}),
		edited(func(a *Answer) { a.Body.Short = "edited in place" }),
		edited(func(a *Answer) { a.Sources = a.Sources[:1] }),
		edited(func(a *Answer) { a.Sources = nil }),
		edited(func(a *Answer) { a.Body = nil }),
		edited(func(a *Answer) { a.Topics = []Topic{{ID: "x"}} }),
	)
	for i, a := range answers {
		if got, want := appendJSON(t, a), encoderJSON(t, a); got != want {
			t.Fatalf("answer %d (%s %q): AppendJSON\n%s\nencoding/json\n%s", i, a.Outcome, a.Query, got, want)
		}
	}
}

// TestAnswerHeadFields checks answerHead, with the curated body and sources, covers every field
// of Answer's JSON: a field added to Answer and not to answerHead would be lost.
func TestAnswerHeadFields(t *testing.T) {
	names := func(typ reflect.Type) []string {
		var out []string
		for f := range typ.Fields() {
			if tag := f.Tag.Get("json"); f.IsExported() && tag != "-" {
				out = append(out, strings.Split(tag, ",")[0])
			}
		}
		return out
	}
	want := names(reflect.TypeFor[Answer]())
	// Topics, external reviews, suggestions and offers come with no curated body: such answers
	// take encoding/json. The input follows the curated part.
	got := append(names(reflect.TypeFor[answerHead]()), "answer", "sources", "topics", "external", "input", "suggestions", "offer")
	if !slices.Equal(got, want) {
		t.Errorf("answerHead and the curated part encode %v, Answer has %v", got, want)
	}
}
