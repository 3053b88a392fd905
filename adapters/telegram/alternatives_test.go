package telegram_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"factline/adapters/telegram/telegramtest"
	"factline/bot"
	"factline/bot/storetest"
)

// alternativesPolicy answers every on-topic question outright, never calls it ambiguous, and
// lists every other candidate as an alternative, overheard or not: whatever the matcher's
// calibration becomes, a sure answer then carries alternatives.
func alternativesPolicy() bot.Policy {
	p := bot.DefaultPolicy()
	p.AbstainBelow, p.OverheardBelow = 0.001, 0.001
	p.AmbiguityMargin = 0
	p.AlternativeFloor = 1e-9
	return p
}

// altButtons returns the buttons of a message that choose one of want's alternatives, with the
// offer they carry, and checks there is one per alternative, best first, labelled with its
// claim, all with one offer.
func altButtons(t *testing.T, c telegramtest.Call, want bot.Answer) (data []string, offer string) {
	t.Helper()
	bs, ls := buttons(t, c), labels(t, c)
	var ids, wantIDs, texts []string
	for i, b := range bs {
		if parts := strings.Split(b, ":"); len(parts) == 4 && parts[0] == "x" {
			if offer != "" && parts[3] != offer {
				t.Errorf("alternatives carry offers %s and %s, want one", offer, parts[3])
			}
			data, ids, texts, offer = append(data, b), append(ids, parts[1]), append(texts, ls[i]), parts[3]
		}
	}
	for _, a := range want.Alternatives {
		wantIDs = append(wantIDs, a.ID)
	}
	if !slices.Equal(ids, wantIDs) || !offerToken.MatchString(offer) {
		t.Fatalf("alternative buttons %v, want x:<id>:%s:<offer> for %v", data, want.Body.Lang, wantIDs)
	}
	for i, a := range want.Alternatives {
		if claim := []rune(a.Claim); !strings.Contains(texts[i], string(claim[:min(len(claim), 59)])) {
			t.Errorf("button %q, want the claim of %s, %q", texts[i], a.ID, a.Claim)
		}
	}
	return data, offer
}

// TestAlternativesOffered: a sure answer that has alternatives offers them as buttons under
// "Not this one?", in private and in a group that asked; tapping one posts that myth's answer
// (outcome chosen) and puts the question under that myth in the curator's report. An answer to a
// message overheard in auto mode offers none.
func TestAlternativesOffered(t *testing.T) {
	policy := alternativesPolicy()
	h := start(t, setup{coreOpts: offering(policy)})
	h.fake.SetMember(group, alice, "administrator")
	want := expected(t, policy, housingClaim)
	if want.Outcome != bot.Matched || want.Match.ID != "housing" || len(want.Alternatives) == 0 {
		t.Fatalf("the core answers %s %+v with %d alternatives: the test needs housing, matched, with alternatives", want.Outcome, want.Match, len(want.Alternatives))
	}

	h.fake.Push(message(privateChat, 1, alice, housingClaim))
	c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1))
	wantAnswer(t, c, "housing", "")
	if p := plain(t, c); !strings.Contains(p, "Not this one? It may be about:") || strings.Contains(p, "Did you mean") {
		t.Errorf("answer %q, want the alternatives asked as “Not this one?”", p)
	}
	private, _ := altButtons(t, c, want)

	h.fake.Push(message(group, 2, bob, "/check "+housingClaim))
	altButtons(t, h.fake.Wait(t, "sendMessage", replyOf(group, 2)), want)

	// The first alternative is tapped: its answer follows, with no alternatives of its own.
	chosen := strings.Split(private[0], ":")[1]
	tap(t, h, "alt", private[0], privateChat, 7001)
	c = h.fake.Wait(t, "sendMessage", replyOf(privateChat, 7001))
	wantAnswer(t, c, chosen, "")
	if p := plain(t, c); !strings.Contains(p, want.Alternatives[0].Claim) || strings.Contains(p, "Not this one?") {
		t.Errorf("answer after the tap %q, want %s's answer alone", p, chosen)
	}

	// Auto mode: the overheard claim is answered, calmly.
	h.fake.Push(message(group, 3, alice, "/auto on"))
	h.fake.Wait(t, "sendMessage", replyOf(group, 3))
	h.fake.Push(message(group, 4, bob, housingClaim))
	c = h.fake.Wait(t, "sendMessage", replyOf(group, 4))
	wantAnswer(t, c, "housing", "")
	if p := plain(t, c); strings.Contains(p, "Not this one?") {
		t.Errorf("overheard answer %q asks “Not this one?”", p)
	}
	if bs := buttons(t, c); slices.ContainsFunc(bs, func(b string) bool { return strings.HasPrefix(b, "x:") && !strings.HasPrefix(b, "x:housing:") }) {
		t.Errorf("overheard answer offers other myths: %v", bs)
	}

	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	tally := storetest.FlushedTally(t, h.core, h.store)
	count := storetest.OutcomeCounts(tally)
	if count[bot.Matched] != 3 || count[bot.Chosen] != 1 {
		t.Errorf("outcomes counted %v, want 3 matched, 1 chosen", count)
	}
	r := bot.BuildReport(tally, time.Time{}, builtinIndex(t).Base())
	var pairs []string
	for _, g := range r.Chosen {
		for _, q := range g.Questions {
			pairs = append(pairs, q.Text+" -> "+g.MythID+" "+g.Lang)
		}
	}
	if want := []string{housingClaim + " -> " + chosen + " en"}; !slices.Equal(pairs, want) {
		t.Errorf("report's phrasings %q, want %q", pairs, want)
	}
}
