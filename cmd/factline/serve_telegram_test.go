package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"factline/adapters/telegram/telegramtest"
)

// TestServeTelegram runs `factline serve` as a process against a fake Bot API configured only
// through the environment, checks it answers a private question, a /check in a forum topic, an
// inline query and a button, and that it stops cleanly on SIGTERM without printing the token.
func TestServeTelegram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "factline")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	fake := telegramtest.NewServer(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = []string{
		"TELEGRAM_BOT_TOKEN=" + telegramtest.Token,
		"TELEGRAM_API_ENDPOINT=" + fake.Endpoint(),
		"FACTLINE_HTTP_ADDR=off",
		"FACTLINE_DATA_DIR=" + t.TempDir(),
		"HOME=" + t.TempDir(),
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	user := map[string]any{"id": 42, "is_bot": false, "first_name": "A", "language_code": "en"}
	fake.Push(map[string]any{"message": map[string]any{"message_id": 1, "date": 1, "from": user,
		"chat": map[string]any{"id": 42, "type": "private"}, "text": "immigrants are causing the housing crisis"}})
	fake.Push(map[string]any{"message": map[string]any{"message_id": 2, "date": 1, "from": user,
		"message_thread_id": 9, "is_topic_message": true,
		"chat": map[string]any{"id": -1001, "type": "supergroup", "is_forum": true}, "text": "/check@FactlineBot they take our jobs",
		"entities": []any{map[string]any{"type": "bot_command", "offset": 0, "length": 18}}}})
	fake.Push(map[string]any{"inline_query": map[string]any{"id": "iq1", "from": user, "query": "", "offset": ""}})
	fake.Push(map[string]any{"callback_query": map[string]any{"id": "cb1", "from": user, "chat_instance": "1", "data": "f:housing:en",
		"message": map[string]any{"message_id": 3, "date": 1, "chat": map[string]any{"id": 42, "type": "private"}, "text": "x"}}})

	private := fake.Wait(t, "sendMessage", func(c telegramtest.Call) bool { return replyID(c) == 1 })
	if !strings.Contains(private.Params["text"], "Misleading") {
		t.Errorf("private answer: %s", private.Params["text"])
	}
	inTopic := fake.Wait(t, "sendMessage", func(c telegramtest.Call) bool { return replyID(c) == 2 })
	if inTopic.Params["message_thread_id"] != "9" || !strings.Contains(inTopic.Params["reply_markup"], `"f:jobs:en"`) {
		t.Errorf("topic answer: thread %q, buttons %s", inTopic.Params["message_thread_id"], inTopic.Params["reply_markup"])
	}
	fake.Wait(t, "answerInlineQuery", func(c telegramtest.Call) bool { return c.Params["inline_query_id"] == "iq1" })
	fake.Wait(t, "answerCallbackQuery", func(c telegramtest.Call) bool { return c.Params["callback_query_id"] == "cb1" })
	full := fake.Wait(t, "sendMessage", func(c telegramtest.Call) bool { return replyID(c) == 3 })
	if !strings.Contains(full.Params["text"], "[1]") {
		t.Errorf("full answer lacks its citations: %s", full.Params["text"])
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("factline serve exited with %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("factline serve did not stop within 10s of SIGTERM\n%s", stderr.String())
	}
	if strings.Contains(stderr.String(), telegramtest.Token) || strings.Contains(stderr.String(), "TEST-token") {
		t.Errorf("the logs show the bot token:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "factline stopped") {
		t.Errorf("no clean stop in the logs:\n%s", stderr.String())
	}
}

// replyID is the message a sent message answers, from its reply_parameters.
func replyID(c telegramtest.Call) int {
	var rp struct {
		MessageID int `json:"message_id"`
	}
	_ = c.JSON("reply_parameters", &rp)
	return rp.MessageID
}
