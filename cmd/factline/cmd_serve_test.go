package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeReloadsOnSIGHUP serves a copy of the built-in base from a folder with polling off, edits
// it, and expects SIGHUP to publish a sound edit, to refuse a broken one (the previous base keeps
// serving, the refusal is counted and logged), and to publish the repaired base after.
func TestServeReloadsOnSIGHUP(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../facts/base", dir)
	base, stop := serveInProcess(t, map[string]string{"FACTLINE_RELOAD_EVERY": "0", "FACTLINE_LOG_LEVEL": "info"}, "--facts", dir)
	client := &http.Client{Timeout: 5 * time.Second}
	title := func() string {
		t.Helper()
		resp, err := client.Get(base + "/api/v1/myths?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var list struct {
			Myths []struct{ ID, Title string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
			t.Fatal(err)
		}
		for _, m := range list.Myths {
			if m.ID == "jobs" {
				return m.Title
			}
		}
		t.Fatal("/api/v1/myths does not list jobs")
		return ""
	}
	reloads := func(result string) string {
		t.Helper()
		resp, err := client.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		m := regexp.MustCompile(`factline_fact_base_reloads_total\{result="` + result + `"\} (\d+)`).FindSubmatch(body)
		if m == nil {
			t.Fatalf("/metrics has no reload count for %s", result)
		}
		return string(m[1])
	}
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: %v, or no %q in it", file, err, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hupAndWait := func(result, count string) {
		t.Helper()
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); reloads(result) != count; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %s reload #%s after SIGHUP", result, count)
			}
		}
	}

	old := title()
	edit("myths/jobs/en.md", "title: "+old, "title: Jobs, edited")
	hupAndWait("ok", "1")
	if got := title(); got != "Jobs, edited" {
		t.Fatalf("after a sound edit and SIGHUP, title = %q", got)
	}
	edit("myths/jobs/myth.yaml", "verdict: ", "verdict: sorta-")
	edit("myths/jobs/en.md", "title: Jobs, edited", "title: Jobs, broken")
	hupAndWait("refused", "1")
	if got := title(); got != "Jobs, edited" {
		t.Fatalf("a broken base was served: title = %q", got)
	}
	edit("myths/jobs/myth.yaml", "verdict: sorta-", "verdict: ")
	hupAndWait("ok", "2")
	if got := title(); got != "Jobs, broken" {
		t.Fatalf("the repaired base was not served: title = %q", got)
	}
	code, logs := stop()
	if code != 0 {
		t.Fatalf("serve exited %d: %s", code, logs)
	}
	if !strings.Contains(logs, "fact base refused") || !strings.Contains(logs, "unknown verdict") {
		t.Errorf("the refusal and its reason are not logged:\n%s", logs)
	}
}
