package discord_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/bot"
	"factline/bot/storetest"
	"factline/facts/factstest"
)

// messyClaims are claims written the way people post them; some of them the built-in base
// answers with suggestions only. Which ones depends on the matcher, so tests pick at run time.
var messyClaims = []string{
	"freeloaders", "imigrants r taking all the joobs", "immigrants money", "foreigners and money",
	"refugees and housing and jobs", "los inmigrantes y el dinero", "they take and take",
}

// suggestedClaim returns a claim b answers with suggestions, and that answer. It asks a twin of
// b without a store, so the probing is not counted.
func suggestedClaim(t *testing.T) (string, bot.Answer) {
	t.Helper()
	probe := bot.New(bot.Options{Matcher: factstest.Index(t)})
	for _, q := range messyClaims {
		ans, err := probe.Ask(context.Background(), bot.Request{Text: q, Lang: "en", Surface: bot.SurfaceDiscord})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0 {
			return q, ans
		}
	}
	t.Fatalf("none of %q is answered with suggestions: add a claim the matcher only suggests for", messyClaims)
	return "", bot.Answer{}
}

// offeringBot is the real core over the built-in base, keeping questions and what askers chose.
func offeringBot(t *testing.T) (*bot.Bot, interface {
	Tally(context.Context, time.Time) (bot.Tally, error)
}) {
	t.Helper()
	store := openStore(t)
	return bot.New(bot.Options{Matcher: factstest.Index(t), Store: store, KeepUnanswered: true, Offers: true}), store
}

// buttons is a message's components as the tests read them.
type buttons struct {
	Content    string `json:"content"`
	Flags      int    `json:"flags"`
	Components []struct {
		Components []struct {
			Type     int    `json:"type"`
			Label    string `json:"label"`
			CustomID string `json:"custom_id"`
		} `json:"components"`
	} `json:"components"`
}

// offered decodes the response to interaction id.
func offered(t *testing.T, fake *discordtest.Server, id string) buttons {
	t.Helper()
	var cb struct {
		Data buttons `json:"data"`
	}
	fake.WaitPath(t, "POST", callbackPath(id)).Decode(t, &cb)
	return cb.Data
}

func (b buttons) ids() (ids, labels []string) {
	for _, r := range b.Components {
		for _, c := range r.Components {
			ids, labels = append(ids, c.CustomID), append(labels, c.Label)
		}
	}
	return ids, labels
}

// checkOffer checks a message offering suggestions: the intro, one button per suggestion
// carrying the offer and the visibility, then "None of these"; it returns the custom ids.
func checkOffer(t *testing.T, b buttons, n int, private bool, intro string) []string {
	t.Helper()
	if !strings.Contains(b.Content, intro) {
		t.Errorf("content = %q, want %q", b.Content, intro)
	}
	if got := b.Flags&64 != 0; got != private {
		t.Errorf("ephemeral = %v, want %v", got, private)
	}
	ids, _ := b.ids()
	if len(ids) != n+1 {
		t.Fatalf("buttons = %q, want %d suggestions and None of these", ids, n)
	}
	vis := ":o:"
	if private {
		vis = ":p:"
	}
	for k, id := range ids {
		if len(id) > 100 {
			t.Errorf("custom id %q is over Discord's 100 characters", id)
		}
		if k < n && (!strings.HasPrefix(id, "fl:pick"+vis) || strings.HasSuffix(id, ":")) {
			t.Errorf("button %d = %q, want a pick%s carrying the offer", k, id, vis)
		}
	}
	if last := ids[n]; !strings.HasPrefix(last, "fl:none:") || last == "fl:none:" {
		t.Errorf("last button = %q, want None of these carrying the offer", last)
	}
	return ids
}

func TestSuggestionsAreOfferedThenChosen(t *testing.T) {
	claim, want := suggestedClaim(t)
	n := len(want.Suggestions)
	b, store := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	probe := newBot(t, bot.Limits{}, nil) // for the titles expected, without counting them

	// Public: the offer and the answer chosen from it are posted for all.
	fake.Dispatch(t, "INTERACTION_CREATE", slash("8001", claim, false))
	offer := offered(t, fake, "8001")
	ids := checkOffer(t, offer, n, false, "Is it one of these?")
	if _, labels := offer.ids(); !strings.Contains(labels[0], want.Suggestions[0].Title) || labels[n] != "None of these" {
		t.Errorf("labels = %q, want the best suggestion's title first and None of these last", labels)
	}
	fake.Dispatch(t, "INTERACTION_CREATE", component("8002", ids[0]))
	cb := answered(t, fake, "8002")
	if title := claimOf(t, probe, want.Suggestions[0].ID, "en"); len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != title || cb.Data.Flags&64 != 0 {
		t.Errorf("after choosing = %+v, want the public answer titled %q", cb.Data, title)
	}

	// Private: the offer and the answer stay with the asker.
	fake.Dispatch(t, "INTERACTION_CREATE", slash("8003", claim, true))
	offer = offered(t, fake, "8003")
	ids = checkOffer(t, offer, n, true, "Is it one of these?")
	fake.Dispatch(t, "INTERACTION_CREATE", component("8004", ids[n-1]))
	cb = answered(t, fake, "8004")
	if title := claimOf(t, probe, want.Suggestions[n-1].ID, "en"); len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != title || cb.Data.Flags&64 == 0 {
		t.Errorf("after choosing privately = %+v, want the private answer titled %q", cb.Data, title)
	}

	// None of these: thanks, privately, and the question is kept apart.
	fake.Dispatch(t, "INTERACTION_CREATE", slash("8005", claim, false))
	offer = offered(t, fake, "8005")
	ids = checkOffer(t, offer, n, false, "Is it one of these?")
	fake.Dispatch(t, "INTERACTION_CREATE", component("8006", ids[n]))
	cb = answered(t, fake, "8006")
	if cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "none of these was meant") {
		t.Errorf("after None of these = %+v, want private thanks", cb.Data)
	}

	tally := storetest.FlushedTally(t, b, store)
	count := storetest.OutcomeCounts(tally)
	if count[bot.Suggested] != 3 || count[bot.Chosen] != 2 || count[bot.Declined] != 1 {
		t.Errorf("outcomes counted = %v, want 3 suggested, 2 chosen, 1 declined", count)
	}
	chosen, declined := map[string]bool{}, 0
	for _, q := range tally.Unanswered {
		if q.Chosen != "" {
			chosen[q.Chosen] = true
		}
		if q.Declined {
			declined++
		}
	}
	if !chosen[want.Suggestions[0].ID] || !chosen[want.Suggestions[n-1].ID] || declined != 1 {
		t.Errorf("kept questions = %+v, want both choices and one decline kept for the curator", tally.Unanswered)
	}
}

func TestSuggestionsInTheAskersLanguage(t *testing.T) {
	claim, want := suggestedClaim(t)
	b, _ := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	for _, tt := range []struct{ locale, intro, none string }{
		{"fr", "Est-ce l'une de celles-ci ?", "Aucune de celles-ci"},
		{"es-ES", "¿Es una de estas?", "Ninguna de estas"},
	} {
		i := slash("8101"+tt.locale, claim, true)
		i["locale"] = tt.locale
		fake.Dispatch(t, "INTERACTION_CREATE", i)
		offer := offered(t, fake, "8101"+tt.locale)
		checkOffer(t, offer, len(want.Suggestions), true, tt.intro)
		if _, labels := offer.ids(); labels[len(labels)-1] != tt.none {
			t.Errorf("%s: labels = %q, want %q last", tt.locale, labels, tt.none)
		}
	}
}

func TestMessageCommandOffersSuggestionsPrivately(t *testing.T) {
	claim, want := suggestedClaim(t)
	b, _ := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	i := interaction("8201", 2, map[string]any{"id": "602", "name": "Fact-check this message", "type": 3, "target_id": "801",
		"resolved": map[string]any{"messages": map[string]any{"801": map[string]any{
			"id": "801", "channel_id": channelID, "content": claim, "author": map[string]any{"id": "999", "username": "poster"},
		}}}})
	fake.Dispatch(t, "INTERACTION_CREATE", i)
	offer := offered(t, fake, "8201")
	ids := checkOffer(t, offer, len(want.Suggestions), true, "Is it one of these?")
	fake.Dispatch(t, "INTERACTION_CREATE", component("8202", ids[0]))
	if cb := answered(t, fake, "8202"); len(cb.Data.Embeds) != 1 || cb.Data.Flags&64 == 0 {
		t.Errorf("after choosing = %+v, want a private answer", cb.Data)
	}
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/api/v9/channels/") {
			t.Errorf("posted in the channel under someone's message: %s %s", r.Method, r.Path)
		}
	}
}

func TestMentionOffersSuggestions(t *testing.T) {
	claim, want := suggestedClaim(t)
	b, _ := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "8301", "channel_id": channelID, "guild_id": guildID,
		"content": "<@" + fake.BotID + "> " + claim, "author": map[string]any{"id": userID, "username": "asker"},
		"mentions": []map[string]any{{"id": fake.BotID, "username": "factline", "bot": true}}})
	var offer buttons
	fake.Wait(t, "the reply to the mention", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages")
	}).Decode(t, &offer)
	checkOffer(t, offer, len(want.Suggestions), false, "Is it one of these?")
}

func TestForgedSuggestionIDsAreRefused(t *testing.T) {
	b, store := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	forged := []string{
		"fl:pick",
		"fl:pick:o:en:jobs",
		"fl:pick:x:en:jobs:abc",
		"fl:pick:o:en:../jobs:abc",
		"fl:pick:o:en:JOBS:abc",
		"fl:pick:o:<@&1>:jobs:abc",
		"fl:pick:o:en:jobs:a b",
		"fl:pick:o:en:jobs:abc:more",
		"fl:pick:o:en:jobs:" + strings.Repeat("a", 100),
		"fl:none",
		"fl:none:a:b",
		"fl:none:%00",
		"fl:none:" + strings.Repeat("a", 200),
	}
	for k, id := range forged {
		iid := "8400" + string(rune('a'+k))
		fake.Dispatch(t, "INTERACTION_CREATE", component(iid, id))
		cb := answered(t, fake, iid)
		if cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "no longer supported") || len(cb.Data.Embeds) != 0 {
			t.Errorf("%q answered %+v, want a private refusal", id, cb.Data)
		}
	}
	// A well-formed id naming a myth the base lacks reaches the core, which refuses it.
	fake.Dispatch(t, "INTERACTION_CREATE", component("8450", "fl:pick:o:en:no-such-myth:abc"))
	if cb := answered(t, fake, "8450"); cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "no myth with id") {
		t.Errorf("unknown myth answered %+v, want a private refusal", cb.Data)
	}
	tally := storetest.FlushedTally(t, b, store)
	if len(tally.Answers) != 0 || len(tally.Unanswered) != 0 {
		t.Errorf("forged ids reached the core: %+v", tally)
	}
}

func TestTopicMenuCarriesTheOffer(t *testing.T) {
	b, store := offeringBot(t)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	fake.Dispatch(t, "INTERACTION_CREATE", slash("8501", "what time does the library open tomorrow", true))
	var cb struct {
		Data struct {
			Flags      int   `json:"flags"`
			Components []row `json:"components"`
		} `json:"data"`
	}
	fake.WaitPath(t, "POST", callbackPath("8501")).Decode(t, &cb)
	if len(cb.Data.Components) == 0 || len(cb.Data.Components[0].Components) != 1 {
		t.Fatalf("components = %+v, want a menu of topics", cb.Data.Components)
	}
	menu := cb.Data.Components[0].Components[0]
	if !strings.HasPrefix(menu.CustomID, "fl:topic:p:0:") || menu.CustomID == "fl:topic:p:0:" || len(menu.CustomID) > 100 || cb.Data.Flags&64 == 0 {
		t.Fatalf("menu %q (flags %d), want a private topic menu carrying the offer", menu.CustomID, cb.Data.Flags)
	}
	fake.Dispatch(t, "INTERACTION_CREATE", component("8502", menu.CustomID, "housing"))
	if got := answered(t, fake, "8502"); len(got.Data.Embeds) != 1 || got.Data.Flags&64 == 0 {
		t.Errorf("after choosing = %+v, want the private answer", got.Data)
	}
	for k, id := range []string{"fl:topic:p:0:abc", "fl:topic:x:0:abc", "fl:topic:p:12:abc", "fl:topic:p:0:a!c", "fl:topic:p:0"} {
		value := "housing"
		if k == 0 {
			value = "**housing** <@&1>"
		}
		iid := "8510" + string(rune('a'+k))
		fake.Dispatch(t, "INTERACTION_CREATE", component(iid, id, value))
		if got := answered(t, fake, iid); !strings.Contains(got.Data.Content, "no longer supported") || len(got.Data.Embeds) != 0 {
			t.Errorf("%q with %q answered %+v, want a private refusal", id, value, got.Data)
		}
	}
	tally := storetest.FlushedTally(t, b, store)
	chosen := 0
	for _, q := range tally.Unanswered {
		if q.Chosen == "housing" {
			chosen++
		}
	}
	if chosen != 1 {
		t.Errorf("kept questions = %+v, want the question kept with housing once", tally.Unanswered)
	}
}
