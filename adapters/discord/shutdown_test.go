package discord_test

import (
	"context"
	"testing"
	"time"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/bot"
)

// stuckBot is the real core, except that a question takes until its context ends: an answer that
// is still being worked on when the adapter stops.
type stuckBot struct {
	*bot.Bot
	asked chan struct{}
}

func (s stuckBot) Ask(ctx context.Context, _ bot.Request) (bot.Answer, error) {
	s.asked <- struct{}{}
	<-ctx.Done()
	return bot.Answer{}, ctx.Err()
}

// TestStopWaitsOnlyTheShutdownGrace: an answer in flight when the adapter stops gets
// Options.ShutdownGrace, then its context ends, so Run returns soon after the grace period rather
// than after the handler's own time limit (30 s).
func TestStopWaitsOnlyTheShutdownGrace(t *testing.T) {
	const grace = 300 * time.Millisecond
	fake := discordtest.New(t)
	b := stuckBot{Bot: newBot(t, bot.Limits{}, nil), asked: make(chan struct{}, 1)}
	a := discord.New(b, discord.Options{Token: fake.Token, APIBase: fake.URL, AppID: "100000000000000001", ShutdownGrace: grace})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "3000", "channel_id": channelID, "guild_id": guildID,
		"content": "<@" + fake.BotID + "> immigrants take our jobs", "author": map[string]any{"id": userID, "username": "asker"},
		"mentions": []map[string]any{{"id": fake.BotID, "username": "factline", "bot": true}}})
	select {
	case <-b.asked:
	case <-time.After(10 * time.Second):
		t.Fatal("the mention never reached the bot")
	}
	stopped := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		if took := time.Since(stopped); took < grace {
			t.Errorf("Run returned %v after the stop, before the grace period of %v", took, grace)
		}
	case <-time.After(grace + 3*time.Second):
		t.Fatalf("Run still waits for the answer in flight %v after the stop", grace+3*time.Second)
	}
}
