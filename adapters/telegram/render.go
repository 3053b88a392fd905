package telegram

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// Everything sent is HTML (parse_mode HTML): unlike the library's MarkdownV2 escaping, HTML
// escaping is complete with four characters. Every text from outside the code (the fact base,
// the asker) goes through html.EscapeString.

// reply is one answer ready to send: HTML blocks that pack cuts into messages, a keyboard under
// the last message, and the one URL worth a link preview ("" for none).
type reply struct {
	blocks   []string
	keyboard *tgbotapi.InlineKeyboardMarkup
	preview  string
}

var esc = html.EscapeString

// quote makes an asker's text safe to show back: clipped, escaped, and with its @mentions
// broken by a word joiner so repeating them pings no one.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return esc(strings.ReplaceAll(s, "@", "@\u2060"))
}

// headline is the verdict and the claim checked.
func headline(ans bot.Answer) string {
	w := ans.Words
	return fmt.Sprintf("<b>%s</b> · %s: <i>%s</i>", esc(w.VerdictLabel(ans.Match.Verdict)), esc(w.Claim), esc(ans.Match.Claim))
}

// reviewed is the line that dates the review.
func reviewed(ans bot.Answer) string {
	return "<i>" + esc(ans.Words.Reviewed+" "+ans.Body.Reviewed) + "</i>"
}

func sourceLink(i int, s *bot.Source) string {
	line := fmt.Sprintf(`%d. <a href="%s">%s</a>, %s`, i+1, esc(s.URL), esc(s.Title), esc(s.Publisher))
	if s.Date != "" {
		line += ", " + esc(s.Date)
	}
	return line
}

// post is the short answer with up to two sources: what a chat reply and an inline result show.
func post(ans bot.Answer, t *texts) []string {
	blocks := []string{headline(ans)}
	blocks = append(blocks, plainBlocks(ans.Body.Short, messageLimit)...)
	if ans.Body.Paraphrased {
		blocks = append(blocks, "<i>"+esc(t.Rephrased)+"</i>")
	}
	if src := ans.Sources; len(src) > 0 {
		lines := []string{"<b>" + esc(ans.Words.Sources) + "</b>"}
		for i, s := range src[:min(2, len(src))] {
			lines = append(lines, sourceLink(i, s))
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	return blocks
}

// firstURL is the first source's address, previewed under an answer because it is the evidence.
func firstURL(ans bot.Answer) string {
	if len(ans.Sources) == 0 {
		return ""
	}
	return ans.Sources[0].URL
}

// answerReply renders a matched, ambiguous or chosen answer with its buttons; langs are the
// languages the answer may be read in, as buttons.
func answerReply(ans bot.Answer, langs []bot.Words) reply {
	t := textsFor(ans.Body.Lang)
	blocks := post(ans, t)
	blocks = append(blocks, reviewed(ans))
	if ans.Outcome == bot.Ambiguous && len(ans.Alternatives) > 0 {
		blocks = append(blocks, "<i>"+esc(t.DidYouMean)+"</i>")
	}
	return reply{blocks: blocks, keyboard: answerKeyboard(ans, t, langs), preview: firstURL(ans)}
}

// answerKeyboard: full answer and sources; the other languages; the alternatives of an ambiguous
// answer; the reviewed text of a paraphrase; helpful or not.
func answerKeyboard(ans bot.Answer, t *texts, langs []bot.Words) *tgbotapi.InlineKeyboardMarkup {
	id, lang := ans.Match.ID, ans.Body.Lang
	var rows [][]tgbotapi.InlineKeyboardButton
	rows = appendRow(rows, button(t.Full, actFull, id, lang), button(t.SourcesBtn, actSources, id, lang))
	var other []tgbotapi.InlineKeyboardButton
	for _, l := range langs {
		if l.Lang != lang {
			other = append(other, button("🌐 "+l.Language, actExplain, id, l.Lang))
		}
	}
	for len(other) > 0 {
		n := min(4, len(other))
		rows = appendRow(rows, other[:n]...)
		other = other[n:]
	}
	if ans.Outcome == bot.Ambiguous {
		for _, alt := range ans.Alternatives {
			rows = appendRow(rows, button("❓ "+clip(alt.Claim, 60), actExplain, alt.ID, lang))
		}
	}
	if ans.Body.Paraphrased {
		rows = appendRow(rows, button(t.Original, actOriginal, id, lang))
	}
	rows = appendRow(rows, button(t.Helpful, actHelpful, id, lang), button(t.NotHelpful, actNotHelpful, id, lang))
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// fullReply is the full rebuttal, its citations numbered, then every source.
func fullReply(ans bot.Answer) reply {
	t := textsFor(ans.Body.Lang)
	blocks := []string{headline(ans)}
	blocks = append(blocks, plainBlocks(ans.Body.Full, messageLimit)...)
	if ans.Body.Paraphrased {
		blocks = append(blocks, "<i>"+esc(t.Rephrased)+"</i>")
	}
	blocks = append(blocks, sourceBlocks(ans)...)
	blocks = append(blocks, reviewed(ans))
	return reply{blocks: blocks}
}

// originalReply is the reviewed text a paraphrase was made from.
func originalReply(ans bot.Answer) reply {
	o := ans.Body.Original
	if o == nil {
		return fullReply(ans)
	}
	blocks := []string{headline(ans)}
	blocks = append(blocks, plainBlocks(o.Full, messageLimit)...)
	blocks = append(blocks, sourceBlocks(ans)...)
	return reply{blocks: blocks}
}

// sourcesReply lists every source of an answer, numbered as the full answer cites them.
func sourcesReply(ans bot.Answer) reply {
	return reply{blocks: append([]string{headline(ans)}, sourceBlocks(ans)...)}
}

func sourceBlocks(ans bot.Answer) []string {
	lines := []string{"<b>" + esc(ans.Words.Sources) + "</b>"}
	for i, s := range ans.Sources {
		lines = append(lines, sourceLink(i, s))
	}
	return lineBlocks(lines, messageLimit)
}

// noAnswerReply says the bot has no checked answer. In a private chat it offers the topics as
// buttons; in a group it stays short, so a miss does not flood the conversation.
func noAnswerReply(ans bot.Answer, private bool) reply {
	t := textsFor(ans.Lang)
	if !private {
		return reply{blocks: []string{esc(t.NoAnswerGroup)}}
	}
	return reply{blocks: []string{fmt.Sprintf(esc(t.NoAnswer), quote(ans.Query))}, keyboard: topicKeyboard(ans.Topics, ans.Lang)}
}

// topicKeyboard has one button per myth, which answers it.
func topicKeyboard(topics []bot.Topic, lang string) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, tp := range topics {
		rows = appendRow(rows, button(clip(tp.Title, 60), actExplain, tp.ID, lang))
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// helpReply is /start and /help: what the bot does and how to ask, with examples from the fact
// base, and the command menu.
func helpReply(t *texts, username string, topics []bot.Topic) reply {
	how := make([]string, len(t.HowTo))
	for i, h := range t.HowTo {
		if strings.Contains(h, "%s") {
			h = fmt.Sprintf(h, username)
		}
		how[i] = "• " + esc(h)
	}
	blocks := []string{"<b>factline</b>\n" + esc(t.Intro), strings.Join(how, "\n")}
	if len(topics) > 0 {
		ex := []string{"<b>" + esc(t.Examples) + "</b>", "<code>/check " + esc(topics[0].Claim) + "</code>"}
		if len(topics) > 1 {
			ex = append(ex, "<code>@"+esc(username)+" "+esc(topics[1].Claim)+"</code>")
		}
		blocks = append(blocks, strings.Join(ex, "\n"))
	}
	return reply{blocks: append(blocks, helpCommands(t))}
}

// text is a reply of one plain sentence.
func text(s string) reply { return reply{blocks: []string{esc(s)}} }

// The actions a button carries in its callback data, "<action>:<myth>:<lang>".
const (
	actFull       = 'f'
	actSources    = 's'
	actExplain    = 'x'
	actOriginal   = 'o'
	actHelpful    = 'h'
	actNotHelpful = 'n'
)

// maxCallbackData is Telegram's limit on callback data, in bytes.
const maxCallbackData = 64

func button(label string, act byte, myth, lang string) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData(label, string(act)+":"+myth+":"+lang)
}

// appendRow adds a row of the buttons whose data fits Telegram's limit (myth ids are short, but
// they come from an editable fact base).
func appendRow(rows [][]tgbotapi.InlineKeyboardButton, bs ...tgbotapi.InlineKeyboardButton) [][]tgbotapi.InlineKeyboardButton {
	var row []tgbotapi.InlineKeyboardButton
	for _, b := range bs {
		if b.CallbackData != nil && len(*b.CallbackData) <= maxCallbackData {
			row = append(row, b)
		}
	}
	if len(row) == 0 {
		return rows
	}
	return append(rows, row)
}

// parseData reads a button's callback data; it comes back from the client, so it is checked.
func parseData(s string) (act byte, myth, lang string, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || len(parts[0]) != 1 || parts[1] == "" {
		return 0, "", "", false
	}
	switch act = parts[0][0]; act {
	case actFull, actSources, actExplain, actOriginal, actHelpful, actNotHelpful:
		return act, parts[1], parts[2], true
	}
	return 0, "", "", false
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// previewOf shows the preview of url, or none when url is "".
func previewOf(url string) *linkPreview {
	if url == "" {
		return &linkPreview{IsDisabled: true}
	}
	return &linkPreview{URL: url, PreferSmallMedia: true}
}
