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
func (a *Adapter) setLang(ctx context.Context, m *message, arg string) error {
	d, t := destOf(m), a.texts(ctx, m.Chat.ID, m.From)
	langs := strings.Join(a.core.Languages(), ", ")
	if arg == "" {
		a.send(d, text(fmt.Sprintf(t.LangUsage, langs)))
		return nil
	}
	if !m.private() {
		if admin, err := a.isAdmin(ctx, m); !admin {
			a.send(d, text(t.AdminsOnly))
			return err
		}
	}
	key := chatKey(m.Chat.ID)
	s := a.core.Settings(ctx, key)
	s.Lang = baseLang(arg)
	if s.Lang == "auto" || s.Lang == "off" {
		s.Lang = ""
	}
	if err := a.core.SetSettings(ctx, key, s); err != nil {
		if bot.ErrorCode(err) == bot.CodeInvalid {
			a.send(d, reply{blocks: []string{fmt.Sprintf(esc(t.LangUnknown), quote(arg), esc(langs))}})
			return nil
		}
		return a.refuse(ctx, d, m.From, t, fmt.Errorf("set the chat's language: %w", err))
	}
	if s.Lang == "" {
		a.send(d, text(t.LangFollow))
		return nil
	}
	a.send(d, text(fmt.Sprintf(textsFor(s.Lang).LangNow, a.core.Words(s.Lang).Language)))
	return nil
}

// setAuto is /auto on|off, for group admins.
func (a *Adapter) setAuto(ctx context.Context, m *message, arg string) error {
	d, t := destOf(m), a.texts(ctx, m.Chat.ID, m.From)
	if m.private() {
		a.send(d, text(t.AutoGroups))
		return nil
	}
	on, off := strings.EqualFold(arg, "on"), strings.EqualFold(arg, "off")
	if !on && !off {
		a.send(d, text(t.AutoUsage))
		return nil
	}
	if admin, err := a.isAdmin(ctx, m); !admin {
		a.send(d, text(t.AdminsOnly))
		return err
	}
	key := chatKey(m.Chat.ID)
	s := a.core.Settings(ctx, key)
	s.Auto = on
	if err := a.core.SetSettings(ctx, key, s); err != nil {
		return a.refuse(ctx, d, m.From, t, fmt.Errorf("set auto mode: %w", err))
	}
	if on {
		a.send(d, text(t.AutoOn))
	} else {
		a.send(d, text(t.AutoOff))
	}
	return nil
}

// isAdmin asks Telegram whether the sender administers the group. A message sent as the group
// itself comes from an anonymous admin. When Telegram cannot tell, the sender is not an admin,
// and the error says why.
func (a *Adapter) isAdmin(ctx context.Context, m *message) (bool, error) {
	if m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID {
		return true, nil
	}
	if m.From == nil {
		return false, nil
	}
	res, err := a.api.call(ctx, "getChatMember", tgbotapi.Params{
		"chat_id": strconv.FormatInt(m.Chat.ID, 10), "user_id": strconv.FormatInt(m.From.ID, 10),
	})
	if err != nil {
		return false, fmt.Errorf("check admin rights: %w", err)
	}
	var member struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(res, &member); err != nil {
		return false, fmt.Errorf("check admin rights: read the chat member: %w", err)
	}
	return member.Status == "creator" || member.Status == "administrator", nil
}
