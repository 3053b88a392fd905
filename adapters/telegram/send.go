package telegram

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// dest is where a reply goes: the chat, the forum topic, and the message it answers.
type dest struct {
	chat    int64
	thread  int
	replyTo int
}

func destOf(m *message) dest {
	d := dest{chat: m.Chat.ID, replyTo: m.MessageID}
	if m.IsTopicMessage {
		d.thread = m.MessageThreadID
	}
	return d
}

// send sends a reply, cut into messages at paragraph boundaries. The first message answers the
// asking message; the keyboard goes under the last; only the message holding the first source
// shows a link preview. Failures are logged: the asker cannot be told about them anyway.
func (a *Adapter) send(ctx context.Context, d dest, r reply) {
	msgs := pack(r.blocks, messageLimit)
	for i, msg := range msgs {
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(d.chat, 10), "text": msg, "parse_mode": "HTML"}
		p.AddNonZero("message_thread_id", d.thread)
		if i == 0 && d.replyTo != 0 {
			// ReplyParameters (Bot API 7.0): still sent if the asking message was deleted meanwhile.
			_ = p.AddInterface("reply_parameters", map[string]any{"message_id": d.replyTo, "allow_sending_without_reply": true})
		}
		preview := ""
		if r.preview != "" && strings.Contains(msg, esc(r.preview)) {
			preview = r.preview
		}
		_ = p.AddInterface("link_preview_options", previewOf(preview))
		if i == len(msgs)-1 && r.keyboard != nil {
			_ = p.AddInterface("reply_markup", r.keyboard)
		}
		if _, err := a.api.call(ctx, "sendMessage", p); err != nil {
			a.log.Warn("telegram: could not send a reply", "err", err, "part", i+1, "of", len(msgs))
			return
		}
	}
}

// setCommands publishes the command list shown in Telegram's menu, in each language the adapter
// speaks; a failure only costs the menu.
func (a *Adapter) setCommands(ctx context.Context) {
	for lang, t := range allTexts {
		var cmds []tgbotapi.BotCommand
		for _, c := range []string{"check", "myths", "lang", "help"} {
			cmds = append(cmds, tgbotapi.BotCommand{Command: c, Description: t.Menu[c]})
		}
		p := tgbotapi.Params{}
		_ = p.AddInterface("commands", cmds)
		if lang != bot.DefaultLang {
			p["language_code"] = lang
		}
		if _, err := a.api.call(ctx, "setMyCommands", p); err != nil {
			a.log.Warn("telegram: could not set the command menu", "lang", lang, "err", err)
			return
		}
	}
}
