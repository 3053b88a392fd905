package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/postgres/pgtest"
	"factline/bot"
)

// healthStore returns the store field of /healthz, failing on any status but 200: answering
// works without the store, so its state never fails the probe.
func healthStore(t *testing.T, client *http.Client, base string) string {
	t.Helper()
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct{ Status, Store string }
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != http.StatusOK || h.Status != "ok" {
		t.Fatalf("/healthz: %s, %+v, %v", resp.Status, h, err)
	}
	return h.Store
}

// metricsHas reports whether /metrics holds the line.
func metricsHas(t *testing.T, client *http.Client, base, line string) bool {
	t.Helper()
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(body), "\n") {
		if l == line {
			return true
		}
	}
	return false
}

// check asks the web API about a jobs myth and fails unless it is answered.
func check(t *testing.T, client *http.Client, base string) {
	t.Helper()
	resp, err := client.Post(base+"/api/v1/check", "application/json", strings.NewReader(`{"text": "they take our jobs"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"jobs"`) {
		t.Fatalf("POST /api/v1/check: %s %s", resp.Status, body)
	}
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, d)
		}
	}
}

// reportAsked runs `factline report` against vars and returns how many questions it counts.
func reportAsked(t *testing.T, vars map[string]string) int {
	t.Helper()
	code, out, errOut := runCLI(t, vars, "report", "--format", "json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, errOut)
	}
	var r bot.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	return r.Asked
}

// TestServeAnswersWithACorruptStore: with a corrupt SQLite file serve still starts and answers;
// /healthz (still 200) and /metrics say the store is unavailable, and the log says once that
// answers are counted in memory. Once the file is replaced, the store opens in the background,
// the answers counted meanwhile are stored at once, and /healthz and /metrics say so.
func TestServeAnswersWithACorruptStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "factline.db")
	if err := os.WriteFile(db, []byte(strings.Repeat("this is not a database\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"FACTLINE_DATA_DIR": dir, "FACTLINE_LOG_LEVEL": "info"}
	base, stop := serveInProcess(t, vars)
	client := &http.Client{Timeout: 5 * time.Second}

	waitFor(t, 5*time.Second, "/healthz reports the corrupt file", func() bool {
		return healthStore(t, client, base) == "unavailable: SQLite file is corrupt"
	})
	if !metricsHas(t, client, base, "factline_store_up 0") {
		t.Error("/metrics lacks factline_store_up 0 while the store is unavailable")
	}
	check(t, client, base)
	check(t, client, base)

	// The operator moves the corrupt file away (here: deletes it); serve makes a fresh one.
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	waitFor(t, 10*time.Second, "/healthz reports the store ok", func() bool { return healthStore(t, client, base) == "ok" })
	if !metricsHas(t, client, base, "factline_store_up 1") {
		t.Error("/metrics lacks factline_store_up 1 once the store is open")
	}
	// Stored at once, not at the next flush nor when serve stops.
	waitFor(t, 3*time.Second, "the 2 answers given meanwhile are stored", func() bool { return reportAsked(t, vars) == 2 })

	code, logs := stop()
	if code != 0 {
		t.Fatalf("serve exited %d: %s", code, logs)
	}
	if n := strings.Count(logs, "the store is unavailable"); n != 1 {
		t.Errorf("the outage is logged %d times, want once:\n%s", n, logs)
	}
	if !strings.Contains(logs, "counting answers in memory") || !strings.Contains(logs, "the store is open") {
		t.Errorf("the log does not say answers are counted in memory, then that the store opened:\n%s", logs)
	}
}

// TestServeOpensStoreWithAnotherSecretFails: a database set up with another install secret is a
// configuration error, not an outage: serve stops with a clear error instead of retrying.
func TestServeOpensStoreWithAnotherSecretFails(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"FACTLINE_DATA_DIR": dir}
	seed(t, vars)
	other, _ := bot.NewSecret()
	if err := os.WriteFile(filepath.Join(dir, secretFile), []byte(strings.Repeat("ab", len(other))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars["FACTLINE_HTTP_ADDR"] = "127.0.0.1:0"
	done := make(chan struct{})
	var code int
	var errOut string
	go func() {
		code, _, errOut = runCLI(t, vars, "serve")
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("serve still runs 10 s after opening a database of another install secret")
	}
	if code != 1 || !strings.Contains(errOut, "another install secret") {
		t.Fatalf("serve exited %d: %s", code, errOut)
	}
}

// silentThenProxy is a PostgreSQL stand-in: it accepts connections and never answers, as an
// overloaded server would, until forward is called; from then on it closes those it held and
// forwards new ones to the real server.
type silentThenProxy struct {
	ln     net.Listener
	mu     sync.Mutex
	target func() (net.Conn, error) // nil: stay silent
	held   []net.Conn
}

func newSilentThenProxy(t *testing.T) *silentThenProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &silentThenProxy{ln: ln}
	t.Cleanup(func() { ln.Close(); p.forward(nil) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			target := p.target
			if target == nil {
				p.held = append(p.held, c)
			}
			p.mu.Unlock()
			if target != nil {
				go pipe(c, target)
			}
		}
	}()
	return p
}

func (p *silentThenProxy) forward(target func() (net.Conn, error)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target = target
	for _, c := range p.held {
		c.Close()
	}
	p.held = nil
}

func pipe(c net.Conn, target func() (net.Conn, error)) {
	defer c.Close()
	s, err := target()
	if err != nil {
		return
	}
	defer s.Close()
	go io.Copy(s, c)
	io.Copy(c, s)
}

// TestServeAnswersWhilePostgreSQLHangs: with a PostgreSQL that accepts and never answers, serve
// answers at once and reports the store unavailable. With FACTLINE_TEST_DATABASE_URL set, the
// stand-in then forwards to that real server: the store opens in the background and the answers
// counted meanwhile are stored.
func TestServeAnswersWhilePostgreSQLHangs(t *testing.T) {
	p := newSilentThenProxy(t)
	dbURL, direct := "postgres://factline@"+p.ln.Addr().String()+"/factline?sslmode=disable", ""
	real := os.Getenv(pgtest.Env)
	var dial func() (net.Conn, error)
	if real != "" {
		direct = pgtest.SchemaURL(t, real)
		u, err := url.Parse(direct)
		if err != nil {
			t.Fatal(err)
		}
		dial = func() (net.Conn, error) { return net.Dial("tcp", u.Host) }
		if u.Host == "" { // a unix socket, as .ci/run starts it
			port := u.Port()
			if port == "" {
				port = "5432"
			}
			sock := filepath.Join(u.Query().Get("host"), ".s.PGSQL."+port)
			dial = func() (net.Conn, error) { return net.Dial("unix", sock) }
		}
		q := u.Query()
		q.Del("host")
		u.RawQuery, u.Host = q.Encode(), p.ln.Addr().String()
		dbURL = u.String()
	}
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir(), "FACTLINE_DATABASE_URL": dbURL, "FACTLINE_LOG_LEVEL": "info"}
	start := time.Now()
	base, stop := serveInProcess(t, vars)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("serve took %s to answer /healthz with the database silent", d)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	if s := healthStore(t, client, base); !strings.HasPrefix(s, "unavailable: ") {
		t.Errorf("/healthz store = %q with the database silent, want unavailable", s)
	}
	if !metricsHas(t, client, base, "factline_store_up 0") {
		t.Error("/metrics lacks factline_store_up 0 with the database silent")
	}
	check(t, client, base)
	check(t, client, base)
	check(t, client, base)
	if dial == nil {
		t.Log("FACTLINE_TEST_DATABASE_URL is not set: the store coming back is not tested against PostgreSQL")
	} else {
		p.forward(dial)
		waitFor(t, 15*time.Second, "/healthz reports the store ok", func() bool { return healthStore(t, client, base) == "ok" })
		if !metricsHas(t, client, base, "factline_store_up 1") {
			t.Error("/metrics lacks factline_store_up 1 once the store is open")
		}
		directVars := map[string]string{"FACTLINE_DATA_DIR": vars["FACTLINE_DATA_DIR"], "FACTLINE_DATABASE_URL": direct}
		waitFor(t, 3*time.Second, "the 3 answers given meanwhile are stored", func() bool { return reportAsked(t, directVars) == 3 })
	}
	if code, logs := stop(); code != 0 {
		t.Fatalf("serve exited %d: %s", code, logs)
	}
}
