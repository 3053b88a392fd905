package telegram

import (
	"encoding/json"
	"fmt"
)

// The adapter decodes updates into its own types rather than tgbotapi's: the library targets Bot
// API 5.5 and lacks forum topics (message_thread_id, is_topic_message), and it decodes a whole
// batch at once, so one update it cannot read would fail them all. These types hold only what the
// adapter reads; unknown fields are ignored.

type update struct {
	UpdateID      int            `json:"update_id"`
	Message       *message       `json:"message"`
	CallbackQuery *callbackQuery `json:"callback_query"`
	InlineQuery   *inlineQuery   `json:"inline_query"`
	// Edited messages are deliberately not decoded: the bot answers what was asked, once.
}

type message struct {
	MessageID       int  `json:"message_id"`
	MessageThreadID int  `json:"message_thread_id"`
	IsTopicMessage  bool `json:"is_topic_message"`
	// From is empty for messages sent on behalf of a chat (anonymous admins, channels).
	From       *user    `json:"from"`
	SenderChat *chat    `json:"sender_chat"`
	Chat       chat     `json:"chat"`
	Text       string   `json:"text"`
	Caption    string   `json:"caption"`
	Entities   []entity `json:"entities"`
	// CaptionEntities mark the caption's mentions and commands, as Entities do the text's.
	CaptionEntities []entity `json:"caption_entities"`
	ReplyToMessage  *message `json:"reply_to_message"`
	// Photo is a photo's sizes, smallest first; Document a file sent as is (an image sent
	// uncompressed, or any other file).
	Photo    []photoSize `json:"photo"`
	Document *document   `json:"document"`
}

// photoSize is one size of a photo; FileSize may be 0 when Telegram does not say.
type photoSize struct {
	FileID   string `json:"file_id"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	FileSize int64  `json:"file_size"`
}

type document struct {
	FileID   string `json:"file_id"`
	MimeType string `json:"mime_type"`
	FileSize int64  `json:"file_size"`
}

type chat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

type user struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

type entity struct {
	Type string `json:"type"`
	// Offset and Length count UTF-16 code units, as the Bot API does.
	Offset int   `json:"offset"`
	Length int   `json:"length"`
	User   *user `json:"user"`
}

type callbackQuery struct {
	ID   string `json:"id"`
	From user   `json:"from"`
	// Message is the message the button was under; nil for messages sent through inline mode.
	Message *message `json:"message"`
	Data    string   `json:"data"`
}

type inlineQuery struct {
	ID    string `json:"id"`
	From  user   `json:"from"`
	Query string `json:"query"`
}

// kind names the update's kind, as the Bot API's allowed_updates does, for logs.
func (u update) kind() string {
	switch {
	case u.Message != nil:
		return "message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.InlineQuery != nil:
		return "inline_query"
	}
	return "other"
}

// private reports whether the message was sent in a one-to-one chat with the bot.
func (m *message) private() bool { return m.Chat.Type == "private" }

// decodeBatch splits a getUpdates result into its updates without decoding them, so each can
// fail on its own. next is the offset that confirms the whole batch, even updates that cannot be
// decoded, so none is delivered twice or blocks the ones behind it.
func decodeBatch(result json.RawMessage, offset int) (raws []json.RawMessage, next int, err error) {
	if err := json.Unmarshal(result, &raws); err != nil {
		return nil, offset, fmt.Errorf("getUpdates result is not a list: %w", err)
	}
	next = offset
	for _, raw := range raws {
		var id struct {
			UpdateID int `json:"update_id"`
		}
		if json.Unmarshal(raw, &id) == nil && id.UpdateID >= next {
			next = id.UpdateID + 1
		}
	}
	return raws, next, nil
}

// decodeUpdate decodes one update.
func decodeUpdate(raw []byte) (update, error) {
	var u update
	if err := json.Unmarshal(raw, &u); err != nil {
		return update{}, fmt.Errorf("decode update: %w", err)
	}
	return u, nil
}
