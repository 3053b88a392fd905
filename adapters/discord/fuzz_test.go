package discord

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"factline/adapters/discord/discordtest"
	"factline/bot"
	"factline/facts/factstest"
)

// panicLog is a slog handler that keeps the panics the adapter recovered, so a fuzz input that
// makes a handler panic fails even though the process would have survived it.
type panicLog struct {
	mu     sync.Mutex
	panics []string
}

func (h *panicLog) Enabled(context.Context, slog.Level) bool { return true }
func (h *panicLog) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *panicLog) WithGroup(string) slog.Handler            { return h }
func (h *panicLog) Handle(_ context.Context, r slog.Record) error {
	if !strings.Contains(r.Message, "panicked") {
		return nil
	}
	var b strings.Builder
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(a.Key + "=" + a.Value.String() + "\n")
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.panics = append(h.panics, b.String())
	return nil
}

func (h *panicLog) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.panics
	h.panics = nil
	return p
}

// interactionSeeds are valid interactions of each kind the adapter handles, and malformed ones.
var interactionSeeds = []string{
	// /factcheck, public and private with a language
	`{"id":"1","application_id":"100000000000000001","type":2,"token":"t1","version":1,"guild_id":"3","channel_id":"4","locale":"en-US","member":{"user":{"id":"5","username":"a"}},"data":{"id":"600","name":"factcheck","type":1,"options":[{"name":"claim","type":3,"value":"immigrants are taking our jobs"}]}}`,
	`{"id":"2","application_id":"100000000000000001","type":2,"token":"t2","channel_id":"4","user":{"id":"5"},"data":{"name":"factcheck","type":1,"options":[{"name":"claim","type":3,"value":"les immigrés volent nos emplois"},{"name":"private","type":5,"value":true},{"name":"lang","type":3,"value":"fr"}]}}`,
	// /myths
	`{"id":"3","type":2,"token":"t3","guild_id":"3","channel_id":"4","locale":"fr","data":{"name":"myths","type":1}}`,
	// the message command
	`{"id":"4","type":2,"token":"t4","guild_id":"3","channel_id":"4","member":{"user":{"id":"5"}},"data":{"name":"Fact-check this message","type":3,"target_id":"800","resolved":{"messages":{"800":{"id":"800","channel_id":"4","content":"@everyone immigrants take our jobs","author":{"id":"9"}}}}}}`,
	// buttons and menus
	`{"id":"5","type":3,"token":"t5","guild_id":"3","channel_id":"4","member":{"user":{"id":"5"}},"message":{"id":"700","channel_id":"4"},"data":{"custom_id":"fl:full:jobs:en","component_type":2}}`,
	`{"id":"6","type":3,"token":"t6","channel_id":"4","data":{"custom_id":"fl:yes:housing:fr","component_type":2}}`,
	`{"id":"7","type":3,"token":"t7","channel_id":"4","data":{"custom_id":"fl:lang:jobs:en","component_type":3,"values":["es"]}}`,
	`{"id":"8","type":3,"token":"t8","channel_id":"4","locale":"es-ES","data":{"custom_id":"fl:myth:p","component_type":3,"values":["crime"]}}`,
	// malformed
	`null`,
	`{"id":"9","type":2,"token":"t9"}`,
	`{"id":"10","type":2,"token":"t10","data":{"name":"factcheck","options":"claim"}}`,
	`{"id":"11","type":2,"token":"t11","data":{"name":"factcheck","options":[null,{"name":"claim","type":3,"value":7},{"name":"private","type":5,"value":"yes"},{"name":"lang","type":3,"value":false}]}}`,
	`{"id":"12","type":2,"token":"t12","data":{"name":"factcheck","options":[{"name":"claim","type":4,"value":null}]}}`,
	`{"id":"13","type":3,"token":"t13","data":{"component_type":2}}`,
	`{"id":"14","type":3,"token":"t14","data":{"custom_id":"fl:::::","values":[null]}}`,
	`{"id":"15","type":2,"token":"t15","member":{},"data":{"name":"Fact-check this message","type":3,"resolved":{"messages":{"":null}}}}`,
}

// FuzzInteraction feeds arbitrary INTERACTION_CREATE payloads through discordgo's own decoding
// into the adapter's handlers, answering over REST to the fake Discord. discordgo hands on what it
// failed to decode, so the handler is called whatever the decoding said, as the gateway does. The
// same payload is also handed on as a MESSAGE_CREATE. A handler that panics fails, even though
// the adapter recovers. Run longer with: go test -run '^$' -fuzz FuzzInteraction ./adapters/discord
func FuzzInteraction(f *testing.F) {
	for _, s := range interactionSeeds {
		f.Add([]byte(s))
	}
	fake := discordtest.New(f)
	panics := &panicLog{}
	core := bot.New(bot.Options{Matcher: factstest.Index(f)})
	a := New(core, Options{Token: fake.Token, APIBase: fake.URL, AppID: fake.AppID, DeferAfter: time.Minute, Logger: slog.New(panics)})
	a.appID, a.botID = fake.AppID, fake.BotID
	f.Fuzz(func(t *testing.T, raw []byte) {
		ic := &discordgo.InteractionCreate{}
		_ = json.Unmarshal(raw, ic) // discordgo logs the error and calls the handlers anyway
		a.onInteraction(nil, ic)
		mc := &discordgo.MessageCreate{}
		_ = json.Unmarshal(raw, mc)
		a.onMessage(nil, mc)
		if p := panics.take(); len(p) > 0 {
			t.Fatalf("a handler panicked on %s:\n%s", raw, p[0])
		}
	})
}
