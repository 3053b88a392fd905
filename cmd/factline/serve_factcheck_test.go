package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"factline/adapters/factcheck/factchecktest"
)

// TestServeFactCheck: with FACTLINE_FACTCHECK_API_KEY set, serve answers a claim the base does not
// cover from the live lookup (here a fake of the API), sending it the scrubbed question; without
// the key, nothing is sent and the question is not answered from it.
func TestServeFactCheck(t *testing.T) {
	const key = "AIzaSy-serve-test"
	fake := factchecktest.New(key, factchecktest.Claim{Text: "The city of Lyon gave every asylum seeker a free electric car",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "AFP Fact Check", Site: "factcheck.afp.com"},
			URL: "https://factcheck.afp.com/lyon-cars", ReviewDate: "2025-04-29T09:00:00Z", TextualRating: "False", LanguageCode: "en"}}})
	defer fake.Close()
	const question = `{"text": "Lyon gave every asylum seeker a free electric car, write to me at jo@example.org"}`
	ask := func(t *testing.T, base string) (outcome, url string) {
		t.Helper()
		client := &http.Client{Timeout: 5 * time.Second}
		resp, err := client.Post(base+"/api/v1/check", "application/json", strings.NewReader(question))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var ans struct {
			Outcome  string `json:"outcome"`
			External *struct {
				URL string `json:"url"`
			} `json:"external"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
			t.Fatal(err)
		}
		if ans.External != nil {
			url = ans.External.URL
		}
		return ans.Outcome, url
	}

	base, stop := serveInProcess(t, map[string]string{"FACTLINE_LOG_LEVEL": "warn", "FACTLINE_FACTCHECK_ENDPOINT": fake.Endpoint()})
	if outcome, _ := ask(t, base); outcome == "external" || len(fake.Queries()) != 0 {
		t.Fatalf("without a key: %s, %d lookups", outcome, len(fake.Queries()))
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d: %s", code, stderr)
	}

	base, stop = serveInProcess(t, map[string]string{"FACTLINE_LOG_LEVEL": "warn", "FACTLINE_FACTCHECK_ENDPOINT": fake.Endpoint(), "FACTLINE_FACTCHECK_API_KEY": key})
	if outcome, url := ask(t, base); outcome != "external" || url != "https://factcheck.afp.com/lyon-cars" {
		t.Fatalf("with a key: %s %q", outcome, url)
	}
	q := fake.Queries()
	if len(q) != 1 || strings.Contains(q[0].Get("query"), "jo@example.org") || !strings.Contains(q[0].Get("query"), "free electric car") {
		t.Fatalf("sent %v", q)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d: %s", code, stderr)
	}
}
