package bot

import (
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the rate limits for askers and chats. A zero Per turns that limit off.
type Limits struct {
	// UserPer is the interval between questions one asker earns; UserBurst how many may come at once.
	UserPer   time.Duration
	UserBurst int
	// ChatPer and ChatBurst do the same for a whole chat (a group, a channel, a web client address).
	ChatPer   time.Duration
	ChatBurst int
}

// DefaultLimits returns the defaults: bursts of 5 then one question every 6 s per asker, bursts of
// 20 then one every 2 s per chat.
func DefaultLimits() Limits {
	return Limits{UserPer: 6 * time.Second, UserBurst: 5, ChatPer: 2 * time.Second, ChatBurst: 20}
}

// limiter keeps a token bucket per key. Keys are hashed with a random per-process salt, so the
// map never holds a user or chat id in clear; idle buckets are dropped.
type limiter struct {
	limits Limits
	now    func() time.Time
	salt   [16]byte

	mu      sync.Mutex
	buckets map[[32]byte]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(l Limits, now func() time.Time) *limiter {
	if now == nil {
		now = time.Now
	}
	lm := &limiter{limits: l, now: now, buckets: map[[32]byte]*bucket{}}
	_, _ = rand.Read(lm.salt[:]) // crypto/rand.Read never fails on supported platforms
	return lm
}

// allow takes a token from the asker's and the chat's buckets, or returns a CodeRateLimited error.
func (l *limiter) allow(req Request) error { return l.allowTo(asking, req.User, req.Chat) }

// allowFeedback does the same for a vote, from buckets of its own: voting never costs a question.
func (l *limiter) allowFeedback(f Feedback) error { return l.allowTo(voting, f.User, f.Chat) }

// limited is one kind of request the limiter counts apart, and what the refused are told.
type limited struct {
	prefix           string
	userMsg, chatMsg string
}

var (
	asking = limited{"", "you are asking faster than the bot answers: wait a few seconds",
		"this chat is asking faster than the bot answers: wait a few seconds"}
	voting = limited{"f", "you are sending feedback too fast: wait a few seconds",
		"this chat is sending feedback too fast: wait a few seconds"}
)

func (l *limiter) allowTo(k limited, user, chat string) error {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	if user != "" && l.limits.UserPer > 0 && !l.take(k.prefix+"u:"+user, l.limits.UserPer, l.limits.UserBurst, now) {
		return &Error{Code: CodeRateLimited, Message: k.userMsg}
	}
	if chat != "" && l.limits.ChatPer > 0 && !l.take(k.prefix+"c:"+chat, l.limits.ChatPer, l.limits.ChatBurst, now) {
		return &Error{Code: CodeRateLimited, Message: k.chatMsg}
	}
	return nil
}

func (l *limiter) take(key string, per time.Duration, burst int, now time.Time) bool {
	h := sha256.Sum256(append(l.salt[:], key...))
	b := l.buckets[h]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(rate.Every(per), max(burst, 1))}
		l.buckets[h] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// RetryAfter is how long an asker who was refused should wait, for surfaces that say so (HTTP Retry-After).
func (l Limits) RetryAfter() time.Duration { return max(l.UserPer, l.ChatPer) }

// sweep drops buckets idle long enough to be full again, at most once a minute.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	idle := max(l.limits.UserPer*time.Duration(max(l.limits.UserBurst, 1)), l.limits.ChatPer*time.Duration(max(l.limits.ChatBurst, 1)))
	for k, b := range l.buckets {
		if now.Sub(b.seen) > idle {
			delete(l.buckets, k)
		}
	}
}
