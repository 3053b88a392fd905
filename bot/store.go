package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
)

// AnswerEvent is what the Store keeps of an answered request: no text, no ids, only the day.
// Stores count events rather than keep one row each, so not even their order survives.
type AnswerEvent struct {
	MythID  string // "" when abstained
	Outcome Outcome
	Surface Surface
	Lang    string
	Day     time.Time
}

// AnswerEvents is a number of answers alike: the bot counts its answers in memory and hands the
// Store the sums (see Bot.Flush).
type AnswerEvents struct {
	AnswerEvent
	N int
}

// Feedback is an asker's verdict on an answer, as a surface hands it to the bot.
type Feedback struct {
	MythID  string
	Helpful bool
	// Reason is an optional free-text reason, scrubbed of personal data and cut to
	// MaxReasonRunes before it is stored.
	Reason  string
	Surface Surface
	Lang    string
	// User and Chat key the rate limits, as in Request; they are never stored.
	User, Chat string
}

// FeedbackEvent is what the Store keeps of a feedback: no identity, the day instead of the time,
// the reason scrubbed. Stores count events alike rather than keep one row each.
type FeedbackEvent struct {
	MythID  string
	Helpful bool
	// Reason is "" for a plain vote.
	Reason  string
	Surface Surface
	Lang    string
	Day     time.Time
}

// FeedbackEvents is a number of feedbacks alike: like answers, they are counted in memory and
// handed to the Store as sums (see Bot.Flush).
type FeedbackEvents struct {
	FeedbackEvent
	N int
}

// UnansweredQuestion is a question no myth answered, kept (when the install allows it) so the
// curator can write the next myth. Text has been through Scrub; the day replaces the time so a
// stored question cannot be lined up with a message in a chat's history.
type UnansweredQuestion struct {
	Text    string
	Lang    string
	Surface Surface
	Day     time.Time
	// Chosen is the myth the asker then chose from the suggestions, alternatives or topics
	// offered, "" if none: such a pair is the best new phrasing a curator can get.
	Chosen string
	// Declined is true when the asker said none of the suggestions was meant.
	Declined bool
}

// ChatSettings are a chat's preferences.
type ChatSettings struct {
	// Lang is the chat's answer language, "" to follow each question.
	Lang string
	// Auto lets the bot answer unprompted in a group when it is very confident.
	Auto bool
}

// Store keeps what organizers need to improve the fact base, and chat settings. Implementations
// live in adapters/sqlite and adapters/postgres. The bot hands it nothing that identifies a
// person: chat keys arrive as ChatKey HMACs, texts scrubbed, times cut to the day.
type Store interface {
	// RecordAnswers adds every count, all or none.
	RecordAnswers(ctx context.Context, counts []AnswerEvents) error
	// RecordFeedback adds every feedback count, all or none.
	RecordFeedback(ctx context.Context, counts []FeedbackEvents) error
	// RecordUnanswered keeps every question, all or none.
	RecordUnanswered(ctx context.Context, qs []UnansweredQuestion) error
	// ChatSettings returns the settings saved under key, the zero value when there are none.
	ChatSettings(ctx context.Context, key string) (ChatSettings, error)
	SaveChatSettings(ctx context.Context, key string, s ChatSettings) error
}

// DefaultStoreTimeout bounds each store call made while answering: a slow database delays an
// answer by at most this much, then the answer goes out without being recorded.
const DefaultStoreTimeout = time.Second

// UseStore hands the bot its Store once it is open (see Options.AwaitStore): the next Flush
// writes what waited in memory, and chat settings are read from it from then on.
func (b *Bot) UseStore(s Store) {
	b.store.Store(&s)
	b.settings.forgetDefaults()
}

// currentStore is the Store in use, nil while there is none (yet).
func (b *Bot) currentStore() Store {
	if p := b.store.Load(); p != nil {
		return *p
	}
	return nil
}

// day is the only time the store learns of an event.
func (b *Bot) day() time.Time { return b.now().UTC().Truncate(24 * time.Hour) }

// storeCtx detaches a store call from the request's cancellation (an asker who leaves should
// still be counted) and bounds it by the store timeout.
func (b *Bot) storeCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), b.storeTimeout)
}

// record counts the answer, and keeps the scrubbed question when no myth answered it (someone
// else's fact-check may have: the base still lacks it) and the install keeps unanswered questions,
// both in memory until the next Flush.
func (b *Bot) record(req Request, ans *Answer) {
	if !b.recording {
		return
	}
	e := AnswerEvent{Outcome: ans.Outcome, Surface: req.Surface, Lang: ans.Lang, Day: b.day()}
	if ans.Match != nil {
		e.MythID = ans.Match.ID
	}
	var q *UnansweredQuestion
	if (ans.Outcome == Abstained || ans.Outcome == Suggested || ans.Outcome == External) && b.keepUnanswered && !req.Overheard && !req.Draft {
		q = &UnansweredQuestion{Text: Scrub(storable(ans.Query)), Lang: ans.Lang, Surface: req.Surface, Day: e.Day}
	}
	if !b.pending.add(e, q) {
		b.observer.ObserveStoreError("record_unanswered") // logged by the next Flush
	}
}

// keep queues a question for the Store with the next flush.
func (b *Bot) keep(q UnansweredQuestion) {
	if !b.pending.addQuestion(q) {
		b.observer.ObserveStoreError("record_unanswered") // logged by the next Flush
	}
}

// Flush writes what was recorded since the last flush to the Store: the answer counts, the
// feedback counts and the unanswered questions. They wait in memory so that no answer waits for
// the database; `factline serve` flushes every DefaultFlushEvery and once more when it stops. What the Store
// refuses is kept for the next flush, and the error is logged, counted and returned. While an
// awaited Store is not there yet, everything waits in memory and Flush does nothing.
func (b *Bot) Flush(ctx context.Context) error {
	st := b.currentStore()
	if st == nil {
		return nil
	}
	counts, questions, dropped := b.pending.take()
	feedback := b.pending.takeFeedback()
	if dropped > 0 {
		b.log.Warn("too many unanswered questions waited for the store; the newest were dropped", "dropped", dropped)
	}
	ctx, cancel := b.storeCtx(ctx)
	defer cancel()
	var errs []error
	if len(counts) > 0 {
		if err := st.RecordAnswers(ctx, counts); err != nil {
			b.pending.putBack(counts, nil)
			b.storeFailed("record_answers", err)
			errs = append(errs, err)
		}
	}
	if len(feedback) > 0 {
		if err := st.RecordFeedback(ctx, feedback); err != nil {
			b.pending.putBackFeedback(feedback)
			b.storeFailed("record_feedback", err)
			errs = append(errs, err)
		}
	}
	if len(questions) > 0 {
		if err := st.RecordUnanswered(ctx, questions); err != nil {
			b.pending.putBack(nil, questions)
			b.storeFailed("record_unanswered", err)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// DefaultFlushEvery is how often `factline serve` writes what the bot recorded: what a crash
// can lose.
const DefaultFlushEvery = 10 * time.Second

// Flusher returns a runner that calls Flush at every interval until its context ends. The
// caller flushes once more after the surfaces have stopped, for the answers they finished.
func (b *Bot) Flusher(every time.Duration) Flusher { return Flusher{bot: b, every: every} }

// Flusher writes what a bot recorded at a steady pace; see Bot.Flusher.
type Flusher struct {
	bot   *Bot
	every time.Duration
}

// Run flushes at every interval until ctx ends. A failed flush keeps its records for the next one.
func (f Flusher) Run(ctx context.Context) error {
	t := time.NewTicker(f.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			_ = f.bot.Flush(ctx) // logged and counted; retried with the next records
		}
	}
}

// maxPendingQuestions bounds the unanswered questions kept in memory for the Store: while a
// database is down, the newest beyond it are dropped (and counted) rather than filling memory.
const maxPendingQuestions = 10000

// Bounds on the reasons given with feedback: each is cut to MaxReasonRunes, and beyond
// MaxReasonsPerFlush different reasons in one flush a vote is counted without its reason, so
// what a flood of feedback can store grows with the flushes, not with the posts.
const (
	MaxReasonRunes     = 280
	MaxReasonsPerFlush = 100
)

// pendingRecords is what the bot recorded since the last flush.
type pendingRecords struct {
	mu        sync.Mutex
	counts    map[AnswerEvent]int
	questions []UnansweredQuestion
	dropped   int // questions dropped, the queue being full
	// feedback is bounded by days x myths x languages x surfaces x 2, plus MaxReasonsPerFlush.
	feedback map[FeedbackEvent]int
	reasons  int // keys of feedback with a reason
}

// add counts e and queues q, if any; it returns false when q was dropped, the queue being full.
func (p *pendingRecords) add(e AnswerEvent, q *UnansweredQuestion) bool {
	p.mu.Lock()
	if p.counts == nil {
		p.counts = map[AnswerEvent]int{}
	}
	p.counts[e]++
	p.mu.Unlock()
	return q == nil || p.addQuestion(*q)
}

// addQuestion queues q; it returns false when q was dropped, the queue being full.
func (p *pendingRecords) addQuestion(q UnansweredQuestion) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.questions) >= maxPendingQuestions {
		p.dropped++
		return false
	}
	p.questions = append(p.questions, q)
	return true
}

// take returns the records and the number of questions dropped, and starts again from none.
func (p *pendingRecords) take() ([]AnswerEvents, []UnansweredQuestion, int) {
	p.mu.Lock()
	counts, questions, dropped := p.counts, p.questions, p.dropped
	p.counts, p.questions, p.dropped = nil, nil, 0
	p.mu.Unlock()
	out := make([]AnswerEvents, 0, len(counts))
	for e, n := range counts {
		out = append(out, AnswerEvents{AnswerEvent: e, N: n})
	}
	return out, questions, dropped
}

// putBack returns records the Store refused, ahead of those made since; the newest questions
// beyond maxPendingQuestions are dropped.
func (p *pendingRecords) putBack(counts []AnswerEvents, questions []UnansweredQuestion) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.counts == nil {
		p.counts = map[AnswerEvent]int{}
	}
	for _, e := range counts {
		p.counts[e.AnswerEvent] += e.N
	}
	p.questions = append(questions, p.questions...)
	if n := len(p.questions) - maxPendingQuestions; n > 0 {
		p.dropped += n
		p.questions = p.questions[:maxPendingQuestions]
	}
}

// addFeedback counts e, without its reason when MaxReasonsPerFlush reasons are already waiting.
func (p *pendingRecords) addFeedback(e FeedbackEvent, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.addFeedbackLocked(e, n)
}

func (p *pendingRecords) addFeedbackLocked(e FeedbackEvent, n int) {
	if p.feedback == nil {
		p.feedback = map[FeedbackEvent]int{}
	}
	if _, ok := p.feedback[e]; !ok && e.Reason != "" {
		if p.reasons >= MaxReasonsPerFlush {
			e.Reason = ""
		} else {
			p.reasons++
		}
	}
	p.feedback[e] += n
}

// takeFeedback returns the feedback counts and starts again from none.
func (p *pendingRecords) takeFeedback() []FeedbackEvents {
	p.mu.Lock()
	feedback := p.feedback
	p.feedback, p.reasons = nil, 0
	p.mu.Unlock()
	out := make([]FeedbackEvents, 0, len(feedback))
	for e, n := range feedback {
		out = append(out, FeedbackEvents{FeedbackEvent: e, N: n})
	}
	return out
}

// putBackFeedback returns feedback counts the Store refused, their reasons ahead of those
// given since: beyond MaxReasonsPerFlush the newest are counted without their reason.
func (p *pendingRecords) putBackFeedback(refused []FeedbackEvents) {
	p.mu.Lock()
	defer p.mu.Unlock()
	since := p.feedback
	p.feedback, p.reasons = nil, 0
	for _, e := range refused {
		p.addFeedbackLocked(e.FeedbackEvent, e.N)
	}
	for e, n := range since {
		p.addFeedbackLocked(e, n)
	}
}

// storeFailed logs without the request: the error is about the store, and the request may
// identify someone.
func (b *Bot) storeFailed(op string, err error) {
	b.log.Warn("store failed; answering anyway", "op", op, "err", err)
	b.observer.ObserveStoreError(op)
}

// Feedback counts whether an answer helped, until the next Flush. Every field is checked
// against what a surface's buttons can send: a myth of the served base, one of its languages.
// Votes are rate-limited per asker and chat like questions, in buckets of their own. The reason,
// if any, is scrubbed and cut to MaxReasonRunes.
func (b *Bot) Feedback(_ context.Context, f Feedback) error {
	base := b.current().Base()
	if base.Myth(f.MythID) == nil {
		return errorf(CodeInvalid, "this answer is not in the fact base: vote on an answer the bot gave")
	}
	if !base.HasLang(f.Lang) {
		return errorf(CodeInvalid, "unknown language: vote on an answer the bot gave")
	}
	if err := b.limiter.allowFeedback(f); err != nil {
		return err
	}
	if !b.recording {
		return nil
	}
	e := FeedbackEvent{MythID: f.MythID, Helpful: f.Helpful, Reason: cutRunes(Scrub(storable(f.Reason)), MaxReasonRunes),
		Surface: f.Surface, Lang: f.Lang, Day: b.day()}
	b.pending.addFeedback(e, 1)
	return nil
}

// storable is s without invalid UTF-8 and NUL bytes: PostgreSQL refuses them in text, and a
// refused text would fail every flush after it, all or none.
func storable(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// cutRunes returns s cut to at most n runes.
func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// Settings returns a chat's settings; without a Store they live in memory until the process ends.
// When the Store cannot be read, the defaults are used, and kept for settingsRetry before the
// Store is asked again: a hung database must not delay every message of a busy group.
func (b *Bot) Settings(ctx context.Context, chat string) ChatSettings {
	now := b.now()
	if s, ok := b.settings.get(chat, now); ok {
		return s
	}
	var s ChatSettings
	if st := b.currentStore(); st != nil {
		ctx, cancel := b.storeCtx(ctx)
		defer cancel()
		var err error
		if s, err = st.ChatSettings(ctx, ChatKey(b.secret, chat)); err != nil {
			b.storeFailed("chat_settings", err)
			b.settings.putUntil(chat, ChatSettings{}, now.Add(settingsRetry))
			return ChatSettings{}
		}
	} else if b.recording {
		// The awaited Store is not open yet: the defaults stand in until it is (UseStore).
		b.settings.putUntil(chat, ChatSettings{}, now.Add(settingsRetry))
		return ChatSettings{}
	}
	b.settings.put(chat, s)
	return s
}

// settingsRetry is how long a chat's default settings stand in after its settings could not be read.
const settingsRetry = 30 * time.Second

// SetSettings changes a chat's settings. An unknown language is refused. Settings changed while
// an awaited Store is not open yet last until the process ends.
func (b *Bot) SetSettings(ctx context.Context, chat string, s ChatSettings) error {
	if s.Lang != "" {
		s.Lang = normalizeLang(s.Lang)
		if !b.current().Base().HasLang(s.Lang) {
			return errorf(CodeInvalid, "unknown language: choose one of the fact base's languages")
		}
	}
	b.settings.put(chat, s)
	if st := b.currentStore(); st != nil {
		ctx, cancel := b.storeCtx(ctx)
		defer cancel()
		if err := st.SaveChatSettings(ctx, ChatKey(b.secret, chat), s); err != nil {
			b.storeFailed("save_chat_settings", err)
		}
	}
	return nil
}

// settingsCache keeps chat settings in memory so a busy group does not query the store per message.
type settingsCache struct {
	mu sync.Mutex
	m  map[string]cachedSettings
}

// cachedSettings are a chat's settings as read or set, or the defaults standing in until a
// time after a failed read.
type cachedSettings struct {
	s     ChatSettings
	until time.Time // zero: the settings read or set, good until changed
}

func newSettingsCache() *settingsCache { return &settingsCache{m: map[string]cachedSettings{}} }

func (c *settingsCache) get(chat string, now time.Time) (ChatSettings, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[chat]
	if !ok || !e.until.IsZero() && now.After(e.until) {
		return ChatSettings{}, false
	}
	return e.s, true
}

// forgetDefaults drops the defaults standing in for settings not read, so they are read again.
func (c *settingsCache) forgetDefaults() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for chat, e := range c.m {
		if !e.until.IsZero() {
			delete(c.m, chat)
		}
	}
}

func (c *settingsCache) put(chat string, s ChatSettings) { c.putUntil(chat, s, time.Time{}) }

func (c *settingsCache) putUntil(chat string, s ChatSettings, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[chat] = cachedSettings{s: s, until: until}
}
