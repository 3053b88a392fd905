package bot

import (
	"context"
	"sync"
	"time"
)

// AnswerEvent is what the Store keeps of an answered request: no text, no ids, only the day.
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

// ChatSettings are a chat's preferences.
type ChatSettings struct {
	// Lang is the chat's answer language, "" to follow each question.
	Lang string
	// Auto lets the bot answer unprompted in a group when it is very confident.
	Auto bool
}

// Store keeps what organizers need to improve the fact base, and chat settings. Implementations
// live in adapters/sqlite and adapters/postgres.
type Store interface {
	RecordAnswer(ctx context.Context, e AnswerEvent) error
	RecordFeedback(ctx context.Context, f Feedback) error
	ChatSettings(ctx context.Context, chatKey string) (ChatSettings, error)
	SaveChatSettings(ctx context.Context, chatKey string, s ChatSettings) error
}

// record stores the answer event; a store failure is logged and counted, never returned.
func (b *Bot) record(ctx context.Context, req Request, ans *Answer) {
	if b.store == nil {
		return
	}
	e := AnswerEvent{Outcome: ans.Outcome, Surface: req.Surface, Lang: ans.Lang, Day: b.now().UTC().Truncate(24 * time.Hour)}
	if ans.Match != nil {
		e.MythID = ans.Match.ID
	}
	if err := b.store.RecordAnswer(ctx, e); err != nil {
		b.storeFailed("record_answer", err)
	}
}

func (b *Bot) storeFailed(op string, err error) {
	b.log.Warn("store failed; answering anyway", "op", op, "err", err)
	b.observer.ObserveStoreError(op)
}

// Feedback records whether an answer helped.
func (b *Bot) Feedback(ctx context.Context, f Feedback) error {
	if b.Base().Myth(f.MythID) == nil {
		return errorf(CodeNotFound, "no myth with id "+f.MythID)
	}
	if b.store == nil {
		return nil
	}
	if err := b.store.RecordFeedback(ctx, f); err != nil {
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
		var err error
		if s, err = b.store.ChatSettings(ctx, chat); err != nil {
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
		if err := b.store.SaveChatSettings(ctx, chat, s); err != nil {
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
