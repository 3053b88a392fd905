package bot

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"sync"
	"time"
)

// Bounds on the questions waiting for the asker's choice: beyond maxOffers the oldest is
// forgotten, and none is kept longer than offerTTL (then a choice is answered, not learnt from).
const (
	maxOffers = 10000
	offerTTL  = time.Hour
)

// offers keeps, in memory only, the scrubbed question behind each Suggested or Abstained answer,
// and each answer with alternatives, until the asker chooses a myth or declines them all, or the
// offer expires. A nil *offers keeps nothing.
type offers struct {
	max int
	ttl time.Duration
	now func() time.Time

	mu    sync.Mutex
	m     map[string]offered
	order []string // tokens, oldest first; some may have been taken already
}

type offered struct {
	q       UnansweredQuestion
	expires time.Time
}

func newOffers(max int, ttl time.Duration, now func() time.Time) *offers {
	return &offers{max: max, ttl: ttl, now: now, m: map[string]offered{}}
}

// open keeps a question and returns the token that names it, or "" when o is nil.
func (o *offers) open(text, lang string, surface Surface) string {
	if o == nil {
		return ""
	}
	var b [9]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail on supported systems
	token := base64.RawURLEncoding.EncodeToString(b[:])
	now := o.now()
	o.mu.Lock()
	defer o.mu.Unlock()
	for len(o.order) > 0 && (len(o.m) >= o.max || o.expired(o.order[0], now)) {
		delete(o.m, o.order[0])
		o.order = o.order[1:]
	}
	o.m[token] = offered{q: UnansweredQuestion{Text: text, Lang: lang, Surface: surface}, expires: now.Add(o.ttl)}
	o.order = append(o.order, token)
	if len(o.order) > 2*o.max {
		// Taken tokens stay in order until they reach its head; behind a long-lived one they would
		// pile up, so the order is compacted to the tokens still waiting.
		o.order = slices.DeleteFunc(o.order, func(t string) bool { _, ok := o.m[t]; return !ok })
	}
	return token
}

// expired reports whether token is gone or past its time; o.mu is held.
func (o *offers) expired(token string, now time.Time) bool {
	e, ok := o.m[token]
	return !ok || now.After(e.expires)
}

// take returns the question behind token and forgets it: one choice per question.
func (o *offers) take(token string) (UnansweredQuestion, bool) {
	if o == nil || token == "" {
		return UnansweredQuestion{}, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	e, ok := o.m[token]
	delete(o.m, token)
	if !ok || o.now().After(e.expires) {
		return UnansweredQuestion{}, false
	}
	return e.q, true
}
