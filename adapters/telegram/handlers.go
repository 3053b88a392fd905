package telegram

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// handle routes one update and returns what went wrong, for the dispatcher to log once. Updates
// of other kinds (edited messages among them) are ignored.
func (a *Adapter) handle(ctx context.Context, u update) error {
	switch {
	case u.Message != nil:
		return a.onMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		return a.onCallback(ctx, u.CallbackQuery)
	case u.InlineQuery != nil:
		return a.onInline(ctx, u.InlineQuery)
	default:
		a.log.Debug("ignored an update of another kind", "update_id", u.UpdateID)
		return nil
	}
}

// chatKey and userKey are the opaque keys the bot rate-limits and keeps settings by.
func chatKey(id int64) string { return "telegram:" + strconv.FormatInt(id, 10) }

func userKey(u *user) string {
	if u == nil {
		return ""
	}
	return "telegram:" + strconv.FormatInt(u.ID, 10)
}

// onMessage answers a private message, a command, or a mention; in a group with auto mode on it
// may answer other messages too. Everything else in a group is none of the bot's business.
func (a *Adapter) onMessage(ctx context.Context, m *message) error {
	if m.From != nil && m.From.IsBot {
		return nil
	}
	if p, ok := a.pictureOf(m); ok {
		return a.onPicture(ctx, m, p)
	}
	if m.Text == "" {
		return nil
	}
	if name, arg, ok := a.command(m.Text); ok {
		if name == "" { // a command for another bot in the group
			return nil
		}
		if c, ok := findCommand(name); ok {
			return c.run(a, ctx, m, arg)
		}
		if m.private() {
			return a.help(ctx, m)
		}
		return nil
	}
	if m.private() {
		return a.ask(ctx, m, m.Text)
	}
	if rest, ok := a.mentioned(m); ok {
		return a.check(ctx, m, rest)
	}
	return a.autoAnswer(ctx, m)
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// command parses "/name@bot args". It returns ok with cmd "" for a command addressed to another bot.
func (a *Adapter) command(text string) (cmd, arg string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	word, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		word, rest = word[:i], word[i:]+" "+rest
	}
	name, target, _ := strings.Cut(word, "@")
	name = strings.ToLower(name)
	if !commandName.MatchString(name) {
		return "", "", false
	}
	if target != "" && !strings.EqualFold(target, a.username) {
		return "", "", true
	}
	return name, strings.TrimSpace(rest), true
}

// mentioned reports whether the message mentions the bot, and returns its text without the mention.
func (a *Adapter) mentioned(m *message) (string, bool) {
	return a.mentionIn(m.Text, m.Entities)
}

// mentionIn reports whether entities mark a mention of the bot in s (a text, or a caption with
// its caption entities), and returns s without the mention. Only Telegram's entities count: a
// name spelled in a caption without one mentions nobody.
func (a *Adapter) mentionIn(s string, entities []entity) (string, bool) {
	text := utf16.Encode([]rune(s))
	for _, e := range entities {
		// Offset+Length could overflow, so the end is compared as a remainder.
		if e.Offset < 0 || e.Length <= 0 || e.Offset > len(text) || e.Length > len(text)-e.Offset {
			continue
		}
		span := string(utf16.Decode(text[e.Offset : e.Offset+e.Length]))
		if e.Type == "mention" && strings.EqualFold(span, "@"+a.username) || e.Type == "text_mention" && e.User != nil && e.User.ID == a.botID {
			rest := string(utf16.Decode(text[:e.Offset])) + " " + string(utf16.Decode(text[e.Offset+e.Length:]))
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// check answers /check with its argument, or the message it replies to: its text, or its picture.
func (a *Adapter) check(ctx context.Context, m *message, arg string) error {
	q := arg
	if p, ok := a.pictureOf(m.ReplyToMessage); ok && q == "" {
		return a.askPicture(ctx, m, p, m.ReplyToMessage.Caption)
	}
	if q == "" && m.ReplyToMessage != nil {
		q = m.ReplyToMessage.Text
		if q == "" {
			q = m.ReplyToMessage.Caption
		}
	}
	if strings.TrimSpace(q) == "" {
		a.send(destOf(m), text(a.texts(ctx, m.Chat.ID, m.From).CheckUsage))
		return nil
	}
	return a.ask(ctx, m, q)
}

// ask answers a question asked explicitly.
func (a *Adapter) ask(ctx context.Context, m *message, q string) error {
	d := destOf(m)
	if utf8.RuneCountInString(q) > a.opts.MaxQuestion {
		a.send(d, text(fmt.Sprintf(a.texts(ctx, m.Chat.ID, m.From).TooLong, a.opts.MaxQuestion)))
		return nil
	}
	a.log.Debug("question", "chars", utf8.RuneCountInString(q), "text", q)
	ans, err := a.core.Ask(ctx, bot.Request{Text: q, Surface: bot.SurfaceTelegram, Chat: chatKey(m.Chat.ID), User: userKey(m.From)})
	if err != nil {
		return a.refuse(ctx, d, m.From, a.texts(ctx, m.Chat.ID, m.From), fmt.Errorf("ask: %w", err))
	}
	a.sendAnswer(d, ans, m.private())
	return nil
}

// sendAnswer sends the answer to an explicit question, typed or a picture.
func (a *Adapter) sendAnswer(d dest, ans bot.Answer, private bool) {
	switch {
	case ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0:
		// Shown in groups too: someone asked.
		a.send(d, suggestReply(ans))
	case ans.External != nil:
		a.send(d, externalReply(ans))
	case ans.Body == nil:
		a.send(d, noAnswerReply(ans, private))
	default:
		a.send(d, answerReply(ans, a.core.LanguageWords()))
	}
}

// autoAnswer answers a group message nobody addressed to the bot, when the group turned auto mode
// on, the bot is very sure, and the group has not had an unprompted answer for a while. Anything
// short of a match (suggestions, an abstention) is kept silent: nobody asked. It asks
// the core without the asker's and chat's keys, so the group's chatter does not use up the rate
// limits its members need for /check; the cooldown limits it instead.
func (a *Adapter) autoAnswer(ctx context.Context, m *message) error {
	if utf8.RuneCountInString(m.Text) > a.opts.MaxQuestion {
		return nil
	}
	s := a.core.Settings(ctx, chatKey(m.Chat.ID))
	if !s.Auto {
		return nil
	}
	// The chat's language is not passed: as a hint it would lower the confidence of a question
	// written in another language; the answer is translated to it below.
	ans, err := a.core.Ask(ctx, bot.Request{Text: m.Text, Surface: bot.SurfaceTelegram, Overheard: true})
	if err != nil {
		return fmt.Errorf("ask unprompted: %w", err)
	}
	if ans.Outcome != bot.Matched {
		return nil
	}
	if !a.auto.take(m.Chat.ID, time.Now()) {
		return nil
	}
	if s.Lang != "" && s.Lang != ans.Body.Lang {
		if ans, err = a.core.Explain(ctx, ans.Match.ID, bot.Request{Lang: s.Lang, Surface: bot.SurfaceTelegram}); err != nil {
			return fmt.Errorf("translate an unprompted answer: %w", err)
		}
	}
	// Nobody asked: the answer comes alone, without other myths to choose from.
	ans.Alternatives = nil
	a.send(destOf(m), answerReply(ans, a.core.LanguageWords()))
	return nil
}

// refuse tells the asker why there is no answer, politely and without internals, and
// returns err for the dispatcher to log. An asker who asks too fast is told so once per cooldown:
// the messages of a flood get no reply each.
func (a *Adapter) refuse(ctx context.Context, d dest, from *user, t *texts, err error) error {
	var be *bot.Error
	switch code := bot.ErrorCode(err); {
	case code == bot.CodeRateLimited:
		if a.slow.take(askerKey(a.seed, d.chat, from), time.Now()) {
			a.send(d, text(t.SlowDown))
		}
	case code == bot.CodeTooLarge:
		a.send(d, text(fmt.Sprintf(t.PictureTooLarge, max(a.opts.MaxPicture>>20, 1))))
	case code == bot.CodeUnsupported:
		a.send(d, text(t.PictureUnsupported))
	case code == bot.CodeNoText:
		a.send(d, text(t.PictureNoText))
	case code == bot.CodeUnavailable:
		// Pictures are off on this server, or too many are being read: either way, the text helps.
		a.send(d, text(t.PictureUnavailable))
	case code != bot.CodeInternal && errors.As(err, &be):
		// The message may repeat what was asked (a myth id from a button), so it is defused like a quote.
		a.send(d, reply{blocks: []string{esc(strings.ReplaceAll(be.Message, "@", "@\u2060"))}})
	default:
		a.send(d, text(t.Failed))
	}
	return err
}

func (a *Adapter) help(ctx context.Context, m *message) error {
	lang := a.lang(ctx, m.Chat.ID, m.From)
	a.send(destOf(m), helpReply(textsFor(lang), a.username, a.core.Topics(lang)))
	return nil
}

func (a *Adapter) myths(ctx context.Context, m *message) error {
	lang := a.lang(ctx, m.Chat.ID, m.From)
	r := text(textsFor(lang).PickTopic)
	r.keyboard = topicKeyboard(a.core.Topics(lang), lang, "")
	a.send(destOf(m), r)
	return nil
}

// onCallback handles an answer button. The query is answered first, so the button stops spinning
// at once, whatever the work behind it takes.
func (a *Adapter) onCallback(ctx context.Context, q *callbackQuery) error {
	if q.ID == "" { // not from Telegram, which always sends one: nothing can answer it
		return nil
	}
	cb, ok := parseData(q.Data)
	act, myth, lang := cb.act, cb.myth, cb.lang
	toast := ""
	switch {
	case ok && (act == actHelpful || act == actNotHelpful):
		toast = textsFor(lang).Thanks
	case ok && act == actDecline:
		toast = textsFor(lang).NoneThanks
	}
	p := tgbotapi.Params{"callback_query_id": q.ID}
	p.AddNonEmpty("text", toast)
	_, answerErr := a.api.call(ctx, "answerCallbackQuery", p)
	if answerErr != nil {
		// The button only keeps spinning: the work behind it is still done.
		answerErr = fmt.Errorf("answer a button: %w", answerErr)
	}
	if !ok {
		return answerErr
	}
	if !slices.Contains(a.core.Languages(), lang) { // callback data comes from the client: keep only a known language
		lang = ""
	}
	if act == actHelpful || act == actNotHelpful {
		// Votes are rate-limited like questions, per user and chat.
		fb := bot.Feedback{MythID: myth, Helpful: act == actHelpful, Surface: bot.SurfaceTelegram, Lang: lang, User: userKey(&q.From)}
		if q.Message != nil {
			fb.Chat = chatKey(q.Message.Chat.ID)
		}
		if err := a.core.Feedback(ctx, fb); err != nil {
			return errors.Join(answerErr, fmt.Errorf("feedback not recorded: %w", err))
		}
		return answerErr
	}
	if act == actDecline {
		return errors.Join(answerErr, a.decline(ctx, q, lang, cb.offer))
	}
	if q.Message == nil { // a message sent through inline mode: the bot may not be in that chat
		return answerErr
	}
	d := destOf(q.Message)
	if lang == "" {
		lang = a.lang(ctx, q.Message.Chat.ID, &q.From)
	}
	ans, err := a.core.Explain(ctx, myth, bot.Request{Lang: lang, Surface: bot.SurfaceTelegram, Chat: chatKey(q.Message.Chat.ID), User: userKey(&q.From), Offer: cb.offer})
	if err != nil {
		return errors.Join(answerErr, a.refuse(ctx, d, &q.From, textsFor(lang), fmt.Errorf("explain: %w", err)))
	}
	switch act {
	case actFull:
		a.send(d, fullReply(ans))
	case actSources:
		a.send(d, sourcesReply(ans))
	case actOriginal:
		a.send(d, originalReply(ans))
	default:
		a.send(d, answerReply(ans, a.core.LanguageWords()))
	}
	return answerErr
}

// decline tells the core that none of the suggestions (or topics) offered was meant, then takes
// the buttons off the message they were under, so the choice is not made twice.
func (a *Adapter) decline(ctx context.Context, q *callbackQuery, lang, offer string) error {
	req := bot.Request{Lang: lang, Surface: bot.SurfaceTelegram, User: userKey(&q.From)}
	if q.Message != nil {
		req.Chat = chatKey(q.Message.Chat.ID)
	}
	if err := a.core.Decline(ctx, offer, req); err != nil {
		return fmt.Errorf("decline not recorded: %w", err)
	}
	if q.Message == nil || q.Message.MessageID == 0 {
		return nil
	}
	// Without reply_markup, editMessageReplyMarkup removes the message's keyboard.
	p := tgbotapi.Params{"chat_id": strconv.FormatInt(q.Message.Chat.ID, 10), "message_id": strconv.Itoa(q.Message.MessageID)}
	if _, err := a.api.call(ctx, "editMessageReplyMarkup", p); err != nil {
		return fmt.Errorf("remove the buttons after none of these: %w", err)
	}
	return nil
}

// lang is the language of the bot's own words in a chat: the chat's setting, else the user's
// Telegram language when the fact base has it, else "".
func (a *Adapter) lang(ctx context.Context, chat int64, u *user) string {
	if s := a.core.Settings(ctx, chatKey(chat)); s.Lang != "" {
		return s.Lang
	}
	if u != nil {
		if l := baseLang(u.LanguageCode); a.core.HasLang(l) {
			return l
		}
	}
	return ""
}

func (a *Adapter) texts(ctx context.Context, chat int64, u *user) *texts {
	return textsFor(a.lang(ctx, chat, u))
}
