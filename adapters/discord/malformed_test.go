package discord_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/bot"
)

// logRecorder is a slog handler that keeps every record, to assert on what the adapter logs.
type logRecorder struct {
	mu      sync.Mutex
	records []loggedRecord
}

type loggedRecord struct {
	level slog.Level
	msg   string
	attrs map[string]string
}

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *logRecorder) WithGroup(string) slog.Handler            { return h }
func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	rec := loggedRecord{level: r.Level, msg: r.Message, attrs: map[string]string{}}
	r.Attrs(func(a slog.Attr) bool {
		rec.attrs[a.Key] = a.Value.String()
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, rec)
	return nil
}

func (h *logRecorder) all() []loggedRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]loggedRecord(nil), h.records...)
}

// checkLogs fails on a recovered panic, unless panics are expected, and on any record at info
// level or above that quotes the asker's text (here, anything with "immigrants" in it).
func checkLogs(t *testing.T, logs *logRecorder, panicsExpected bool) {
	t.Helper()
	for _, r := range logs.all() {
		if strings.Contains(r.msg, "panicked") && !panicsExpected {
			t.Errorf("a handler panicked: %s %v", r.msg, r.attrs["panic"])
		}
		if r.level < slog.LevelInfo {
			continue
		}
		line := r.msg + fmt.Sprint(r.attrs)
		if strings.Contains(strings.ToLower(line), "immigrants") {
			t.Errorf("a log at %s quotes the asker's text: %s", r.level, line)
		}
	}
}

func rawJSON(s string) json.RawMessage { return json.RawMessage(s) }

func factcheckWith(id string, options any) map[string]any {
	return interaction(id, 2, map[string]any{"id": "600", "name": "factcheck", "type": 1, "options": options})
}

// TestMalformedInteractions sends INTERACTION_CREATE events Discord would never send (or a
// forged or future one might) through the gateway. discordgo hands them on even when it cannot
// decode them; none may panic (the panic would take the whole process down), and each is either
// answered politely or ignored.
func TestMalformedInteractions(t *testing.T) {
	logs := &logRecorder{}
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001", Logger: slog.New(logs)})
	claim := map[string]any{"name": "claim", "type": 3, "value": "immigrants are taking our jobs"}

	const (
		ignored    = ""
		answer     = "<answer>" // an embed that answers the jobs myth
		unreadable = "couldn't read"
		empty      = "Give me a claim to check" // the claim is optional now that a picture will do
		unknownCmd = "don't know this command"
		oldButton  = "no longer supported"
	)
	noData := interaction("3102", 2, nil)
	delete(noData, "data")
	noComponentData := component("3114", "fl:yes:jobs:en")
	delete(noComponentData, "data")
	dataString := interaction("3104", 2, nil)
	dataString["data"] = "x"
	noMember := slash("3120", "immigrants are taking our jobs", false)
	delete(noMember, "member")
	memberWithoutUser := slash("3121", "immigrants are taking our jobs", false)
	memberWithoutUser["member"] = map[string]any{"roles": []string{}}

	tests := []struct {
		name  string
		id    string // "" for events without an id to answer
		event any
		want  string // ignored, answer, or a substring of the private reply
	}{
		{"d is null", "", nil, ignored},
		{"d is a list", "", rawJSON(`[]`), ignored},
		{"d is a string", "", rawJSON(`"x"`), ignored},
		{"type is a string", "3101", map[string]any{"id": "3101", "type": "2", "token": "tok-3101"}, ignored},
		{"application command without data", "3102", noData, unreadable},
		{"data is null", "3103", interaction("3103", 2, nil), unknownCmd},
		{"data is a string", "3104", dataString, unreadable},
		{"name is a number", "3129", interaction("3129", 2, map[string]any{"name": 5}), unreadable},
		{"options is not a list", "3105", factcheckWith("3105", "claim"), unreadable},
		{"options is an object", "3106", factcheckWith("3106", map[string]any{"claim": "x"}), unreadable},
		{"options holds null", "3107", factcheckWith("3107", []any{nil, claim}), answer},
		{"claim is a number", "3108", factcheckWith("3108", []any{map[string]any{"name": "claim", "type": 3, "value": 42}}), empty},
		{"claim is null", "3109", factcheckWith("3109", []any{map[string]any{"name": "claim", "type": 3, "value": nil}}), empty},
		{"claim has the type of a number", "3110", factcheckWith("3110", []any{map[string]any{"name": "claim", "type": 4, "value": 42}}), empty},
		{"claim is missing", "3111", factcheckWith("3111", []any{}), empty},
		{"picture is a number", "3130", factcheckWith("3130", []any{map[string]any{"name": "picture", "type": 11, "value": 42}}), empty},
		{"picture not among the resolved attachments", "3131", factcheckWith("3131", []any{map[string]any{"name": "picture", "type": 11, "value": "901"}}), empty},
		{"picture resolved to null, with a claim", "3132", interaction("3132", 2, map[string]any{"id": "600", "name": "factcheck", "type": 1,
			"options":  []any{claim, map[string]any{"name": "picture", "type": 11, "value": "901"}},
			"resolved": map[string]any{"attachments": map[string]any{"901": nil}}}), answer},
		{"resolved attachments is a list", "3133", interaction("3133", 2, map[string]any{"id": "600", "name": "factcheck", "type": 1,
			"options":  []any{map[string]any{"name": "picture", "type": 11, "value": "901"}},
			"resolved": map[string]any{"attachments": []any{"x"}}}), unreadable},
		{"private is a string", "3112", factcheckWith("3112", []any{claim, map[string]any{"name": "private", "type": 5, "value": "true"}}), answer},
		{"lang is a bool", "3113", factcheckWith("3113", []any{claim, map[string]any{"name": "lang", "type": 3, "value": true}}), answer},
		{"component without data", "3114", noComponentData, unreadable},
		{"component without custom_id", "3115", interaction("3115", 3, map[string]any{"component_type": 2}), oldButton},
		{"custom_id is a number", "3116", interaction("3116", 3, map[string]any{"custom_id": 7, "component_type": 2}), unreadable},
		{"values is not a list", "3117", interaction("3117", 3, map[string]any{"custom_id": "fl:myth", "component_type": 3, "values": "jobs"}), unreadable},
		{"myth menu without values", "3118", component("3118", "fl:myth"), "can't answer that"},
		{"language menu without values", "3119", component("3119", "fl:lang:jobs:en"), answer},
		{"no member and no user", "3120", noMember, answer},
		{"member without user", "3121", memberWithoutUser, answer},
		{"message command without resolved", "3122", interaction("3122", 2, map[string]any{"name": "Fact-check this message", "type": 3, "target_id": "800"}), "no text I can check"},
		{"message command, target not resolved", "3123", interaction("3123", 2, map[string]any{"name": "Fact-check this message", "type": 3, "target_id": "800", "resolved": map[string]any{"messages": nil}}), "no text I can check"},
		{"message command, content is a number", "3124", interaction("3124", 2, map[string]any{"name": "Fact-check this message", "type": 3, "target_id": "800", "resolved": map[string]any{"messages": map[string]any{"800": map[string]any{"id": "800", "content": 5}}}}), unreadable},
		{"command without a name", "3125", interaction("3125", 2, map[string]any{"type": 1}), unknownCmd},
		{"autocomplete", "3126", interaction("3126", 4, map[string]any{"name": "factcheck", "options": "x"}), ignored},
		{"modal submit", "3127", interaction("3127", 5, map[string]any{"custom_id": "x", "components": "x"}), ignored},
		{"unknown interaction type", "3128", interaction("3128", 99, map[string]any{}), ignored},
	}
	jobs := claimOf(t, b, "jobs", "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake.Dispatch(t, "INTERACTION_CREATE", tt.event)
			if tt.want == ignored {
				return
			}
			cb := answered(t, fake, tt.id)
			if cb.Type != 4 {
				t.Errorf("callback type = %d, want 4 (message)", cb.Type)
			}
			if tt.want == answer {
				if len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != jobs {
					t.Errorf("reply = %+v, want the jobs answer", cb.Data)
				}
				return
			}
			if cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, tt.want) {
				t.Errorf("reply = %q (flags %d), want a private reply with %q", cb.Data.Content, cb.Data.Flags, tt.want)
			}
		})
	}
	// The process is still answering; the events to ignore got no answer by the time it has.
	fake.Dispatch(t, "INTERACTION_CREATE", slash("3199", "immigrants are taking our jobs", false))
	if cb := answered(t, fake, "3199"); len(cb.Data.Embeds) != 1 {
		t.Errorf("after the malformed events, reply = %+v, want an answer", cb.Data)
	}
	for _, tt := range tests {
		if tt.want != ignored || tt.id == "" {
			continue
		}
		for _, r := range fake.Requests() {
			if r.Path == callbackPath(tt.id) {
				t.Errorf("%s: answered an event to ignore", tt.name)
			}
		}
	}
	checkLogs(t, logs, false)
}

// panickyCore is the real core, except that asking panics, as a bug anywhere below the adapter would.
type panickyCore struct{ *bot.Bot }

func (panickyCore) Ask(context.Context, bot.Request) (bot.Answer, error) {
	panic("a bug below the adapter")
}

// TestPanicInAHandlerIsRecovered checks that a panic while answering an interaction or a mention
// is logged with the event type and a stack, answered politely, and does not stop the process.
func TestPanicInAHandlerIsRecovered(t *testing.T) {
	logs := &logRecorder{}
	b := newBot(t, bot.Limits{}, nil)
	fake := discordtest.New(t)
	a := discord.New(panickyCore{b}, discord.Options{Token: fake.Token, APIBase: fake.URL, AppID: "100000000000000001", Logger: slog.New(logs)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() { cancel(); <-done }()

	fake.Dispatch(t, "INTERACTION_CREATE", slash("3201", "immigrants are taking our jobs", false))
	cb := answered(t, fake, "3201")
	if !strings.Contains(cb.Data.Content, "something went wrong") || cb.Data.Flags&64 == 0 {
		t.Errorf("reply = %q (flags %d), want a private apology", cb.Data.Content, cb.Data.Flags)
	}

	botUser := map[string]any{"id": fake.BotID, "username": "factline", "bot": true}
	fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "3202", "channel_id": channelID, "guild_id": guildID,
		"content": "<@" + fake.BotID + "> immigrants take our jobs", "author": map[string]any{"id": userID, "username": "asker"}, "mentions": []any{botUser}})
	r := fake.Wait(t, "a reply to 3202", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), `"message_id":"3202"`)
	})
	var p payload
	r.Decode(t, &p)
	checkNoMentions(t, p.AllowedMentions)
	if !strings.Contains(p.Content, "something went wrong") {
		t.Errorf("reply to the mention = %q, want an apology", p.Content)
	}

	// Still alive: a command that does not ask is answered.
	fake.Dispatch(t, "INTERACTION_CREATE", interaction("3203", 2, map[string]any{"id": "601", "name": "myths", "type": 1}))
	if cb := answered(t, fake, "3203"); len(cb.Data.Components) == 0 {
		t.Errorf("/myths after the panics = %+v, want the menu", cb.Data)
	}

	events := map[string]bool{}
	for _, r := range logs.all() {
		if strings.Contains(r.msg, "panicked") {
			if r.level != slog.LevelError || !strings.Contains(r.attrs["stack"], "goroutine") {
				t.Errorf("panic logged at %s with stack %q, want error level and a stack", r.level, r.attrs["stack"])
			}
			events[r.attrs["event"]] = true
		}
	}
	if !events["INTERACTION_CREATE"] || !events["MESSAGE_CREATE"] {
		t.Errorf("panics logged for events %v, want INTERACTION_CREATE and MESSAGE_CREATE", events)
	}
	checkLogs(t, logs, true)
}
