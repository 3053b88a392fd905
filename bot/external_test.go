package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// reviewsOf is a ReviewSearcher over a fixed answer, counting the searches it was asked.
type reviewsOf struct {
	review *ExternalReview
	err    error
	asked  []string
}

func (r *reviewsOf) SearchReview(_ context.Context, text, _ string) (*ExternalReview, error) {
	r.asked = append(r.asked, text)
	return r.review, r.err
}

var afpReview = &ExternalReview{Claim: "A city gave every migrant a free car.", Rating: "Faux", Verdict: "false",
	Publisher: "AFP Factuel", Site: "factuel.afp.com", URL: "https://factuel.afp.com/x", ReviewDate: "2025-04-29", Lang: "fr", Confidence: 0.9}

func TestExternalTierOrder(t *testing.T) {
	ctx := t.Context()
	const uncovered = "a city gave every migrant a free car, call 555-0100"
	t.Run("a curated answer comes first", func(t *testing.T) {
		reviews := &reviewsOf{review: afpReview}
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: reviews})
		ans, err := b.Ask(ctx, Request{Text: "immigrants cause the housing crisis"})
		if err != nil || ans.Outcome != Matched || ans.External != nil || len(reviews.asked) > 0 {
			t.Fatalf("%v %s %v, searched %q", err, ans.Outcome, ans.External, reviews.asked)
		}
	})
	t.Run("the collection, then the live lookup", func(t *testing.T) {
		reviews, lookup := &reviewsOf{}, &reviewsOf{review: afpReview}
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: reviews, Lookup: lookup})
		ans, err := b.Ask(ctx, Request{Text: uncovered, Lang: "en"})
		if err != nil || ans.Outcome != External || ans.External != afpReview {
			t.Fatalf("%v %s %v", err, ans.Outcome, ans.External)
		}
		if len(reviews.asked) != 1 || len(lookup.asked) != 1 || strings.Contains(lookup.asked[0], "555-0100") {
			t.Fatalf("searched %q then %q: want each once, scrubbed", reviews.asked, lookup.asked)
		}
		if want := "AFP Factuel reviewed a similar claim on 2025-04-29 and rated it: Faux."; ans.Body == nil || ans.Body.Short != want {
			t.Fatalf("body %+v, want %q", ans.Body, want)
		}
		if got := ans.Words.ExternalLabel("AFP"); got != "Checked by AFP, not by us" {
			t.Errorf("label %q", got)
		}
		if ans.Match != nil || len(ans.Suggestions) > 0 || len(ans.Topics) > 0 {
			t.Errorf("an external answer carries curated parts: %+v", ans)
		}
		js, err := ans.AppendJSON(nil)
		if err != nil || !strings.Contains(string(js), `"external":{"claim":"A city gave every migrant a free car."`) {
			t.Fatalf("%v %s", err, js)
		}
	})
	t.Run("in the asked language", func(t *testing.T) {
		undated := *afpReview
		undated.ReviewDate = ""
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: &reviewsOf{review: &undated}})
		ans, err := b.Ask(ctx, Request{Text: uncovered, Lang: "es"})
		if want := "AFP Factuel verificó una afirmación similar y la calificó: Faux."; err != nil || ans.Body.Short != want {
			t.Fatalf("%v %q, want %q", err, ans.Body.Short, want)
		}
	})
	t.Run("drafts skip the live lookup, overheard messages both", func(t *testing.T) {
		reviews, lookup := &reviewsOf{}, &reviewsOf{review: afpReview}
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: reviews, Lookup: lookup})
		if ans, _ := b.Ask(ctx, Request{Text: uncovered, Draft: true}); ans.Outcome == External || len(lookup.asked) > 0 || len(reviews.asked) != 1 {
			t.Fatalf("draft: %s, collection %d, lookup %d", ans.Outcome, len(reviews.asked), len(lookup.asked))
		}
		if ans, _ := b.Ask(ctx, Request{Text: uncovered, Overheard: true}); ans.Outcome == External || len(reviews.asked) != 1 {
			t.Fatalf("overheard: %s, collection %d", ans.Outcome, len(reviews.asked))
		}
	})
	t.Run("the question is kept for the curator", func(t *testing.T) {
		store := &memStore{}
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: &reviewsOf{review: afpReview}, Store: store, KeepUnanswered: true})
		if ans, err := b.Ask(ctx, Request{Text: uncovered}); err != nil || ans.Outcome != External {
			t.Fatalf("%v %s", err, ans.Outcome)
		}
		if err := b.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if len(store.questions) != 1 || strings.Contains(store.questions[0].Text, "555-0100") {
			t.Fatalf("kept %+v: want the question, scrubbed, since no curated myth answers it", store.questions)
		}
	})
	t.Run("a failing search is skipped", func(t *testing.T) {
		b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: &reviewsOf{err: errors.New("disk")}, Lookup: &reviewsOf{review: afpReview}})
		if ans, err := b.Ask(ctx, Request{Text: uncovered}); err != nil || ans.Outcome != External {
			t.Fatalf("%v %s", err, ans.Outcome)
		}
	})
}

// pictureText is a PictureReader that reads the same text in every picture.
type pictureText string

func (p pictureText) ReadPicture(context.Context, []byte) (string, error) { return string(p), nil }

func TestPictureQuestion(t *testing.T) {
	ctx := t.Context()
	pic := []byte("\x89PNG")
	b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy()})
	if _, err := b.Ask(ctx, Request{Picture: pic}); ErrorCode(err) != CodeUnavailable {
		t.Fatalf("without a reader: %v", err)
	}
	b = New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Pictures: pictureText("  @ 12:04 ~ #")})
	if _, err := b.Ask(ctx, Request{Picture: pic}); ErrorCode(err) != CodeNoText {
		t.Fatalf("a picture without words: %v", err)
	}
	b = New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Pictures: pictureText("IMMIGRANTS CAUSE THE HOUSING CRISIS\ncall 555-0100")})
	ans, err := b.Ask(ctx, Request{Text: "ignored", Picture: pic})
	if err != nil || ans.Outcome != Matched || ans.Match.ID != "housing" {
		t.Fatalf("%v %s %+v", err, ans.Outcome, ans.Match)
	}
	if ans.Input == nil || ans.Input.Kind != InputImage || !strings.Contains(ans.Input.Text, "HOUSING") || strings.Contains(ans.Input.Text, "555-0100") {
		t.Fatalf("input %+v: want the text read, scrubbed", ans.Input)
	}
	typed, _ := b.Ask(ctx, Request{Text: "immigrants cause the housing crisis"})
	if typed.Input == nil || typed.Input.Kind != InputText || typed.Input.Text != "" {
		t.Fatalf("typed input %+v", typed.Input)
	}
}
