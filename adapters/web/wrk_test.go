//go:build wrk

package web

// The load test: wrk against POST /api/v1/check and against a bare net/http handler, in the same
// run, on 127.0.0.1 only. It needs wrk (apt-get install wrk) and takes about 35 s:
//
//	go test -tags wrk -run TestWrk -v ./adapters/web/

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
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

func TestWrkCheckAgainstBareHandler(t *testing.T) {
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

	// The real server, as `factline serve` runs it; rate limits off, or wrk would measure 429s.
	f := newFixture(t, fixtureOptions{})
	lnCheck := listen(t)
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(ctx, lnCheck) }()

	bare := &http.Server{Handler: http.HandlerFunc(bareHandler), ReadHeaderTimeout: 5 * time.Second}
	lnBare := listen(t)
	go func() { _ = bare.Serve(lnBare) }()
	defer bare.Close()

	// The machine is shared, so the two servers take turns, three times, and each keeps its best run.
	var check, base float64
	for round := range 3 {
		c := wrkRun(t, script, "http://"+lnCheck.Addr().String()+"/api/v1/check")
		b := wrkRun(t, script, "http://"+lnBare.Addr().String()+"/")
		t.Logf("round %d: check %.0f requests/s, bare %.0f requests/s", round+1, c, b)
		check, base = max(check, c), max(base, b)
	}
	ratio := check / base
	t.Logf("best runs: POST /api/v1/check %.0f requests/s; bare net/http handler %.0f requests/s; ratio %.2f", check, base, ratio)
	if ratio < 0.5 {
		t.Errorf("the check endpoint serves %.2f of the bare handler's rate, want at least 0.5", ratio)
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
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
