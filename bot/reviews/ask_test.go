package reviews

import (
	"encoding/json"
	"testing"

	"factline/bot"
	"factline/facts/factstest"
)

// TestAskAnswersFromTheCollection runs bot.Ask over the built-in fact base with the index of
// an imported collection: the path a question takes on every surface.
func TestAskAnswersFromTheCollection(t *testing.T) {
	ctx := t.Context()
	x, err := New(sample)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Policy: bot.DefaultPolicy(), Reviews: x})

	t.Run("a claim the base does not cover", func(t *testing.T) {
		ans, err := b.Ask(ctx, bot.Request{Text: "Lyon offre une voiture électrique gratuite aux demandeurs d'asile, appelez le 555-0100", Surface: bot.SurfaceTelegram})
		if err != nil {
			t.Fatal(err)
		}
		r := ans.External
		if ans.Outcome != bot.External || r == nil || r.URL != "https://factuel.afp.com/lyon-voitures" || r.Verdict != False ||
			r.Publisher != "AFP Factuel" || r.ReviewDate != "2025-04-30" || r.Lang != "fr" || r.Confidence < DefaultThreshold {
			t.Fatalf("outcome %s, external %+v", ans.Outcome, r)
		}
		if ans.Body == nil || ans.Body.Short != "AFP Factuel a vérifié une affirmation semblable le 2025-04-30 et l'a jugée : Faux." {
			t.Errorf("body %+v", ans.Body)
		}
		if ans.Match != nil || len(ans.Sources) > 0 {
			t.Errorf("an external answer carries curated parts: %+v", ans)
		}
	})
	t.Run("a curated myth answers first", func(t *testing.T) {
		ans, err := b.Ask(ctx, bot.Request{Text: "immigrants are the reason rent is so high"})
		if err != nil || ans.Outcome != bot.Matched || ans.External != nil {
			t.Fatalf("%v: %s %+v", err, ans.Outcome, ans.External)
		}
	})
	t.Run("an overheard message is not answered from it", func(t *testing.T) {
		ans, err := b.Ask(ctx, bot.Request{Text: "Lyon gave every asylum seeker a free electric car", Overheard: true})
		if err != nil || ans.Outcome == bot.External {
			t.Fatalf("%v: %s", err, ans.Outcome)
		}
	})
	t.Run("nothing near enough", func(t *testing.T) {
		ans, err := b.Ask(ctx, bot.Request{Text: "What time does the library open on Sunday?"})
		if err != nil || ans.Outcome == bot.External {
			t.Fatalf("%v: %s %+v", err, ans.Outcome, ans.External)
		}
	})
}

// TestCuratedAnswersUnchanged asks every line of the myth query set with and without the
// CheckThat! collection as the external tier: every answer the curated base gives (matched,
// ambiguous) is the same, and only questions it left unanswered may get an external answer.
func TestCuratedAnswersUnchanged(t *testing.T) {
	ct := loadCheckThat(t)
	x, err := New(ct.reviews)
	if err != nil {
		t.Fatal(err)
	}
	ix := factstest.Index(t)
	without := bot.New(bot.Options{Matcher: ix, Policy: bot.DefaultPolicy()})
	with := bot.New(bot.Options{Matcher: ix, Policy: bot.DefaultPolicy(), Reviews: x})
	n, external := 0, 0
	readLines(t, "../../facts/match/testdata/myths-queries.jsonl", func(data []byte) error {
		var q struct{ Text, Lang string }
		if err := json.Unmarshal(data, &q); err != nil {
			return err
		}
		req := bot.Request{Text: q.Text, Surface: bot.SurfaceWeb}
		a, err := without.Ask(t.Context(), req)
		if err != nil {
			return err
		}
		b, err := with.Ask(t.Context(), req)
		if err != nil {
			return err
		}
		n++
		if b.Outcome == bot.External {
			external++
			if a.Outcome == bot.Matched || a.Outcome == bot.Ambiguous {
				t.Errorf("%q: the curated answer (%s) was replaced by an external one", q.Text, a.Outcome)
			}
			return nil
		}
		if a.Outcome != b.Outcome || (a.Match == nil) != (b.Match == nil) || (a.Match != nil && a.Match.ID != b.Match.ID) {
			t.Errorf("%q: %s %+v without the collection, %s %+v with it", q.Text, a.Outcome, a.Match, b.Outcome, b.Match)
		}
		return nil
	})
	t.Logf("%d questions; %d answered from the CheckThat! collection, all left unanswered by the base", n, external)
}
