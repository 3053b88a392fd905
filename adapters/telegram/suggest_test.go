package telegram_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"factline/adapters/telegram/telegramtest"
	"factline/bot"
	"factline/bot/storetest"
)

// unsurePolicy answers nothing outright and suggests whatever the matcher ranks, so that every
// on-topic question gets suggestions whatever the matcher's calibration becomes.
func unsurePolicy() bot.Policy {
	p := bot.DefaultPolicy()
	p.AbstainBelow, p.OverheardBelow = 1.01, 1.01 // above any confidence
	p.SuggestAbove = 0.01
	return p
}

// offering makes the harness's core keep questions and offers, as `factline serve` does.
func offering(p bot.Policy) func(*bot.Options) {
	return func(o *bot.Options) { o.Policy, o.KeepUnanswered, o.Offers = p, true, true }
}

// expected is what a core of policy p suggests for q, asked directly.
func expected(t *testing.T, p bot.Policy, q string) bot.Answer {
	t.Helper()
	ans, err := bot.New(bot.Options{Matcher: builtinIndex(t), Policy: p}).Ask(context.Background(), bot.Request{Text: q, Surface: bot.SurfaceTelegram})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

// tap presses a button whose data is data, under message under of chat, and returns the
// acknowledgement.
func tap(t *testing.T, h *harness, id, data string, chat int64, under int) telegramtest.Call {
	t.Helper()
	typ := "supergroup"
	if chat > 0 {
		typ = "private"
	}
	h.fake.Push(map[string]any{"callback_query": map[string]any{
		"id": id, "chat_instance": "1", "data": data,
		"from":    map[string]any{"id": bob, "is_bot": false, "first_name": "B", "language_code": "en"},
		"message": map[string]any{"message_id": under, "date": 1, "chat": map[string]any{"id": chat, "type": typ}, "text": "x"},
	}})
	return h.fake.Wait(t, "answerCallbackQuery", func(c telegramtest.Call) bool { return c.Params["callback_query_id"] == id })
}

// labels returns the texts of a message's buttons.
func labels(t *testing.T, c telegramtest.Call) []string {
	t.Helper()
	var k keyboard
	if err := c.JSON("reply_markup", &k); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range k.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

var offerToken = regexp.MustCompile(`^[A-Za-z0-9_-]{12}$`)

// wantSuggestions checks a suggestions message against the core's suggestions for the same
// question: heading, each claim, one button per suggestion best first carrying one offer, then
// "None of these". It returns the buttons' data.
func wantSuggestions(t *testing.T, c telegramtest.Call, want bot.Answer, heading, none string) []string {
	t.Helper()
	if want.Outcome != bot.Suggested || len(want.Suggestions) == 0 {
		t.Fatalf("the core answers %s with no suggestions: the test needs some", want.Outcome)
	}
	p := plain(t, c)
	if !strings.HasPrefix(p, heading) {
		t.Errorf("message starts %q, want %q", p[:min(len(p), 40)], heading)
	}
	bs, ls := buttons(t, c), labels(t, c)
	if len(bs) != len(want.Suggestions)+1 {
		t.Fatalf("buttons %v, want one per suggestion (%d) and None of these", bs, len(want.Suggestions))
	}
	var offer string
	for i, s := range want.Suggestions {
		if !strings.Contains(p, s.Claim) {
			t.Errorf("message lacks suggestion %s's claim %q:\n%s", s.ID, s.Claim, p)
		}
		parts := strings.Split(bs[i], ":")
		if len(parts) != 4 || parts[0] != "x" || parts[1] != s.ID || parts[2] != want.Lang || !offerToken.MatchString(parts[3]) {
			t.Errorf("button %d = %q, want x:%s:%s:<offer>", i, bs[i], s.ID, want.Lang)
			continue
		}
		if offer == "" {
			offer = parts[3]
		} else if parts[3] != offer {
			t.Errorf("buttons carry offers %s and %s, want one", offer, parts[3])
		}
		if label := strings.TrimSuffix(ls[i], "…"); !strings.Contains(s.Claim, label[strings.Index(label, " ")+1:]) {
			t.Errorf("button %d reads %q, want the claim %q, clipped", i, ls[i], s.Claim)
		}
	}
	if last := len(bs) - 1; bs[last] != "d:"+want.Lang+":"+offer || !strings.Contains(ls[last], none) {
		t.Errorf("last button %q %q, want %q d:%s:%s", ls[last], bs[last], none, want.Lang, offer)
	}
	return bs
}

// TestSuggestions: an uncertain match asks "Is it one of these?" in private, and in a group when
// asked (/check, a reply with /check, a mention), in the question's language; a tap posts the
// chosen answer and keeps the question with the myth for the curator; None of these is
// counted and keeps the question apart; forged buttons are acknowledged and go no further.
func TestSuggestions(t *testing.T) {
	policy := unsurePolicy()
	h := start(t, setup{coreOpts: offering(policy)})
	const mixed = "immigrants take jobs, housing and welfare" // several myths may be meant
	const jobsClaim = "they steal our jobs"
	const frClaim = "les immigrants causent la crise du logement"

	h.fake.Push(message(privateChat, 1, alice, mixed))
	private := wantSuggestions(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)), expected(t, policy, mixed), "Is it one of these?", "None of these")
	if len(private) < 3 {
		t.Fatalf("buttons %v: the test needs two suggestions or more", private)
	}

	h.fake.Push(message(group, 2, bob, "/check "+jobsClaim))
	inGroup := wantSuggestions(t, h.fake.Wait(t, "sendMessage", replyOf(group, 2)), expected(t, policy, jobsClaim), "Is it one of these?", "None of these")

	h.fake.Push(message(privateChat, 3, alice, frClaim, lang("fr")))
	wantSuggestions(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 3)), expected(t, policy, frClaim), "Est-ce l’une de ces affirmations ?", "Aucune de celles-ci")

	h.fake.Push(message(group, 4, bob, "/check", replyTo(4000, mixed)))
	wantSuggestions(t, h.fake.Wait(t, "sendMessage", replyOf(group, 4)), expected(t, policy, mixed), "Is it one of these?", "None of these")

	mentioned := "@" + telegramtest.BotUsername + " " + jobsClaim
	h.fake.Push(message(group, 5, bob, mentioned, mention(mentioned)))
	wantSuggestions(t, h.fake.Wait(t, "sendMessage", replyOf(group, 5)), expected(t, policy, jobsClaim), "Is it one of these?", "None of these")

	// The second suggestion of the private question is chosen: its answer follows, outcome chosen.
	chosen := strings.Split(private[1], ":")[1]
	tap(t, h, "choose", private[1], privateChat, 7001)
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 7001)), chosen, "")

	// None of these, in the group: thanked, and the buttons taken off the message.
	none := inGroup[len(inGroup)-1]
	if ack := tap(t, h, "none", none, group, 7002); !strings.Contains(ack.Params["text"], "Thanks, noted") {
		t.Errorf("toast %q, want a short thanks", ack.Params["text"])
	}
	edit := h.fake.Wait(t, "editMessageReplyMarkup", nil)
	if edit.Params["chat_id"] != itoa(group) || edit.Params["message_id"] != "7002" || buttons(t, edit) != nil {
		t.Errorf("edit %v, want the keyboard of message 7002 removed", edit.Params)
	}

	// Forged data of the new formats: acknowledged, nothing posted, nothing recorded.
	for i, data := range []string{
		"x:jobs:en:<b>@everyone", "x:Jobs:en:" + strings.Split(private[0], ":")[3], "x:jobs:en:AAAAAAAAAAAA:x",
		"d:en:AAAAAAAAAAA", "d:<i>:AAAAAAAAAAAA", "d:en:AAAAAAAAAAAA:", strings.Replace(none, "d:", "d:x:", 1),
	} {
		tap(t, h, "forged"+itoa(int64(i)), data, group, 7100+i)
	}
	// Replaying the choice answers again but does not count the pair twice.
	tap(t, h, "again", private[1], privateChat, 7003)
	h.fake.Wait(t, "sendMessage", replyOf(privateChat, 7003))

	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	for _, c := range h.fake.Calls("sendMessage") {
		if id := repliesTo(c); id >= 7100 {
			t.Errorf("forged button under message %d got a reply: %s", id, c.Params["text"])
		}
	}
	if n := len(h.fake.Calls("editMessageReplyMarkup")); n != 1 {
		t.Errorf("%d keyboards edited, want only the one declined", n)
	}
	tally := storetest.FlushedTally(t, h.core, h.store)
	count := storetest.OutcomeCounts(tally)
	if count[bot.Suggested] != 5 || count[bot.Chosen] != 2 || count[bot.Declined] != 1 {
		t.Errorf("outcomes counted %v, want 5 suggested, 2 chosen (one replayed), 1 declined", count)
	}
	var pairs, declined []string
	for _, q := range tally.Unanswered {
		switch {
		case q.Chosen != "":
			pairs = append(pairs, q.Text+" -> "+q.Chosen)
		case q.Declined:
			declined = append(declined, q.Text)
		}
	}
	if want := []string{mixed + " -> " + chosen}; !slices.Equal(pairs, want) {
		t.Errorf("pairs kept for the curator = %q, want %q", pairs, want)
	}
	if want := []string{jobsClaim}; !slices.Equal(declined, want) {
		t.Errorf("declined questions kept = %q, want %q", declined, want)
	}
}

// TestAbstentionTopicsCarryOffer: after an abstention in a private chat, the topic menu carries
// the offer, so a topic picked there is kept with the question for the curator.
func TestAbstentionTopicsCarryOffer(t *testing.T) {
	policy := bot.DefaultPolicy()
	policy.SuggestAbove = 0 // no suggestions: below the answer threshold, the bot abstains
	h := start(t, setup{coreOpts: offering(policy)})
	const q = "what is the weather tomorrow"
	h.fake.Push(message(privateChat, 1, alice, q))
	c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1))
	if p := plain(t, c); !strings.Contains(p, "no checked answer") {
		t.Fatalf("reply %q, want an abstention", p)
	}
	bs := buttons(t, c)
	i := slices.IndexFunc(bs, func(b string) bool { return strings.HasPrefix(b, "x:housing:en:") })
	if i < 0 || len(bs) != len(builtinIndex(t).Base().Myths)+1 {
		t.Fatalf("buttons %v, want every topic with an offer, then None of these", bs)
	}
	offer := strings.TrimPrefix(bs[i], "x:housing:en:")
	if !offerToken.MatchString(offer) || bs[len(bs)-1] != "d:en:"+offer {
		t.Errorf("buttons %v, want one offer %q on each, None of these last", bs, offer)
	}
	tap(t, h, "topic", bs[i], privateChat, 7001)
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 7001)), "housing", "")
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	tally := storetest.FlushedTally(t, h.core, h.store)
	var pairs []string
	for _, u := range tally.Unanswered {
		if u.Chosen != "" {
			pairs = append(pairs, u.Text+" -> "+u.Chosen)
		}
	}
	if want := []string{q + " -> housing"}; !slices.Equal(pairs, want) {
		t.Errorf("pairs kept for the curator = %q, want %q", pairs, want)
	}
}

// overhearingCore is the real core asked overheard messages as if they had been addressed to
// it, so that it answers them with suggestions or an abstention: what the adapter must never
// post in a group that did not ask. It records the outcomes it gave.
type overhearingCore struct {
	*bot.Bot
	mu       *sync.Mutex
	outcomes *[]bot.Outcome
}

func (c overhearingCore) Ask(ctx context.Context, r bot.Request) (bot.Answer, error) {
	overheard := r.Overheard
	r.Overheard = false
	ans, err := c.Bot.Ask(ctx, r)
	if overheard {
		c.mu.Lock()
		*c.outcomes = append(*c.outcomes, ans.Outcome)
		c.mu.Unlock()
	}
	return ans, err
}

// TestAutoModeSilent: in auto mode, a message the bot overhears and cannot answer for sure gets
// no reply at all: no suggestions, no "no answer", even from a core that offers them.
func TestAutoModeSilent(t *testing.T) {
	var mu sync.Mutex
	var outcomes []bot.Outcome
	h := start(t, setup{
		coreOpts: offering(unsurePolicy()),
		core:     func(b *bot.Bot) bot.Core { return overhearingCore{b, &mu, &outcomes} },
	})
	h.fake.SetMember(group, alice, "administrator")
	h.fake.Push(message(group, 1, alice, "/auto on"))
	h.fake.Wait(t, "sendMessage", replyOf(group, 1))
	h.fake.Push(message(group, 2, bob, housingClaim))
	h.fake.Push(message(group, 3, bob, "see you at the meeting tonight"))
	h.fake.Push(message(privateChat, 4, alice, housingClaim)) // asked: suggestions
	h.fake.Wait(t, "sendMessage", replyOf(privateChat, 4))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	got := slices.Clone(outcomes)
	mu.Unlock()
	slices.Sort(got)
	if want := []bot.Outcome{bot.Abstained, bot.Suggested}; !slices.Equal(got, want) {
		t.Fatalf("the overheard messages were answered %v by the core, want %v", got, want)
	}
	for _, c := range h.fake.Calls("sendMessage") {
		if c.Params["chat_id"] == itoa(group) && repliesTo(c) != 1 {
			t.Errorf("auto mode posted in the group: %s", c.Params["text"])
		}
	}
}

// TestInlineSuggestions: an uncertain match in inline mode lists the suggestions as articles,
// best first, ready to send, with a notice that the match is uncertain.
func TestInlineSuggestions(t *testing.T) {
	policy := unsurePolicy()
	h := start(t, setup{coreOpts: offering(policy)})
	want := expected(t, policy, housingClaim)
	h.fake.Push(map[string]any{"inline_query": map[string]any{"id": "q", "query": housingClaim, "offset": "",
		"from": map[string]any{"id": alice, "is_bot": false, "first_name": "A", "language_code": "en"}}})
	c := h.fake.Wait(t, "answerInlineQuery", nil)
	var rs []inlineResult
	if err := c.JSON("results", &rs); err != nil {
		t.Fatal(err)
	}
	var ids, wantIDs []string
	for _, r := range rs {
		ids = append(ids, r.ID)
		if !strings.Contains(r.Content.Text, "<a href=") {
			t.Errorf("result %s has no source link: not ready to send", r.ID)
		}
	}
	for _, s := range want.Suggestions {
		wantIDs = append(wantIDs, s.ID)
	}
	if len(wantIDs) == 0 || !slices.Equal(ids, wantIDs) {
		t.Errorf("results %v, want the suggestions %v", ids, wantIDs)
	}
	if !strings.Contains(c.Params["button"], "Uncertain match") {
		t.Errorf("button %s, want the notice that the match is uncertain", c.Params["button"])
	}
}
