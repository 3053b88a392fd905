package bot

import (
	"context"
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

// Feedback is an asker's verdict on an answer; it carries no identity.
type Feedback struct {
	MythID  string
	Helpful bool
	// Reason is an optional free-text reason, scrubbed of personal data before it is stored.
	Reason  string
	Surface Surface
	Lang    string
}

// FeedbackEvent is a Feedback as stored: the reason scrubbed, the day instead of the time.
type FeedbackEvent struct {
	Feedback
	Day time.Time
}

// UnansweredQuestion is a question no myth answered, kept (when the install allows it) so the
// curator can write the next myth. Text has been through Scrub; the day replaces the time so a
// stored question cannot be lined up with a message in a chat's history.
type UnansweredQuestion struct {
	Text    string
	Lang    string
	Surface Surface
	Day     time.Time
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
	RecordAnswer(ctx context.Context, e AnswerEvent) error
	RecordFeedback(ctx context.Context, f FeedbackEvent) error
	RecordUnanswered(ctx context.Context, q UnansweredQuestion) error
	// ChatSettings returns the settings saved under key, the zero value when there are none.
	ChatSettings(ctx context.Context, key string) (ChatSettings, error)
	SaveChatSettings(ctx context.Context, key string, s ChatSettings) error
}

// DefaultStoreTimeout bounds each store call made while answering: a slow database delays an
// answer by at most this much, then the answer goes out without being recorded.
const DefaultStoreTimeout = time.Second

// day is the only time the store learns of an event.
func (b *Bot) day() time.Time { return b.now().UTC().Truncate(24 * time.Hour) }

// storeCtx detaches a store call from the request's cancellation (an asker who leaves should
// still be counted) and bounds it by the store timeout.
func (b *Bot) storeCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), b.storeTimeout)
}

// record stores the answer event, and the scrubbed question when no myth answered it and the
// install keeps unanswered questions. A store failure is logged and counted, never returned.
func (b *Bot) record(ctx context.Context, req Request, ans *Answer) {
	if b.store == nil {
		return
	}
	ctx, cancel := b.storeCtx(ctx)
	defer cancel()
	e := AnswerEvent{Outcome: ans.Outcome, Surface: req.Surface, Lang: ans.Lang, Day: b.day()}
	if ans.Match != nil {
		e.MythID = ans.Match.ID
	}
	if err := b.store.RecordAnswer(ctx, e); err != nil {
		b.storeFailed("record_answer", err)
	}
	if ans.Outcome != Abstained || !b.keepUnanswered {
		return
	}
	q := UnansweredQuestion{Text: Scrub(ans.Query), Lang: ans.Lang, Surface: req.Surface, Day: e.Day}
	if err := b.store.RecordUnanswered(ctx, q); err != nil {
		b.storeFailed("record_unanswered", err)
	}
}

// storeFailed logs without the request: the error is about the store, and the request may
// identify someone.
func (b *Bot) storeFailed(op string, err error) {
	b.log.Warn("store failed; answering anyway", "op", op, "err", err)
	b.observer.ObserveStoreError(op)
}

// Feedback records whether an answer helped. The reason is scrubbed before it is stored.
func (b *Bot) Feedback(ctx context.Context, f Feedback) error {
	if b.Base().Myth(f.MythID) == nil {
		return errorf(CodeNotFound, "no myth with id "+f.MythID)
	}
	if b.store == nil {
		return nil
	}
	ctx, cancel := b.storeCtx(ctx)
	defer cancel()
	f.Reason = Scrub(f.Reason)
	if err := b.store.RecordFeedback(ctx, FeedbackEvent{Feedback: f, Day: b.day()}); err != nil {
		b.storeFailed("record_feedback", err)
	}
	return nil
}

// Settings returns a chat's settings; without a Store they live in memory until the process ends.
func (b *Bot) Settings(ctx context.Context, chat string) ChatSettings {
	if s, ok := b.settings.get(chat); ok {
		return s
	}
	var s ChatSettings
	if b.store != nil {
		ctx, cancel := b.storeCtx(ctx)
		defer cancel()
		var err error
		if s, err = b.store.ChatSettings(ctx, ChatKey(b.secret, chat)); err != nil {
			b.storeFailed("chat_settings", err)
			return ChatSettings{}
		}
	}
	b.settings.put(chat, s)
	return s
}

// SetSettings changes a chat's settings. An unknown language is refused.
func (b *Bot) SetSettings(ctx context.Context, chat string, s ChatSettings) error {
	if s.Lang != "" {
		s.Lang = normalizeLang(s.Lang)
		if !b.Base().HasLang(s.Lang) {
			return errorf(CodeInvalid, "unknown language: choose one of the fact base's languages")
		}
	}
	b.settings.put(chat, s)
	if b.store != nil {
		ctx, cancel := b.storeCtx(ctx)
		defer cancel()
		if err := b.store.SaveChatSettings(ctx, ChatKey(b.secret, chat), s); err != nil {
			b.storeFailed("save_chat_settings", err)
		}
	}
	return nil
}

// settingsCache keeps chat settings in memory so a busy group does not query the store per message.
type settingsCache struct {
	mu sync.Mutex
	m  map[string]ChatSettings
}

func newSettingsCache() *settingsCache { return &settingsCache{m: map[string]ChatSettings{}} }

func (c *settingsCache) get(chat string) (ChatSettings, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[chat]
	return s, ok
}

func (c *settingsCache) put(chat string, s ChatSettings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[chat] = s
}
