package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"factline/bot"
	"factline/config"
)

// seed opens the store a command would open for vars and fills it through the bot and the
// store, as a few days of serving would.
func seed(t *testing.T, vars map[string]string) {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.Load("", func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	s, secret, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ix, err := loadIndex("")
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Matcher: ix, Store: s, Secret: secret, KeepUnanswered: true})
	for _, r := range []bot.Request{
		{Text: "immigrants are the reason rent is so high", Surface: bot.SurfaceTelegram},
		{Text: "immigrants are the reason rent is so high", Surface: bot.SurfaceTelegram},
		{Text: "immigrants are the reason rent is so high", Surface: bot.SurfaceWeb, Lang: "fr"},
		{Text: "why are there so many potholes on my street", Surface: bot.SurfaceTelegram, Chat: "telegram:-100555"},
		{Text: "who will fix the potholes on our street? call me 555-123-4567", Surface: bot.SurfaceDiscord},
		{Text: "is the weather colder because of the airport", Surface: bot.SurfaceWeb},
	} {
		if _, err := b.Ask(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []bot.Feedback{
		{MythID: "housing", Helpful: true, Lang: "en"},
		{MythID: "housing", Helpful: false, Reason: "needs a local source, ask @organizer", Lang: "en"},
	} {
		if err := b.Feedback(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.SetSettings(ctx, "telegram:-100555", bot.ChatSettings{Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	old := time.Now().UTC().AddDate(0, 0, -45)
	if err := s.RecordUnanswered(ctx, []bot.UnansweredQuestion{{Text: "an old question", Lang: "en", Day: old}}); err != nil {
		t.Fatal(err)
	}
}

func TestReport(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir()}
	seed(t, vars)

	code, out, errOut := runCLI(t, vars, "report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Questions: 6, no answer for 3 (50.0%)",
		"telegram       3 questions, no answer for 1 (33.3%)",
		"housing",
		"telegram 2, web 1 · en 2, fr 1 · helpful 1, not helpful 1",
		`not helpful because: "needs a local source, ask [mention]"`,
		"2 × pothol street",
		`"who will fix the potholes on our street? call me [phone]"`,
		"1 × ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "an old question") || strings.Contains(out, "555-123") {
		t.Errorf("text report shows what it must not:\n%s", out)
	}

	code, out, errOut = runCLI(t, vars, "report", "--since", "60d", "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var r bot.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Asked != 6 || r.Abstained != 3 || len(r.Myths) != 1 || r.Myths[0].ID != "housing" || r.Myths[0].Answered != 3 {
		t.Errorf("json report: %+v", r)
	}
	if len(r.Unanswered) != 3 || r.Unanswered[0].Count != 2 {
		t.Errorf("json unanswered groups: %+v, want potholes (2), weather, and the 45-day-old question", r.Unanswered)
	}

	code, out, errOut = runCLI(t, vars, "report", "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	kinds := map[string]int{}
	for _, row := range rows[1:] {
		kinds[row[0]]++
		if row[0] == "myth" && (row[1] != "housing" || row[2] != "3" || row[4] != "1" || row[5] != "1") {
			t.Errorf("csv myth row %q", row)
		}
	}
	if rows[0][0] != "kind" || kinds["total"] != 1 || kinds["surface"] != 3 || kinds["myth"] != 1 || kinds["unanswered"] != 2 {
		t.Errorf("csv rows by kind %v:\n%s", kinds, out)
	}
}

func TestForgetAndPurge(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir()}
	seed(t, vars)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"forget"}, 2, "give the chat as --chat KEY"},
		{[]string{"forget", "--chat", "-100555"}, 2, "give the chat as --chat KEY"},
		{[]string{"forget", "--chat", "telegram:-100555"}, 0, "Deleted the settings of telegram:-100555"},
		{[]string{"forget", "--chat", "telegram:-100555"}, 0, "No settings stored for telegram:-100555"},
		{[]string{"purge"}, 0, "0 answer counts, 0 feedbacks, 1 unanswered questions"},
		{[]string{"purge"}, 0, "0 answer counts, 0 feedbacks, 0 unanswered questions"},
		{[]string{"report", "--since", "forever"}, 2, "--since"},
		{[]string{"report", "--format", "xml"}, 2, "unknown --format"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, vars, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("factline %v: exit %d, %q; want exit %d and %q", tt.args, code, out+errOut, tt.code, tt.want)
		}
	}
	if _, out, _ := runCLI(t, vars, "report", "--since", "90d"); strings.Contains(out, "an old question") {
		t.Errorf("purge left the old question:\n%s", out)
	}
}

// TestServeCreatesStoreByDefault: with nothing configured, serve keeps its store in
// ~/.local/share/factline, readable by its owner only.
func TestServeCreatesStoreByDefault(t *testing.T) {
	home := t.TempDir()
	client := &http.Client{Timeout: 5 * time.Second}
	serveUntilStoreOpen := func(vars map[string]string) {
		t.Helper()
		base, stop := serveInProcess(t, vars)
		waitFor(t, 5*time.Second, "/healthz reports the store ok", func() bool { return healthStore(t, client, base) == "ok" })
		if code, logs := stop(); code != 0 {
			t.Fatalf("serve exited %d: %s", code, logs)
		}
	}
	serveUntilStoreOpen(map[string]string{"HOME": home})
	dir := filepath.Join(home, ".local", "share", "factline")
	for name, mode := range map[string]os.FileMode{"": 0o700, "factline.db": 0o600, "secret": 0o600} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", filepath.Join(dir, name), st.Mode().Perm(), mode)
		}
	}
	// The same install secret is read back, not made anew, and XDG_DATA_HOME moves the folder.
	first, _ := os.ReadFile(filepath.Join(dir, "secret"))
	serveUntilStoreOpen(map[string]string{"HOME": home})
	if again, _ := os.ReadFile(filepath.Join(dir, "secret")); string(again) != string(first) || len(first) != 65 {
		t.Errorf("install secret changed or malformed: %q then %q", first, again)
	}
	xdg := t.TempDir()
	serveUntilStoreOpen(map[string]string{"HOME": home, "XDG_DATA_HOME": xdg})
	if _, err := os.Stat(filepath.Join(xdg, "factline", "factline.db")); err != nil {
		t.Errorf("XDG_DATA_HOME not used: %v", err)
	}
}

// TestServeStopsWhileTheStoreOpens: SIGTERM while serve waits for a database that never answers
// (a listener that accepts and stays silent, as an overloaded server would) stops serve at once
// and cleanly: serve listens for the signal before it opens the store, and the store opens in
// the background (the web surface answers meanwhile; see TestServeAnswersWhilePostgreSQLHangs).
func TestServeStopsWhileTheStoreOpens(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			accepted <- c
		}
	}()
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir(), "FACTLINE_HTTP_ADDR": "127.0.0.1:0",
		"FACTLINE_DATABASE_URL": "postgres://factline@" + ln.Addr().String() + "/factline?sslmode=disable"}
	done := make(chan int, 1)
	go func() {
		code, _, _ := runCLI(t, vars, "serve")
		done <- code
	}()
	select {
	case c := <-accepted:
		defer c.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("serve never connected to the database")
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve stopped while opening the store exited %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve still waits for the database 5 s after SIGTERM")
	}
}
