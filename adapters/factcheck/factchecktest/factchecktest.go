// Package factchecktest is a fake of Google's Fact Check Tools API for tests: it answers
// GET /v1alpha1/claims:search with the API's JSON from a collection of claims the test gives,
// found by shared words as the real search finds them broadly, and fails as the API fails (429
// with Retry-After, a refused key with Google's error JSON, a server that hangs). It records the
// queries it received.
package factchecktest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Path is the API's path of claims:search.
const Path = "/v1alpha1/claims:search"

// Claim is a claim as the API returns it.
type Claim struct {
	Text        string   `json:"text"`
	Claimant    string   `json:"claimant,omitempty"`
	ClaimDate   string   `json:"claimDate,omitempty"`
	ClaimReview []Review `json:"claimReview"`
}

// Review is a claim review as the API returns it.
type Review struct {
	Publisher     Publisher `json:"publisher"`
	URL           string    `json:"url"`
	Title         string    `json:"title,omitempty"`
	ReviewDate    string    `json:"reviewDate,omitempty"`
	TextualRating string    `json:"textualRating"`
	LanguageCode  string    `json:"languageCode"`
}

// Publisher is a review's publisher as the API returns it.
type Publisher struct {
	Name string `json:"name"`
	Site string `json:"site,omitempty"`
}

// Failure makes the fake fail the next requests as the real API does.
type Failure int

const (
	// OK answers normally.
	OK Failure = iota
	// TooMany answers 429 RESOURCE_EXHAUSTED with Retry-After: RetryAfter.
	TooMany
	// BadKey answers 400 INVALID_ARGUMENT API_KEY_INVALID, as for a key that does not exist.
	BadKey
	// Forbidden answers 403 PERMISSION_DENIED, as for a key without the API enabled.
	Forbidden
	// Hang waits until the client gives up.
	Hang
)

// Server is a running fake. Its API endpoint is Endpoint().
type Server struct {
	*httptest.Server
	// Key is the API key the fake accepts; another key gets BadKey's answer.
	Key string
	// IgnoreLanguage makes the fake return claims whatever languageCode asks for, as the real
	// search sometimes does. Set it before the first request.
	IgnoreLanguage bool

	mu         sync.Mutex
	claims     []Claim
	failure    Failure
	retryAfter string
	queries    []url.Values
}

// New starts a fake that accepts key and knows claims; Close stops it.
func New(key string, claims ...Claim) *Server {
	s := &Server{Key: key, claims: claims}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Endpoint is the claims:search URL of the fake.
func (s *Server) Endpoint() string { return s.URL + Path }

// Fail makes the next requests fail as f; retryAfter is TooMany's Retry-After header ("" none).
func (s *Server) Fail(f Failure, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure, s.retryAfter = f, retryAfter
}

// Queries returns the query strings received, in order.
func (s *Server) Queries() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.queries...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != Path {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "", "Method not found.")
		return
	}
	q := r.URL.Query()
	s.mu.Lock()
	s.queries = append(s.queries, q)
	failure, retry, claims := s.failure, s.retryAfter, s.claims
	s.mu.Unlock()
	switch {
	case failure == Hang:
		<-r.Context().Done()
		return
	case failure == TooMany:
		if retry != "" {
			w.Header().Set("Retry-After", retry)
		}
		writeError(w, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED",
			"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute'.")
		return
	case failure == Forbidden:
		writeError(w, http.StatusForbidden, "PERMISSION_DENIED", "SERVICE_DISABLED",
			"Fact Check Tools API has not been used in project 0 before or it is disabled.")
		return
	case failure == BadKey || q.Get("key") != s.Key:
		writeError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "API_KEY_INVALID", "API key not valid. Please pass a valid API key.")
		return
	}
	query := q.Get("query")
	if query == "" {
		writeError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "", "Request contains an invalid argument: "+query)
		return
	}
	size := 10 // the API's default
	if n, err := strconv.Atoi(q.Get("pageSize")); err == nil && n > 0 {
		size = n
	}
	lang := q.Get("languageCode")
	var out []Claim
	for _, c := range claims {
		if len(out) == size {
			break
		}
		if shared(query, c.Text) == 0 {
			continue
		}
		if lang != "" && !s.IgnoreLanguage && !anyLang(c, lang) {
			continue
		}
		out = append(out, c)
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	resp := map[string]any{}
	if len(out) > 0 {
		resp["claims"] = out // the API leaves the field out when nothing is found
	}
	_ = json.NewEncoder(w).Encode(resp)
}

func anyLang(c Claim, lang string) bool {
	for _, r := range c.ClaimReview {
		if strings.HasPrefix(r.LanguageCode, lang) {
			return true
		}
	}
	return false
}

// shared counts the words of four letters or more that a and b share.
func shared(a, b string) int {
	words := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len([]rune(w)) >= 4 {
				m[w] = true
			}
		}
		return m
	}
	n, wb := 0, words(b)
	for w := range words(a) {
		if wb[w] {
			n++
		}
	}
	return n
}

// writeError writes Google's error JSON.
func writeError(w http.ResponseWriter, code int, status, reason, msg string) {
	e := map[string]any{"code": code, "message": msg, "status": status,
		"errors": []map[string]string{{"message": msg, "domain": "global", "reason": "badRequest"}}}
	if reason != "" {
		e["details"] = []map[string]any{{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason, "domain": "googleapis.com",
			"metadata": map[string]string{"service": "factchecktools.googleapis.com"}}}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": e})
}
