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

const housingClaim = "immigrants are causing the housing crisis"

// TestMessages drives the adapter with one message each and checks the reply it sends.
func TestMessages(t *testing.T) {
	h := start(t, setup{})
	tests := []struct {
		name   string
		update map[string]any
		chat   int64
		msgID  int
		check  func(t *testing.T, c telegramtest.Call)
	}{
		{
			name: "private question", chat: privateChat, msgID: 1,
			update: message(privateChat, 1, alice, housingClaim),
			check: func(t *testing.T, c telegramtest.Call) {
				wantAnswer(t, c, "housing", "Misleading")
				var lp struct {
					URL      string `json:"url"`
					Disabled bool   `json:"is_disabled"`
				}
				if err := c.JSON("link_preview_options", &lp); err != nil || lp.Disabled || !strings.HasPrefix(lp.URL, "https://www150.statcan.gc.ca/") {
					t.Errorf("link preview = %+v (%v), want the first source", lp, err)
				}
				if c.Params["parse_mode"] != "HTML" {
					t.Errorf("parse_mode = %q", c.Params["parse_mode"])
				}
			},
		},
		{
			name: "group /check", chat: group, msgID: 2,
			update: message(group, 2, alice, "/check they steal our jobs"),
			check:  func(t *testing.T, c telegramtest.Call) { wantAnswer(t, c, "jobs", "") },
		},
		{
			name: "group /check@BotName", chat: group, msgID: 3,
			update: message(group, 3, alice, "/check@"+telegramtest.BotUsername+" "+housingClaim),
			check:  func(t *testing.T, c telegramtest.Call) { wantAnswer(t, c, "housing", "") },
		},
		{
			name: "alias /factcheck", chat: group, msgID: 4,
			update: message(group, 4, alice, "/factcheck "+housingClaim),
			check:  func(t *testing.T, c telegramtest.Call) { wantAnswer(t, c, "housing", "") },
		},
		{
			name: "reply-to /check checks the replied message", chat: group, msgID: 5,
			update: message(group, 5, bob, "/check", replyTo(4000, "Immigrants take our jobs, everyone knows it")),
			check:  func(t *testing.T, c telegramtest.Call) { wantAnswer(t, c, "jobs", "") },
		},
		{
			name: "mention", chat: group, msgID: 6,
			update: message(group, 6, bob, "@"+telegramtest.BotUsername+" "+housingClaim, mention("@"+telegramtest.BotUsername+" "+housingClaim)),
			check:  func(t *testing.T, c telegramtest.Call) { wantAnswer(t, c, "housing", "") },
		},
		{
			name: "forum topic: same thread", chat: group, msgID: 7,
			update: message(group, 7, bob, "/check "+housingClaim, topic(77)),
			check: func(t *testing.T, c telegramtest.Call) {
				wantAnswer(t, c, "housing", "")
				if c.Params["message_thread_id"] != "77" {
					t.Errorf("message_thread_id = %q, want 77", c.Params["message_thread_id"])
				}
			},
		},
		{
			name: "HTML in the question is escaped", chat: privateChat, msgID: 8,
			update: message(privateChat, 8, alice, `<b>bold & </a><a href="x">@someone`),
			check: func(t *testing.T, c telegramtest.Call) {
				raw := c.Params["text"]
				if !strings.Contains(raw, "&lt;b&gt;bold &amp; &lt;/a&gt;&lt;a href=&#34;x&#34;&gt;") {
					t.Errorf("the question is not escaped in:\n%s", raw)
				}
				if p := plain(t, c); !strings.Contains(p, "<b>bold & </a>") || strings.Contains(p, "@someone") {
					t.Errorf("reader sees %q: want the question verbatim, its mention defused", p)
				}
			},
		},
		{
			name: "oversized message refused politely", chat: privateChat, msgID: 9,
			update: message(privateChat, 9, alice, strings.Repeat("immigrants take jobs ", 200)),
			check: func(t *testing.T, c telegramtest.Call) {
				if p := plain(t, c); !strings.Contains(p, "too long") || !strings.Contains(p, "2000") {
					t.Errorf("reply %q, want a polite refusal naming the limit", p)
				}
			},
		},
		{
			name: "help in the user's language", chat: privateChat, msgID: 10,
			update: message(privateChat, 10, alice, "/start", lang("fr")),
			check: func(t *testing.T, c telegramtest.Call) {
				p := plain(t, c)
				for _, want := range []string{"Exemples", "/check ", "@" + telegramtest.BotUsername + " ", "/myths"} {
					if !strings.Contains(p, want) {
						t.Errorf("help lacks %q:\n%s", want, p)
					}
				}
			},
		},
		{
			name: "/myths lists topics with buttons", chat: group, msgID: 11,
			update: message(group, 11, alice, "/myths"),
			check: func(t *testing.T, c telegramtest.Call) {
				bs := buttons(t, c)
				if len(bs) != len(builtinIndex(t).Base().Myths) || !slices.Contains(bs, "x:housing:en") {
					t.Errorf("buttons = %v, want one per myth", bs)
				}
			},
		},
		{
			name: "a link in the question is shown as code, not as a link", chat: privateChat, msgID: 13,
			update: message(privateChat, 13, alice, "is https://www.hoax.example/story?x=1 true? see also hoax.example/b"),
			check: func(t *testing.T, c telegramtest.Call) {
				raw := c.Params["text"]
				for _, want := range []string{"<code>https://www.hoax.example/story?x=1</code>", "<code>hoax.example/b</code>"} {
					if !strings.Contains(raw, want) {
						t.Errorf("the link is not set as code (%s) in:\n%s", want, raw)
					}
				}
				if strings.Contains(raw, "<a ") {
					t.Errorf("the reply links something:\n%s", raw)
				}
				if !strings.Contains(c.Params["link_preview_options"], `"is_disabled":true`) {
					t.Errorf("link_preview_options = %s, want previews off", c.Params["link_preview_options"])
				}
				if p := plain(t, c); !strings.Contains(p, "is https://www.hoax.example/story?x=1 true? see also hoax.example/b") {
					t.Errorf("reader sees %q, want the question verbatim", p)
				}
			},
		},
		{
			name: "a claim it cannot answer", chat: privateChat, msgID: 12,
			update: message(privateChat, 12, alice, "what is the weather tomorrow"),
			check: func(t *testing.T, c telegramtest.Call) {
				if p := plain(t, c); !strings.Contains(p, "no checked answer") {
					t.Errorf("reply %q, want an honest abstention", p)
				}
				if bs := buttons(t, c); !slices.Contains(bs, "x:housing:en") {
					t.Errorf("buttons = %v, want the topics", bs)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fake.Push(tt.update)
			tt.check(t, h.fake.Wait(t, "sendMessage", replyOf(tt.chat, tt.msgID)))
		})
	}
}

// wantAnswer checks an answer message: valid HTML, the myth's buttons, and the verdict if given.
func wantAnswer(t *testing.T, c telegramtest.Call, myth, verdict string) {
	t.Helper()
	p := plain(t, c)
	if verdict != "" && !strings.HasPrefix(p, verdict) {
		t.Errorf("answer starts %q, want verdict %q", p[:min(40, len(p))], verdict)
	}
	bs := buttons(t, c)
	for _, want := range []string{"f:" + myth + ":", "s:" + myth + ":", "h:" + myth + ":", "n:" + myth + ":"} {
		if !slices.ContainsFunc(bs, func(b string) bool { return strings.HasPrefix(b, want) }) {
			t.Errorf("buttons %v lack %s...", bs, want)
		}
	}
}

// TestIgnored: what the bot must not answer, followed by one message it must; nothing else is sent.
func TestIgnored(t *testing.T) {
	h := start(t, setup{})
	edited := message(privateChat, 1, alice, housingClaim)
	edited["edited_message"] = edited["message"]
	delete(edited, "message")
	h.fake.Push(edited)
	h.fake.Push(message(group, 2, alice, "/check@OtherBot "+housingClaim))
	h.fake.Push(message(group, 3, alice, housingClaim)) // group chatter, auto mode off
	botMsg := message(privateChat, 4, alice, housingClaim)
	botMsg["message"].(map[string]any)["from"].(map[string]any)["is_bot"] = true
	h.fake.Push(botMsg)
	h.fake.Push(message(privateChat, 5, alice, housingClaim))
	h.fake.Wait(t, "sendMessage", replyOf(privateChat, 5))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if sent := h.fake.Calls("sendMessage"); len(sent) != 1 {
		t.Errorf("sent %d messages, want only the answer to message 5: %v", len(sent), sent)
	}
}

// TestMalformedUpdates: updates the adapter cannot decode, in the same batch as good ones, are
// dropped without stalling those behind them, and are not asked for again.
func TestMalformedUpdates(t *testing.T) {
	var last int
	h := start(t, setup{before: func(fake *telegramtest.Server) {
		fake.PushRaw(`{"message": "not an object"}`)
		fake.PushRaw(`{"message": {"message_id": 1, "chat": {"id": "not a number"}, "text": "hi"}}`)
		fake.PushRaw(`{"callback_query": [1, 2, 3]}`)
		last = fake.Push(message(privateChat, 9, alice, housingClaim))
	}})
	h.fake.Wait(t, "sendMessage", replyOf(privateChat, 9))
	h.fake.Wait(t, "getUpdates", func(c telegramtest.Call) bool { return c.Params["offset"] == itoa(int64(last+1)) })
	if n := len(h.fake.Calls("getUpdates")); n != 2 {
		t.Errorf("%d getUpdates calls before the batch was confirmed, want 2 (the batch, then the next poll)", n)
	}
}

// TestCallbacks presses each kind of answer button and checks what follows.
func TestCallbacks(t *testing.T) {
	h := start(t, setup{})
	tests := []struct {
		name  string
		data  string
		toast string
		reply func(t *testing.T, c telegramtest.Call)
	}{
		{name: "full answer", data: "f:housing:en", reply: func(t *testing.T, c telegramtest.Call) {
			p := plain(t, c)
			for _, want := range []string{"Population growth does add to housing demand", "[1]", "Sources", "1. Canada's population estimates, third quarter 2023"} {
				if !strings.Contains(p, want) {
					t.Errorf("full answer lacks %q", want)
				}
			}
		}},
		{name: "sources", data: "s:jobs:en", reply: func(t *testing.T, c telegramtest.Call) {
			if n := strings.Count(c.Params["text"], "<a href="); n < 2 {
				t.Errorf("%d source links, want every source", n)
			}
		}},
		{name: "other language", data: "x:housing:fr", reply: func(t *testing.T, c telegramtest.Call) {
			if p := plain(t, c); !strings.HasPrefix(p, "Trompeur") {
				t.Errorf("answer %q, want it in French", p[:40])
			}
		}},
		{name: "helpful", data: "h:housing:en", toast: "Thank you"},
		{name: "not helpful", data: "n:jobs:fr", toast: "Merci"},
		{name: "forged data", data: "f:@everyone<b>:en<b>", reply: func(t *testing.T, c telegramtest.Call) {
			if p := plain(t, c); !strings.Contains(p, "no myth") || strings.Contains(p, "@everyone") {
				t.Errorf("reply %q, want a refusal", p)
			}
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			under := 5000 + i
			h.fake.Push(map[string]any{"callback_query": map[string]any{
				"id": "cb" + itoa(int64(i)), "chat_instance": "1", "data": tt.data,
				"from":    map[string]any{"id": bob, "is_bot": false, "first_name": "B"},
				"message": map[string]any{"message_id": under, "date": 1, "chat": map[string]any{"id": group, "type": "supergroup"}, "text": "x"},
			}})
			ack := h.fake.Wait(t, "answerCallbackQuery", func(c telegramtest.Call) bool { return c.Params["callback_query_id"] == "cb"+itoa(int64(i)) })
			if !strings.Contains(ack.Params["text"], tt.toast) {
				t.Errorf("toast %q, want %q", ack.Params["text"], tt.toast)
			}
			if tt.reply != nil {
				c := h.fake.Wait(t, "sendMessage", replyOf(group, under))
				if c.At.Before(ack.At) {
					t.Error("the button was acknowledged after the answer was sent, not at once")
				}
				tt.reply(t, c)
			}
		})
	}
	if err := h.stop(); err != nil { // waits for the handlers, which record feedback after the toast
		t.Fatal(err)
	}
	// as serve does when the surfaces have stopped
	tally := storetest.FlushedTally(t, h.core, h.store)
	fb := tally.Feedback
	slices.SortFunc(fb, func(a, b bot.FeedbackCount) int { return strings.Compare(a.MythID, b.MythID) })
	want := []bot.FeedbackCount{
		{MythID: "housing", Helpful: true, Count: 1},
		{MythID: "jobs", Helpful: false, Count: 1},
	}
	if !slices.Equal(fb, want) {
		t.Errorf("feedback stored = %+v, want %+v", fb, want)
	}
}

type inlineResult struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Content struct {
		Text string `json:"message_text"`
	} `json:"input_message_content"`
}

// TestInline: ranked ready-to-send answers, the myth list for an empty query, a polite refusal
// when the asker is rate-limited.
func TestInline(t *testing.T) {
	h := start(t, setup{limits: bot.Limits{UserPer: time.Hour, UserBurst: 1}})
	tests := []struct {
		name  string
		query string
		from  int64
		check func(t *testing.T, rs []inlineResult, c telegramtest.Call)
	}{
		{name: "claim", query: "they take our jobs and cause the housing crisis", from: alice, check: func(t *testing.T, rs []inlineResult, c telegramtest.Call) {
			if len(rs) == 0 || len(rs) > 5 {
				t.Fatalf("%d results, want 1 to 5", len(rs))
			}
			ids := []string{}
			for _, r := range rs {
				ids = append(ids, r.ID)
				if !strings.Contains(r.Content.Text, "<a href=") {
					t.Errorf("result %s has no source link: not ready to send", r.ID)
				}
			}
			if !slices.Contains(ids, "jobs") && !slices.Contains(ids, "housing") {
				t.Errorf("results %v, want jobs or housing ranked", ids)
			}
		}},
		{name: "empty query lists the myths", query: "", from: alice, check: func(t *testing.T, rs []inlineResult, c telegramtest.Call) {
			if len(rs) != len(builtinIndex(t).Base().Myths) {
				t.Errorf("%d results, want every myth", len(rs))
			}
		}},
		{name: "rate-limited", query: housingClaim, from: bob, check: func(t *testing.T, rs []inlineResult, c telegramtest.Call) {
			if len(rs) != 0 || !strings.Contains(c.Params["button"], "wait") {
				t.Errorf("%d results, button %s: want none and a polite notice", len(rs), c.Params["button"])
			}
		}},
	}
	// bob spends his one question first.
	h.fake.Push(map[string]any{"inline_query": map[string]any{"id": "warm", "query": housingClaim, "offset": "",
		"from": map[string]any{"id": bob, "is_bot": false, "first_name": "B"}}})
	h.fake.Wait(t, "answerInlineQuery", func(c telegramtest.Call) bool { return c.Params["inline_query_id"] == "warm" })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fake.Push(map[string]any{"inline_query": map[string]any{"id": tt.name, "query": tt.query, "offset": "",
				"from": map[string]any{"id": tt.from, "is_bot": false, "first_name": "A", "language_code": "en"}}})
			c := h.fake.Wait(t, "answerInlineQuery", func(c telegramtest.Call) bool { return c.Params["inline_query_id"] == tt.name })
			var rs []inlineResult
			if err := c.JSON("results", &rs); err != nil {
				t.Fatal(err)
			}
			tt.check(t, rs, c)
		})
	}
}

// TestRetries: a 429 is retried after its retry_after, a 502 after a backoff.
func TestRetries(t *testing.T) {
	tests := []struct {
		name       string
		code, wait int
		minGap     time.Duration
	}{
		{"429 retry_after", 429, 1, 900 * time.Millisecond},
		{"502 backoff", 502, 0, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, setup{})
			h.fake.Fail("sendMessage", 1, tt.code, tt.wait)
			h.fake.Push(message(privateChat, 10+i, alice, housingClaim))
			ok := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 10+i))
			calls := h.fake.Calls("sendMessage")
			if len(calls) != 2 || calls[0].Status != tt.code {
				t.Fatalf("calls %+v, want one %d then a success", calls, tt.code)
			}
			if gap := ok.At.Sub(calls[0].At); gap < tt.minGap {
				t.Errorf("retried after %v, want at least %v", gap, tt.minGap)
			}
		})
	}
}

// TestChatSettings: /lang and /auto are for admins in groups; the language set is used; auto mode
// answers unprompted only when very sure, and not twice within its cooldown.
func TestChatSettings(t *testing.T) {
	h := start(t, setup{})
	h.fake.SetMember(group, alice, "administrator")
	steps := []struct {
		name  string
		from  int64
		text  string
		reply string // "" = no reply expected
	}{
		{"non-admin cannot set the language", bob, "/lang fr", "Only the group's admins"},
		{"unknown language, escaped", alice, "/lang <i>", "no answers in “<i>”"},
		{"admin sets French", alice, "/lang fr", "Français"},
		{"answers now in French", bob, "/check " + housingClaim, "Trompeur"},
		{"non-admin cannot turn auto on", bob, "/auto on", "admins"},
		{"admin turns auto on", alice, "/auto on", "Mode automatique activé"},
		{"auto: a sure claim is answered", bob, housingClaim, "Trompeur"},
		{"auto: cooldown", bob, "international students are causing the housing crisis", ""},
		{"auto: unsure chatter ignored", bob, "see you at the meeting tonight", ""},
		{"private /lang needs no admin", bob, "/lang es", ""},
	}
	for i, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			chat := int64(group)
			if strings.HasPrefix(s.name, "private") {
				chat = int64(bob)
			}
			h.fake.Push(message(chat, 100+i, s.from, s.text))
			if s.reply == "" {
				return
			}
			if p := plain(t, h.fake.Wait(t, "sendMessage", replyOf(chat, 100+i))); !strings.Contains(p, s.reply) {
				t.Errorf("reply %q, want %q", p, s.reply)
			}
		})
	}
	h.fake.Wait(t, "sendMessage", replyOf(bob, 100+len(steps)-1))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	for _, c := range h.fake.Calls("sendMessage") {
		if id := repliesTo(c); id == 107 || id == 108 {
			t.Errorf("auto mode answered message %d: %s", id, c.Params["text"])
		}
	}
}

// TestRateLimited: the core's per-asker limit ends in a polite refusal, in the asker's language.
func TestRateLimited(t *testing.T) {
	h := start(t, setup{limits: bot.Limits{UserPer: time.Hour, UserBurst: 1}})
	tests := []struct {
		msgID int
		want  string
	}{
		{1, "Misleading"},
		{2, "attendez quelques secondes"},
	}
	for _, tt := range tests {
		h.fake.Push(message(privateChat, tt.msgID, alice, housingClaim, lang("fr-CA")))
		if p := plain(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, tt.msgID))); !strings.Contains(p, tt.want) {
			t.Errorf("reply to %d = %q, want %q", tt.msgID, p, tt.want)
		}
	}
}

// BenchmarkPrivateQuestion measures a question's round trip through the adapter: from the update
// queued on the fake Bot API to the answer received there (polling, decoding, matching, rendering,
// sending over local HTTP).
func BenchmarkPrivateQuestion(b *testing.B) {
	h := start(b, setup{})
	b.ResetTimer()
	for i := range b.N {
		h.fake.Push(message(privateChat, i+1, alice, housingClaim))
		h.fake.Wait(b, "sendMessage", replyOf(privateChat, i+1))
	}
}
