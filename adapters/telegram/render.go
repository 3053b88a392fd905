package telegram

import (
	"fmt"
	"html"
	"regexp"
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

// linkLike finds what Telegram would turn into a link in a message: an address with a scheme, or
// a host name with a dot, alone or followed by a path.
var linkLike = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://\S+|\b(?:[\p{L}\p{N}_-]+\.)+\p{L}{2,}\b(?:[/:?#]\S*)?`)

// quote makes an asker's text safe to show back: clipped, escaped, with its @mentions broken by a
// word joiner so repeating them pings no one, and its links set as code, which Telegram never
// turns into a link, so the answer does not link to the hoax it was asked about.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return defuse(s)
}

// defuse escapes s, breaks its @mentions with a word joiner and sets its links as code: text from
// outside (an asker, a fact-checker's feed) shown as written, pinging and linking to no one.
func defuse(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkLike.FindAllStringIndex(s, -1) {
		b.WriteString(esc(strings.ReplaceAll(s[last:m[0]], "@", "@\u2060")))
		b.WriteString("<code>" + esc(s[m[0]:m[1]]) + "</code>")
		last = m[1]
	}
	b.WriteString(esc(strings.ReplaceAll(s[last:], "@", "@\u2060")))
	return b.String()
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

// externalReply renders an answer taken from someone else's review: the label that says so, the
// verdict its rating maps to and the claim it reviewed, the fixed text naming the fact-checker and
// its rating, and the link to the review, previewed. No buttons: there is no full answer, no
// other language, no sources of ours and no myth to rate.
func externalReply(ans bot.Answer) reply {
	r, w := ans.External, ans.Words
	site := r.Site
	if site == "" {
		site = r.Publisher
	}
	link := `<a href="` + esc(r.URL) + `">` + esc(site) + `</a>`
	if r.ReviewDate != "" {
		link += ", " + esc(r.ReviewDate)
	}
	blocks := []string{
		"<b>🔎 " + esc(w.ExternalLabel(r.Publisher)) + "</b>",
		fmt.Sprintf("<b>%s</b> · %s: <i>%s</i>", esc(w.ExternalVerdictLabel(r.Verdict)), esc(w.Claim), defuse(clip(r.Claim, 300))),
	}
	blocks = append(blocks, plainBlocks(ans.Body.Short, messageLimit)...)
	return reply{blocks: append(blocks, link), preview: r.URL}
}

// firstURL is the first source's address, previewed under an answer because it is the evidence.
func firstURL(ans bot.Answer) string {
	if len(ans.Sources) == 0 {
		return ""
	}
	return ans.Sources[0].URL
}

// answerReply renders a matched, ambiguous or chosen answer with its buttons; langs are the
// languages the answer may be read in, as buttons. The alternatives of an answer are offered
// under a question: "did you mean" when the match was ambiguous, "not this one?" when it was sure.
func answerReply(ans bot.Answer, langs []bot.Words) reply {
	t := textsFor(ans.Body.Lang)
	blocks := post(ans, t)
	blocks = append(blocks, reviewed(ans))
	switch {
	case len(ans.Alternatives) == 0:
	case ans.Outcome == bot.Ambiguous:
		blocks = append(blocks, "<i>"+esc(t.DidYouMean)+"</i>")
	case ans.Outcome == bot.Matched:
		blocks = append(blocks, "<i>"+esc(t.NotThis)+"</i>")
	}
	if r := readLine(ans, t); r != "" {
		blocks = append(blocks, r)
	}
	return reply{blocks: blocks, keyboard: answerKeyboard(ans, t, langs), preview: firstURL(ans)}
}

// answerKeyboard: full answer and sources; the other languages; the alternatives of a matched
// or ambiguous answer, which carry its offer so that the core learns which myth was meant; the
// reviewed text of a paraphrase; helpful or not.
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
	if ans.Outcome == bot.Ambiguous || ans.Outcome == bot.Matched {
		for _, alt := range ans.Alternatives {
			rows = appendRow(rows, choiceButton("❓ "+clip(alt.Claim, 60), alt.ID, lang, ans.Offer))
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
	k := topicKeyboard(ans.Topics, ans.Lang, ans.Offer)
	k.InlineKeyboard = appendRow(k.InlineKeyboard, noneButton(t.NoneOfThese, ans.Lang, ans.Offer))
	return reply{blocks: []string{fmt.Sprintf(esc(t.NoAnswer), quote(ans.Query))}, keyboard: k}
}

// suggestReply asks "Is it one of these?" under an uncertain match: the suggestions, best first,
// listed in full and as buttons that answer them, then "None of these". The buttons carry the
// answer's offer, so the core learns which myth the question meant, or that none was.
func suggestReply(ans bot.Answer) reply {
	t := textsFor(ans.Lang)
	lines := []string{"<b>" + esc(t.Suggest) + "</b>"}
	if r := readLine(ans, t); r != "" {
		lines = append([]string{r}, lines...)
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, s := range ans.Suggestions {
		lines = append(lines, fmt.Sprintf("%d. <i>%s</i>", i+1, esc(s.Claim)))
		rows = appendRow(rows, choiceButton(fmt.Sprintf("%d. %s", i+1, clip(s.Claim, 60)), s.ID, ans.Lang, ans.Offer))
	}
	rows = appendRow(rows, noneButton(t.NoneOfThese, ans.Lang, ans.Offer))
	return reply{blocks: lineBlocks(lines, messageLimit), keyboard: &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: rows}}
}

// topicKeyboard has one button per myth, which answers it; offer, when not "", tells the core
// which question the myth was chosen for.
func topicKeyboard(topics []bot.Topic, lang, offer string) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, tp := range topics {
		rows = appendRow(rows, choiceButton(clip(tp.Title, 60), tp.ID, lang, offer))
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

// readLine shows the text read in a picture question, so the asker can tell what was checked
// (or misread); "" for a typed question. It is quoted like any asker's text: no link, no ping.
func readLine(ans bot.Answer, t *texts) string {
	if ans.Input == nil || ans.Input.Kind != bot.InputImage || ans.Input.Text == "" {
		return ""
	}
	return "🖼 <i>" + esc(t.PictureRead) + "</i> “" + quote(ans.Input.Text) + "”"
}

// text is a reply of one plain sentence.
func text(s string) reply { return reply{blocks: []string{esc(s)}} }

// The actions a button carries in its callback data. Most are "<action>:<myth>:<lang>"; a myth
// chosen from an offer (suggestions, an answer's alternatives, or topics after an abstention) is
// "x:<myth>:<lang>:<offer>",
// and "None of these" is "d:<lang>:<offer>", the offer empty when the core keeps none. With a
// 12-character offer and a 3-letter language, a myth id of up to 46 bytes fits the 64-byte limit.
const (
	actFull       = 'f'
	actSources    = 's'
	actExplain    = 'x'
	actOriginal   = 'o'
	actHelpful    = 'h'
	actNotHelpful = 'n'
	actDecline    = 'd'
)

// maxCallbackData is Telegram's limit on callback data, in bytes.
const maxCallbackData = 64

func button(label string, act byte, myth, lang string) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData(label, string(act)+":"+myth+":"+lang)
}

// choiceButton answers myth and, when offer is not "", tells the core it was chosen for the
// offered question. Should the offer make the data too long (a long myth id), the button still
// answers, without teaching the curator.
func choiceButton(label, myth, lang, offer string) tgbotapi.InlineKeyboardButton {
	b := button(label, actExplain, myth, lang)
	if offer != "" && len(*b.CallbackData)+1+len(offer) <= maxCallbackData {
		*b.CallbackData += ":" + offer
	}
	return b
}

// noneButton is "None of these" for the question behind offer.
func noneButton(label, lang, offer string) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData("✖ "+label, string(actDecline)+":"+lang+":"+offer)
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

// callback is a button's callback data, read back.
type callback struct {
	act  byte
	myth string
	lang string
	// offer names the question a myth was chosen for, or declined; "" for none.
	offer string
}

var (
	// mythIDPattern is the fact base's rule for myth ids; offerPattern the core's offer tokens
	// (9 random bytes in unpadded base64url); langPattern a language code or nothing.
	mythIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	offerPattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{12}$`)
	langPattern   = regexp.MustCompile(`^[a-z]{0,3}$`)
)

// parseData reads a button's callback data; it comes back from the client, so it is checked.
// The formats that carry an offer are checked field by field, so that forged data never reaches
// the core's offers; the older three-field format is kept as it was (the core refuses an unknown
// myth, and the language is checked against the base's).
func parseData(s string) (callback, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 4 || len(parts[0]) != 1 {
		return callback{}, false
	}
	act := parts[0][0]
	switch {
	case act == actDecline && len(parts) == 3:
		lang, offer := parts[1], parts[2]
		if !langPattern.MatchString(lang) || offer != "" && !offerPattern.MatchString(offer) {
			return callback{}, false
		}
		return callback{act: act, lang: lang, offer: offer}, true
	case act == actExplain && len(parts) == 4:
		if !mythIDPattern.MatchString(parts[1]) || !langPattern.MatchString(parts[2]) || !offerPattern.MatchString(parts[3]) {
			return callback{}, false
		}
		return callback{act: act, myth: parts[1], lang: parts[2], offer: parts[3]}, true
	case len(parts) == 3 && parts[1] != "":
		switch act {
		case actFull, actSources, actExplain, actOriginal, actHelpful, actNotHelpful:
			return callback{act: act, myth: parts[1], lang: parts[2]}, true
		}
	}
	return callback{}, false
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
