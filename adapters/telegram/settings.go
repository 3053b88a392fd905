package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// setLang is /lang xx: the chat's answer language (in groups, admins only).
func (a *Adapter) setLang(ctx context.Context, m *message, arg string) {
	d, t := destOf(m), a.texts(ctx, m.Chat.ID, m.From)
	langs := strings.Join(a.core.Languages(), ", ")
	if arg == "" {
		a.send(ctx, d, text(fmt.Sprintf(t.LangUsage, langs)))
		return
	}
	if !m.private() && !a.isAdmin(ctx, m) {
		a.send(ctx, d, text(t.AdminsOnly))
		return
	}
	key := chatKey(m.Chat.ID)
	s := a.core.Settings(ctx, key)
	s.Lang = baseLang(arg)
	if s.Lang == "auto" || s.Lang == "off" {
		s.Lang = ""
	}
	if err := a.core.SetSettings(ctx, key, s); err != nil {
		if bot.ErrorCode(err) == bot.CodeInvalid {
			a.send(ctx, d, reply{blocks: []string{fmt.Sprintf(esc(t.LangUnknown), quote(arg), esc(langs))}})
			return
		}
		a.refuse(ctx, d, t, err)
		return
	}
	if s.Lang == "" {
		a.send(ctx, d, text(t.LangFollow))
		return
	}
	a.send(ctx, d, text(fmt.Sprintf(textsFor(s.Lang).LangNow, a.core.Words(s.Lang).Language)))
}

// setAuto is /auto on|off, for group admins.
func (a *Adapter) setAuto(ctx context.Context, m *message, arg string) {
	d, t := destOf(m), a.texts(ctx, m.Chat.ID, m.From)
	if m.private() {
		a.send(ctx, d, text(t.AutoGroups))
		return
	}
	on, off := strings.EqualFold(arg, "on"), strings.EqualFold(arg, "off")
	if !on && !off {
		a.send(ctx, d, text(t.AutoUsage))
		return
	}
	if !a.isAdmin(ctx, m) {
		a.send(ctx, d, text(t.AdminsOnly))
		return
	}
	key := chatKey(m.Chat.ID)
	s := a.core.Settings(ctx, key)
	s.Auto = on
	if err := a.core.SetSettings(ctx, key, s); err != nil {
		a.refuse(ctx, d, t, err)
		return
	}
	if on {
		a.send(ctx, d, text(t.AutoOn))
	} else {
		a.send(ctx, d, text(t.AutoOff))
	}
}

// isAdmin asks Telegram whether the sender administers the group. A message sent as the group
// itself comes from an anonymous admin.
func (a *Adapter) isAdmin(ctx context.Context, m *message) bool {
	if m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID {
		return true
	}
	if m.From == nil {
		return false
	}
	res, err := a.api.call(ctx, "getChatMember", tgbotapi.Params{
		"chat_id": strconv.FormatInt(m.Chat.ID, 10), "user_id": strconv.FormatInt(m.From.ID, 10),
	})
	if err != nil {
		a.log.Warn("telegram: could not check admin rights", "err", err)
		return false
	}
	var member struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(res, &member); err != nil {
		a.log.Warn("telegram: unreadable chat member", "err", err)
		return false
	}
	return member.Status == "creator" || member.Status == "administrator"
}
