//go:build wrk

package web

// The load test: wrk against POST /api/v1/check and against bare net/http handlers, in the same
// run, on 127.0.0.1 only. It needs wrk (apt-get install wrk) and takes about 40 s:
//
//	go test -tags wrk -run TestWrk -v ./adapters/web/

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"factline/bot"
)

// wrkRun loads url for 5 s and returns the requests per second, failing on any non-2xx answer.
func wrkRun(t *testing.T, script, url string) float64 {
	t.Helper()
	args := []string{"-t2", "-c16", "-d5s", "--timeout", "2s", "-s", script, url}
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("wrk %v: %v\n%s", args, err, out)
	}
	t.Logf("wrk %v\n%s", args, out)
	if regexp.MustCompile(`Non-2xx or 3xx responses`).Match(out) {
		t.Fatalf("%s answered errors under load", url)
	}
	m := regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no Requests/sec in the wrk output")
	}
	rps, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return rps
}

// TestWrkCheckAgainstBareHandlers compares POST /api/v1/check, served by the real server, with two
// bare net/http handlers: one that only reads the body and writes {"ok":true} (what HTTP alone
// costs), and one that does the check's work (bot.Ask, encoding/json) with none of the web layer
// (routing, security headers, metrics, content checks, client keys, timeouts). The target: the
// check serves at least half the bare handler's requests per second.
func TestWrkCheckAgainstBareHandlers(t *testing.T) {
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Skip("wrk is not installed")
	}
	script := writeScript(t, "post.lua", "wrk.body = '"+benchBody+"'\n")
	mix := writeScript(t, "mix.lua", mixedBodies(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The real server as `factline serve` runs it by default: a SQLite store, unanswered questions
	// kept, records flushed every 10 s; but rate limits off (or wrk would measure 429s).
	f := newFixture(t, fixtureOptions{store: true})
	lnCheck := listen(t)
	served := make(chan error, 2)
	go func() { served <- f.srv.Serve(ctx, lnCheck) }()
	go func() { served <- f.bot.Flusher(bot.DefaultFlushEvery).Run(ctx) }()

	urls := map[string]string{"check": "http://" + lnCheck.Addr().String() + "/api/v1/check"}
	for name, h := range map[string]http.HandlerFunc{"bare": bareHandler, "bare-ask": bareAsk(f.bot)} {
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		ln := listen(t)
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		urls[name] = "http://" + ln.Addr().String() + "/"
	}

	// The machine is shared, so the servers take turns, twice, and each keeps its best run. The
	// check is loaded with one claim, then with the labelled messages in turn (a third of them
	// off-topic: abstentions, whose questions are kept).
	runs := []struct{ name, script, url string }{
		{"check", script, urls["check"]}, {"bare", script, urls["bare"]}, {"bare-ask", script, urls["bare-ask"]},
		{"check-mix", mix, urls["check"]},
	}
	best := map[string]float64{}
	for round := range 2 {
		for _, r := range runs {
			rps := wrkRun(t, r.script, r.url)
			t.Logf("round %d: %s %.0f requests/s", round+1, r.name, rps)
			best[r.name] = max(best[r.name], rps)
		}
	}
	t.Logf("best runs: POST /api/v1/check %.0f requests/s; bare handler %.0f (ratio %.2f); bare handler doing the same work %.0f (ratio %.2f); "+
		"the check with mixed messages %.0f (ratio %.2f)",
		best["check"], best["bare"], best["check"]/best["bare"], best["bare-ask"], best["check"]/best["bare-ask"],
		best["check-mix"], best["check-mix"]/best["bare"])
	if r := best["check"] / best["bare"]; r < 0.5 {
		t.Errorf("POST /api/v1/check serves %.2f of a bare handler's rate, under the target of 0.5", r)
	}
	cancel()
	for range 2 {
		if err := <-served; err != nil {
			t.Fatal(err)
		}
	}
	if err := f.bot.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	tally, err := f.store.Tally(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, a := range tally.Answers {
		counted += a.Count
	}
	if counted < int(best["check"]+best["check-mix"]) || len(tally.Unanswered) == 0 {
		t.Errorf("the store counted %d answers and kept %d questions; want every answer given (at least %.0f), and the unanswered",
			counted, len(tally.Unanswered), best["check"]+best["check-mix"])
	}
}

// writeScript writes a wrk script that POSTs JSON, with body, the script's own part.
func writeScript(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	lua := "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n" + body
	if err := os.WriteFile(path, []byte(lua), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mixedBodies is the part of a wrk script that sends the messages of the matcher's labelled set
// (facts/match/testdata/myths-queries.jsonl) in turn, one per request.
func mixedBodies(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../facts/match/testdata/myths-queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("local bodies = {\n")
	for line := range strings.Lines(string(data)) {
		var q struct{ Text string }
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(checkRequest{Text: q.Text})
		if strings.Contains(string(body), "]==]") {
			continue // would end the Lua string
		}
		fmt.Fprintf(&b, "[==[%s]==],\n", body)
	}
	b.WriteString("}\nlocal i = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n")
	return b.String()
}

// bareAsk answers like /api/v1/check, with nothing but net/http, bot.Ask and encoding/json
// (compact, as the API answers).
func bareAsk(b *bot.Bot) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req checkRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ans, err := b.Ask(r.Context(), bot.Request{Text: req.Text, Lang: req.Lang, Surface: bot.SurfaceWeb})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(ans)
	}
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}
