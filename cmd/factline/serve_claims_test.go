package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"factline/bot/reviews"
	"factline/config"
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

// readWatcher is a store that reports, as a reload starts reading the collection, what the
// bot's searcher finds meanwhile.
type readWatcher struct {
	store
	reading func()
}

func (w readWatcher) Reviews(ctx context.Context, f reviews.Filter) ([]reviews.Review, error) {
	w.reading()
	return w.store.Reviews(ctx, f)
}

// TestClaimsReloadInPlace: on a reload of a changed collection, the old index answers while the
// new one is read and indexed; in place (claims.reload_in_place true, or auto when a second
// collection would not fit under the memory limit) the searcher is emptied first, and the log
// says so, so the two indexes are never in memory together. Either way the new collection
// answers afterwards.
func TestClaimsReloadInPlace(t *testing.T) {
	lyon := reviews.Review{Claim: "The French city of Lyon gives every asylum seeker a free electric car", URL: "https://fullfact.org/lyon-cars",
		Publisher: "Full Fact", Site: "fullfact.org", Rating: "False", Lang: "en"}
	dover := reviews.Review{Claim: "A video shows migrants storming a supermarket in Dover", URL: "https://fullfact.org/dover-video",
		Publisher: "Full Fact", Site: "fullfact.org", Rating: "Missing context", Lang: "en"}
	for _, tc := range []struct {
		name    string
		setting config.Switch
		mem     *softLimit
		inPlace bool
	}{
		{"false", config.Off, nil, false},
		{"true", config.On, nil, true},
		{"auto, no limit", config.Auto, nil, false},
		{"auto, room for two", config.Auto, &softLimit{bytes: 1 << 50}, false},
		// A limit the operator set (GOMEMLIMIT) is never raised, so a byte cannot hold two.
		{"auto, no room", config.Auto, &softLimit{bytes: 1, operator: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inPlace := tc.inPlace
			ctx := context.Background()
			cfg := config.Default()
			cfg.Store.DataDir = t.TempDir()
			cfg.Claims.ReloadInPlace = tc.setting
			st, err := openReviews(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, _, err := st.SaveReviews(ctx, []reviews.Review{lyon}); err != nil {
				t.Fatal(err)
			}
			current := &reviews.Current{}
			finds := func() bool {
				r, err := current.SearchReview(ctx, lyon.Claim, "en")
				return err == nil && r != nil && r.URL == lyon.URL
			}
			watcher := readWatcher{store: st, reading: func() {}}
			ready := make(chan struct{})
			close(ready)
			var logged strings.Builder
			log := slog.New(slog.NewTextHandler(&logged, nil))
			if tc.mem != nil {
				tc.mem.log = log
			}
			l := newClaimsLoader(cfg, &storeOpener{opened: watcher, ready: ready}, current, tc.mem, log)
			l.load(ctx)
			if current.Len() != 1 || !finds() {
				t.Fatalf("first load: %d reviews, finds the claim: %v", current.Len(), finds())
			}

			if _, _, err := st.SaveReviews(ctx, []reviews.Review{dover}); err != nil {
				t.Fatal(err)
			}
			var lenReading int
			var foundReading bool
			watcher.reading = func() { lenReading, foundReading = current.Len(), finds() }
			l.opener.opened = watcher
			l.load(ctx)
			if inPlace && (lenReading != 0 || foundReading) {
				t.Errorf("in place, while the changed collection was read the old one still answered (%d reviews)", lenReading)
			}
			if !inPlace && (lenReading != 1 || !foundReading) {
				t.Errorf("by default the old collection must answer while the new one is read: %d reviews, finds: %v", lenReading, foundReading)
			}
			if current.Len() != 2 || !finds() {
				t.Errorf("after the reload: %d reviews, finds the claim: %v", current.Len(), finds())
			}
			if said := strings.Contains(logged.String(), "reloading the professional fact-checks in place"); said != inPlace {
				t.Errorf("the log says the reload is in place: %v, want %v:\n%s", said, inPlace, logged.String())
			}

			// An unchanged collection is not read again, nor dropped.
			lenReading = -1
			l.load(ctx)
			if lenReading != -1 || current.Len() != 2 {
				t.Errorf("an unchanged collection was read again (%d) or dropped (%d reviews left)", lenReading, current.Len())
			}
		})
	}
}
