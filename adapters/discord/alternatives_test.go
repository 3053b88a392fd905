package discord_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"factline/adapters/discord"
	"factline/bot"
	"factline/bot/storetest"
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

// alternativesMenu returns the custom id of the menu of alternatives under an answer, checking
// its question and its choices, best first, against want's alternatives.
func alternativesMenu(t *testing.T, p payload, want bot.Answer, vis string) string {
	t.Helper()
	for _, r := range p.Components {
		for _, c := range r.Components {
			if !strings.HasPrefix(c.CustomID, "fl:topic:") && !strings.HasPrefix(c.CustomID, "fl:myth") {
				continue
			}
			var got, wantIDs []string
			for _, o := range c.Options {
				got = append(got, o.Value)
			}
			for _, a := range want.Alternatives {
				wantIDs = append(wantIDs, a.ID)
			}
			if !slices.Equal(got, wantIDs) || c.Placeholder != "Not this one? It may be about…" {
				t.Errorf("menu %q %v, want “Not this one?” with %v", c.Placeholder, got, wantIDs)
			}
			if prefix := "fl:topic:" + vis + ":0:"; !strings.HasPrefix(c.CustomID, prefix) || c.CustomID == prefix || len(c.CustomID) > 100 {
				t.Errorf("menu id %q, want %s<offer>", c.CustomID, prefix)
			}
			return c.CustomID
		}
	}
	t.Fatalf("components %+v, want a menu of the alternatives", p.Components)
	return ""
}

// TestAlternativesOffered: a sure answer with alternatives offers them in a menu asking "Not this
// one?", open or private as the ask was; choosing one posts its answer (outcome chosen), with the
// same visibility, and puts the question under that myth in the curator's report.
func TestAlternativesOffered(t *testing.T) {
	const claim = "immigrants are causing the housing crisis"
	policy := alternativesPolicy()
	want, err := bot.New(bot.Options{Matcher: factstest.Index(t), Policy: policy}).Ask(context.Background(), bot.Request{Text: claim, Surface: bot.SurfaceDiscord})
	if err != nil {
		t.Fatal(err)
	}
	if want.Outcome != bot.Matched || want.Match.ID != "housing" || len(want.Alternatives) < 2 {
		t.Fatalf("the core answers %s %+v with %d alternatives: the test needs housing, matched, with two alternatives or more", want.Outcome, want.Match, len(want.Alternatives))
	}
	store := openStore(t)
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Policy: policy, Store: store, KeepUnanswered: true, Offers: true})
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	probe := newBot(t, bot.Limits{}, nil)

	fake.Dispatch(t, "INTERACTION_CREATE", slash("8601", claim, false))
	cb := answered(t, fake, "8601")
	if len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != claimOf(t, probe, "housing", "en") || cb.Data.Flags&64 != 0 {
		t.Fatalf("answer %+v, want housing's, public", cb.Data)
	}
	open := alternativesMenu(t, cb.Data, want, "o")
	first := want.Alternatives[0].ID
	fake.Dispatch(t, "INTERACTION_CREATE", component("8602", open, first))
	cb = answered(t, fake, "8602")
	if len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != claimOf(t, probe, first, "en") || cb.Data.Flags&64 != 0 {
		t.Errorf("after choosing = %+v, want %s's answer, public", cb.Data, first)
	}
	for _, id := range cb.Data.customIDs() {
		if strings.HasPrefix(id, "fl:topic:") || strings.HasPrefix(id, "fl:myth") {
			t.Errorf("the chosen answer offers alternatives again: %q", id)
		}
	}

	fake.Dispatch(t, "INTERACTION_CREATE", slash("8603", claim, true))
	cb = answered(t, fake, "8603")
	if cb.Data.Flags&64 == 0 {
		t.Errorf("private ask answered publicly: %+v", cb.Data)
	}
	private := alternativesMenu(t, cb.Data, want, "p")
	second := want.Alternatives[1].ID
	fake.Dispatch(t, "INTERACTION_CREATE", component("8604", private, second))
	if cb = answered(t, fake, "8604"); len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != claimOf(t, probe, second, "en") || cb.Data.Flags&64 == 0 {
		t.Errorf("after choosing privately = %+v, want %s's answer, private", cb.Data, second)
	}

	tally := storetest.FlushedTally(t, b, store)
	count := storetest.OutcomeCounts(tally)
	if count[bot.Matched] != 2 || count[bot.Chosen] != 2 {
		t.Errorf("outcomes counted = %v, want 2 matched, 2 chosen", count)
	}
	var pairs []string
	for _, g := range bot.BuildReport(tally, time.Time{}, factstest.Index(t).Base()).Chosen {
		for _, q := range g.Questions {
			pairs = append(pairs, g.MythID+" "+g.Lang+": "+q.Text)
		}
	}
	slices.Sort(pairs)
	wantPairs := []string{first + " en: " + claim, second + " en: " + claim}
	slices.Sort(wantPairs)
	if !slices.Equal(pairs, wantPairs) {
		t.Errorf("report's phrasings %q, want %q", pairs, wantPairs)
	}
}
