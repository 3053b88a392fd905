package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeAnswersFromImportedClaims: serve loads the imported collection once the store opens,
// answers from it on the web API, and reads it again on SIGHUP after another import.
func TestServeAnswersFromImportedClaims(t *testing.T) {
	vars := map[string]string{"FACTLINE_DATA_DIR": t.TempDir(), "FACTLINE_LOG_LEVEL": "info"}
	dir := writeFiles(t, map[string]string{"article.json": claimsArticle, "search.json": claimsSearch, "feed.json": claimsFeed})
	if code, _, errOut := runCLI(t, vars, "claims", "import", filepath.Join(dir, "article.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	base, stop := serveInProcess(t, vars)
	client := &http.Client{Timeout: 5 * time.Second}
	externalURL := func(text string) string {
		resp, err := client.Post(base+"/api/v1/check", "application/json", strings.NewReader(`{"text": "`+text+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var ans struct {
			Outcome  string
			External *struct{ URL string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
			t.Fatal(err)
		}
		if ans.Outcome != "external" || ans.External == nil {
			return ""
		}
		return ans.External.URL
	}
	const french = "Lyon offre une voiture électrique gratuite aux demandeurs d'asile"
	const spanish = "Lyon regala coches eléctricos a los solicitantes de asilo"
	waitFor(t, 10*time.Second, "an answer from the imported collection", func() bool {
		return externalURL(french) == "https://factuel.afp.com/lyon-voitures"
	})
	if got := externalURL(spanish); got != "" {
		t.Fatalf("answered %s from a review not imported yet", got)
	}
	if code, _, errOut := runCLI(t, vars, "claims", "import", filepath.Join(dir, "search.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the review imported while serving, after SIGHUP", func() bool {
		return externalURL(spanish) == "https://maldita.es/lyon-coches"
	})
	// A SIGHUP with nothing new imported does not read the collection again; the next import does.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if code, _, errOut := runCLI(t, vars, "claims", "import", filepath.Join(dir, "feed.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the feed imported while serving, after SIGHUP", func() bool {
		return externalURL("a video shows migrants storming a supermarket in Dover") == "https://fullfact.org/dover-video"
	})
	code, stderr := stop()
	if code != 0 {
		t.Fatalf("serve exited %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, "professional fact-checks loaded"); n != 3 {
		t.Errorf("the collection was loaded %d times, want 3 (at the start, after each import):\n%s", n, stderr)
	}
}
