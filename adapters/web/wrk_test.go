//go:build wrk

package web

// The load test: wrk against POST /api/v1/check and against bare net/http handlers, in the same
// run, on 127.0.0.1 only. It needs wrk (apt-get install wrk) and takes about 30 s:
//
//	go test -tags wrk -run TestWrk -v ./adapters/web/

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
	script := filepath.Join(t.TempDir(), "post.lua")
	lua := "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '" + benchBody + "'\n"
	if err := os.WriteFile(script, []byte(lua), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The real server as `factline serve` runs it by default: a SQLite store, whose answer counts
	// are flushed every 10 s, but rate limits off (or wrk would measure 429s).
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

	// The machine is shared, so the servers take turns, twice, and each keeps its best run.
	best := map[string]float64{}
	for round := range 2 {
		for _, name := range []string{"check", "bare", "bare-ask"} {
			rps := wrkRun(t, script, urls[name])
			t.Logf("round %d: %s %.0f requests/s", round+1, name, rps)
			best[name] = max(best[name], rps)
		}
	}
	t.Logf("best runs: POST /api/v1/check %.0f requests/s; bare handler %.0f (ratio %.2f); bare handler doing the same work %.0f (ratio %.2f)",
		best["check"], best["bare"], best["check"]/best["bare"], best["bare-ask"], best["check"]/best["bare-ask"])
	if r := best["check"] / best["bare"]; r < 0.5 {
		t.Errorf("POST /api/v1/check serves %.2f of a bare handler's rate, under the target of 0.5", r)
	}
	cancel()
	for range 2 {
		if err := <-served; err != nil {
			t.Fatal(err)
		}
	}
	if err := f.bot.FlushAnswers(context.Background()); err != nil {
		t.Fatal(err)
	}
	tally, err := f.store.Tally(context.Background(), time.Time{})
	if err != nil || len(tally.Answers) != 1 || tally.Answers[0].Count < int(best["check"]) {
		t.Errorf("the store counted %+v (%v); want every answer given, at least %.0f", tally.Answers, err, best["check"])
	}
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
