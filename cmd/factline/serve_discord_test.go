package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"factline/adapters/discord/discordtest"
)

// TestServeDiscordChild is `factline serve` in a child process of TestServeDiscord; alone, it skips.
func TestServeDiscordChild(t *testing.T) {
	if os.Getenv("FACTLINE_TEST_SERVE_CHILD") != "1" {
		t.Skip("runs only as the child process of TestServeDiscord")
	}
	os.Exit(run([]string{"serve"}, env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// lockedBuffer collects a child's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeDiscord runs `factline serve` as a process against a fake Discord: configured by the
// environment only, it registers the commands to the guild, answers a slash command and a mention,
// and stops cleanly on SIGTERM, logging no identity, token or question.
func TestServeDiscord(t *testing.T) {
	fake := discordtest.New(t)
	const guild, channel, user = "300000000000000003", "400000000000000004", "500000000000000005"
	const claim = "immigrants are taking our jobs"

	cmd := exec.Command(os.Args[0], "-test.run=^TestServeDiscordChild$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FACTLINE_") && !strings.HasPrefix(kv, "DISCORD_") && !strings.HasPrefix(kv, "TELEGRAM_") && !strings.HasPrefix(kv, "OPENAI_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "FACTLINE_TEST_SERVE_CHILD=1", "FACTLINE_HTTP_ADDR=off", "FACTLINE_DATA_DIR="+t.TempDir(),
		"FACTLINE_PUBLIC_URL=https://factline.example",
		"DISCORD_BOT_TOKEN="+fake.Token, "DISCORD_API_BASE="+fake.URL, "DISCORD_GUILD_ID="+guild)
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()

	fake.WaitPath(t, "PUT", "/api/v9/applications/"+fake.AppID+"/guilds/"+guild+"/commands")
	fake.Dispatch(t, "INTERACTION_CREATE", map[string]any{
		"id": "8001", "application_id": fake.AppID, "type": 2, "token": "tok-8001", "version": 1,
		"guild_id": guild, "channel_id": channel, "locale": "en-US",
		"member": map[string]any{"user": map[string]any{"id": user, "username": "asker"}},
		"data": map[string]any{"id": "600", "name": "factcheck", "type": 1, "options": []map[string]any{
			{"name": "claim", "type": 3, "value": "@everyone " + claim},
		}},
	})
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Embeds []struct {
				URL string `json:"url"`
			} `json:"embeds"`
			AllowedMentions *struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
		} `json:"data"`
	}
	fake.WaitPath(t, "POST", "/api/v9/interactions/8001/tok-8001/callback").Decode(t, &cb)
	if cb.Type != 4 || len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].URL != "https://factline.example/myths/jobs?lang=en" {
		t.Errorf("callback = %+v, want the jobs answer linking to its web page", cb)
	}
	if cb.Data.AllowedMentions == nil || cb.Data.AllowedMentions.Parse == nil || len(cb.Data.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want an empty parse list", cb.Data.AllowedMentions)
	}

	fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "8002", "channel_id": channel, "guild_id": guild,
		"content": "<@" + fake.BotID + "> " + claim, "author": map[string]any{"id": user, "username": "asker"},
		"mentions": []map[string]any{{"id": fake.BotID, "username": "factline", "bot": true}}})
	reply := fake.WaitPath(t, "POST", "/api/v9/channels/"+channel+"/messages")
	var msg map[string]any
	reply.Decode(t, &msg)
	if ref, _ := json.Marshal(msg["message_reference"]); !strings.Contains(string(ref), `"message_id":"8002"`) {
		t.Errorf("mention answered without replying to it: %s", reply.Body)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("factline serve exited with %v after SIGTERM:\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("factline serve still running 15s after SIGTERM:\n%s", logs.String())
	}
	out := logs.String()
	for _, want := range []string{"commands registered", "factline stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{fake.Token, user, claim, "tok-8001"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q:\n%s", secret, out)
		}
	}
}
