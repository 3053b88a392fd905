package main

import (
	"bytes"
	"encoding/json"
	"factline/bot"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestServeWeb runs `factline serve` in-process with the web surface on a free local port: the API
// answers with exactly what `factline ask --format json` prints (compact), the bot's answers reach /metrics
// through the Observer wired in serve, and SIGTERM stops it cleanly.
func TestServeWeb(t *testing.T) {
	base, stop := serveInProcess(t, map[string]string{"FACTLINE_LOG_LEVEL": "warn"})
	client := &http.Client{Timeout: 5 * time.Second}

	const claim = "international students are why rents are insane"
	resp, err := client.Post(base+"/api/v1/check", "application/json", strings.NewReader(`{"text": "`+claim+`", "lang": "fr"}`))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	code, want, errOut := runCLI(t, nil, "ask", "--format", "json", "--lang", "fr", claim)
	if code != 0 {
		t.Fatalf("ask exited %d: %s", code, errOut)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(want)); err != nil {
		t.Fatalf("ask --format json printed invalid JSON: %v\n%s", err, want)
	}
	if resp.StatusCode != http.StatusOK || string(got) != compact.String()+"\n" {
		t.Fatalf("POST /api/v1/check %s:\n%s\nfactline ask --format json, compact:\n%s", resp.Status, got, compact.String())
	}

	resp, err = client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, series := range []string{`factline_answers_total{outcome="matched",surface="web"} 1`, `factline_http_requests_total{code="200",route="api_check"} 1`} {
		if !strings.Contains(string(metrics), series) {
			t.Errorf("/metrics lacks %s", series)
		}
	}

	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d after SIGTERM: %s", code, stderr)
	}
}

// serveInProcess runs `factline serve` in this process with the web surface on a free local port
// and waits until /healthz answers. stop sends SIGTERM (serve has registered for it before it
// listens, so the signal only stops serve) and returns the exit code and what serve logged; it
// also runs at the end of the test if the test did not call it.
func serveInProcess(t *testing.T, vars map[string]string, args ...string) (baseURL string, stop func() (int, string)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // serve binds it again; nothing else on this machine takes a port this quickly
	env := map[string]string{"FACTLINE_HTTP_ADDR": addr}
	for k, v := range vars {
		env[k] = v
	}
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		code, _, errOut := runCLI(t, env, append([]string{"serve"}, args...)...)
		stderr.WriteString(errOut)
		done <- code
	}()
	baseURL = "http://" + addr
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := client.Get(baseURL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before answering: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not answer /healthz within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var (
		once     sync.Once
		code     int
		finished bool
	)
	stop = func() (int, string) {
		once.Do(func() {
			if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			select {
			case code = <-done:
				finished = true
			case <-time.After(15 * time.Second):
			}
		})
		if !finished {
			t.Fatal("serve did not stop within 15 s of SIGTERM")
		}
		return code, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return baseURL, stop
}

// TestServeCountsAnswersWhenStopped: serve counts answers in memory and stores the counts every
// 10 s; the answers given since the last flush are stored when it stops, so a report made after
// a restart misses none.
func TestServeCountsAnswersWhenStopped(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir(), "FACTLINE_LOG_LEVEL": "warn"}
	base, stop := serveInProcess(t, vars)
	client := &http.Client{Timeout: 5 * time.Second}
	for range 3 {
		resp, err := client.Post(base+"/api/v1/check", "application/json", strings.NewReader(`{"text": "they take our jobs"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("POST /api/v1/check: %s", resp.Status)
		}
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d after SIGTERM: %s", code, stderr)
	}
	code, out, errOut := runCLI(t, vars, "report", "--format", "json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, errOut)
	}
	var r bot.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	if r.Asked != 3 || len(r.Myths) != 1 || r.Myths[0].ID != "jobs" || r.Myths[0].Answered != 3 {
		t.Errorf("after serve stopped, the report counts %+v; want the 3 answers on jobs", r)
	}
}
