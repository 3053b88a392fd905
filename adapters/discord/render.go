package discord

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

// message is a rendered reply, sendable as an interaction response, a follow-up or a channel message.
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	ephemeral  bool
}

// noMentions allows no mention at all: the JSON carries "parse": [], so neither @everyone, @here,
// roles nor users echoed from an asker's text can ping anyone, and replies do not ping their author.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (m message) flags() discordgo.MessageFlags {
	if m.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (m message) response() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: m.content, Embeds: m.embeds, Components: m.components, AllowedMentions: noMentions(), Flags: m.flags()},
	}
}

func (m message) webhook() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{Content: m.content, Embeds: m.embeds, Components: m.components, AllowedMentions: noMentions(), Flags: m.flags()}
}

func (m message) send(ref *discordgo.MessageReference) *discordgo.MessageSend {
	return &discordgo.MessageSend{Content: m.content, Embeds: m.embeds, Components: m.components, AllowedMentions: noMentions(), Reference: ref}
}

// text is a message of plain text of ours (never the asker's), kept within the content limit.
func text(s string, ephemeral bool) message {
	return message{content: cut(s, maxContent, "…"), ephemeral: ephemeral}
}

// renderer turns the bot's answers into Discord messages.
type renderer struct {
	// publicURL is the web page's base URL, "" when answers have no permalink.
	publicURL string
	// langs are the fact base's languages, offered in a menu under answers.
	langs []bot.Words
	// t are the adapter's words in the asker's language.
	t *texts
	// maxPicture is the largest picture read, in bytes, for the refusal of a larger one.
	maxPicture int64
}

// permalink is the web page of a myth in a language, "" without a public URL.
func (r renderer) permalink(mythID, lang string) string {
	if r.publicURL == "" {
		return ""
	}
	return strings.TrimSuffix(r.publicURL, "/") + "/myths/" + url.PathEscape(mythID) + "?lang=" + url.QueryEscape(lang)
}

// answer renders an answer: an embed with the claim, the verdict, the short rebuttal and the sources,
// and the buttons and menus to go further. Suggestions become buttons to choose from; an
// abstention becomes a menu of topics.
func (r renderer) answer(ans bot.Answer, private bool) message {
	if ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0 {
		return r.suggestions(ans, private)
	}
	if ans.External != nil && ans.Body != nil {
		return r.external(ans, private)
	}
	if ans.Body == nil || ans.Match == nil {
		return r.topics(ans.Topics, private, r.t.NoMatch, ans.Offer)
	}
	link := r.permalink(ans.Match.ID, ans.Body.Lang)
	e := r.frame(ans, link)
	switch {
	case ans.Input != nil && ans.Input.Kind == bot.InputImage:
		// The text read, scrubbed, so the asker sees what was checked (or misread).
		e.field(r.t.ReadInPicture, "“"+escape(ans.Input.Text)+"”", false)
	case ans.Query != "" && ans.Outcome != bot.Chosen:
		e.field(r.t.TextChecked, "“"+escape(ans.Query)+"”", false)
	}
	if ans.Outcome == bot.Ambiguous && len(ans.Alternatives) > 0 {
		claims := make([]string, 0, len(ans.Alternatives))
		for _, alt := range ans.Alternatives {
			claims = append(claims, "• "+escape(alt.Claim))
		}
		e.field(r.t.DidYouMean, strings.Join(claims, "\n"), false)
	}
	r.sources(e, ans, link)
	desc := escape(unwrap(ans.Body.Short))
	if ans.Body.Paraphrased {
		desc += "\n\n" + r.t.RephrasedShort
	}
	r.description(e, desc, link)
	return message{embeds: []*discordgo.MessageEmbed{e.MessageEmbed}, components: r.answerComponents(ans, link, private), ephemeral: private}
}

// external renders an answer taken from someone else's review: an embed titled with the label
// that says so, linking to the review, with the verdict its rating maps to, the claim it reviewed
// and the fixed text naming the fact-checker and its rating; one link button to the review. None
// of the curated answer's buttons apply: no full answer, no other language, no myth to rate.
func (r renderer) external(ans bot.Answer, private bool) message {
	rv, w := ans.External, ans.Words
	link := ""
	if u, err := url.Parse(rv.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(rv.URL) <= maxLinkURL {
		link = rv.URL
	}
	e := &embed{MessageEmbed: &discordgo.MessageEmbed{
		Type:   discordgo.EmbedTypeRich,
		Title:  cut(escape(w.ExternalLabel(rv.Publisher)), maxTitle, "…"),
		URL:    link,
		Color:  verdictColor(rv.Verdict),
		Footer: &discordgo.MessageEmbedFooter{Text: r.t.ExternalFooter},
	}}
	e.used = ulen(e.Title) + ulen(e.Footer.Text)
	e.field(w.Verdict, escape(w.ExternalVerdictLabel(rv.Verdict)), true)
	e.field(w.Reviewed, rv.ReviewDate, true)
	e.field(w.Claim, "“"+escape(unwrap(rv.Claim))+"”", false)
	if ans.Query != "" {
		e.field(r.t.TextChecked, "“"+escape(ans.Query)+"”", false)
	}
	r.description(e, escape(unwrap(ans.Body.Short)), "")
	m := message{embeds: []*discordgo.MessageEmbed{e.MessageEmbed}, ephemeral: private}
	if link != "" {
		m.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: r.t.ReadReview, Style: discordgo.LinkButton, URL: link},
		}}}
	}
	return m
}

// full renders the full rebuttal with every source, for the asker alone.
func (r renderer) full(ans bot.Answer) message {
	if ans.Body == nil || ans.Match == nil {
		return text(r.t.NoAnswer, true)
	}
	link := r.permalink(ans.Match.ID, ans.Body.Lang)
	e := r.frame(ans, link)
	if o := ans.Body.Original; ans.Body.Paraphrased && o != nil {
		e.field(fmt.Sprintf(r.t.Original, r.languageName(o.Lang)), escape(unwrap(o.Short)), false)
	}
	r.sources(e, ans, link)
	desc := escape(unwrap(ans.Body.Full))
	if ans.Body.Paraphrased {
		desc += "\n\n" + r.t.RephrasedFull
	}
	r.description(e, desc, link)
	m := message{embeds: []*discordgo.MessageEmbed{e.MessageEmbed}, ephemeral: true}
	if link != "" {
		m.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: r.t.OpenWeb, Style: discordgo.LinkButton, URL: link},
		}}}
	}
	return m
}

// frame starts the embed every answer shares: the claim as title, the verdict and review date.
func (r renderer) frame(ans bot.Answer, link string) *embed {
	e := &embed{MessageEmbed: &discordgo.MessageEmbed{
		Type:   discordgo.EmbedTypeRich,
		Title:  cut(escape(ans.Match.Claim), maxTitle, "…"),
		URL:    link,
		Color:  verdictColor(ans.Match.Verdict),
		Footer: &discordgo.MessageEmbedFooter{Text: r.t.Footer},
	}}
	e.used = ulen(e.Title) + ulen(e.Footer.Text)
	w := ans.Words
	e.field(w.Verdict, w.VerdictLabel(ans.Match.Verdict), true)
	e.field(w.Reviewed, ans.Body.Reviewed, true)
	return e
}

// suggestions asks "is it one of these?": the suggested claims, numbered, best first, then one
// button per suggestion (the number and the myth's title) and a "none of these" button. The
// buttons carry the answer's offer, so the core can keep the question with what was chosen.
func (r renderer) suggestions(ans bot.Answer, private bool) message {
	var lines []string
	var buttons []discordgo.MessageComponent
	for _, s := range ans.Suggestions {
		id := pickID(private, ans.Lang, s.ID, ans.Offer)
		if id == "" || len(buttons) == maxButtons-1 {
			continue
		}
		n := len(buttons) + 1
		lines = append(lines, fmt.Sprintf("**%d.** %s", n, escape(s.Claim)))
		buttons = append(buttons, discordgo.Button{Label: cut(fmt.Sprintf("%d. %s", n, s.Title), maxButtonLabel, "…"), Style: discordgo.PrimaryButton, CustomID: id})
	}
	if len(buttons) == 0 {
		return r.topics(ans.Topics, private, r.t.NoMatch, ans.Offer)
	}
	buttons = append(buttons, discordgo.Button{Label: r.t.NoneOfThese, Style: discordgo.SecondaryButton, CustomID: noneID(ans.Offer)})
	m := text(r.t.Suggest+"\n"+strings.Join(lines, "\n"), private)
	m.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	return m
}

// topics renders a menu of topics (split over several select menus past 25) with an intro line.
// offer, when not "", is the core's token for the question the topics are offered for: the menus
// carry it, so the myth chosen is kept with the question.
func (r renderer) topics(ts []bot.Topic, private bool, intro, offer string) message {
	m := text(intro, private)
	for len(ts) > 0 && len(m.components) < maxRows {
		n := min(len(ts), maxChoices)
		menu := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: mythMenuID(private), Placeholder: r.t.ChooseMyth}
		if len(m.components) > 0 {
			menu.Placeholder = r.t.MoreMyths
			// Custom ids must differ within a message.
			menu.CustomID += fmt.Sprintf(":%d", len(m.components))
		}
		if id := topicMenuID(private, len(m.components), offer); id != "" {
			menu.CustomID = id
		}
		for _, t := range ts[:n] {
			menu.Options = append(menu.Options, discordgo.SelectMenuOption{Label: cut(t.Title, maxLabel, "…"), Value: t.ID, Description: cut(t.Claim, maxLabel, "…")})
		}
		m.components = append(m.components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}})
		ts = ts[n:]
	}
	return m
}

func (r renderer) answerComponents(ans bot.Answer, link string, private bool) []discordgo.MessageComponent {
	id, lang := ans.Match.ID, ans.Body.Lang
	buttons := []discordgo.MessageComponent{
		discordgo.Button{Label: r.t.FullAnswer, Style: discordgo.PrimaryButton, CustomID: actionID(actFull, id, lang)},
		discordgo.Button{Label: r.t.Helpful, Style: discordgo.SuccessButton, CustomID: actionID(actHelpful, id, lang)},
		discordgo.Button{Label: r.t.NotHelpful, Style: discordgo.SecondaryButton, CustomID: actionID(actUnhelpful, id, lang)},
	}
	if link != "" {
		buttons = append(buttons, discordgo.Button{Label: r.t.OpenWeb, Style: discordgo.LinkButton, URL: link})
	}
	rows := []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	var others []discordgo.SelectMenuOption
	for _, l := range r.langs {
		if l.Lang != lang && len(others) < maxChoices {
			others = append(others, discordgo.SelectMenuOption{Label: l.Language, Value: l.Lang})
		}
	}
	if len(others) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
			MenuType: discordgo.StringSelectMenu, CustomID: actionID(actLang, id, lang), Placeholder: r.t.OtherLang, Options: others,
		}}})
	}
	if (ans.Outcome == bot.Ambiguous || ans.Outcome == bot.Matched) && len(ans.Alternatives) > 0 {
		// The menu of alternatives asks a question: "did you mean" after an ambiguous match, "not
		// this one?" after a sure one. It carries the answer's offer, as a menu of topics does,
		// so that the core learns which myth the question meant.
		menu := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: mythMenuID(private), Placeholder: r.t.OtherClaim}
		if ans.Outcome == bot.Matched {
			menu.Placeholder = r.t.NotThis
		}
		if id := topicMenuID(private, 0, ans.Offer); id != "" {
			menu.CustomID = id
		}
		for _, alt := range ans.Alternatives[:min(len(ans.Alternatives), maxChoices)] {
			menu.Options = append(menu.Options, discordgo.SelectMenuOption{Label: cut(alt.Claim, maxLabel, "…"), Value: alt.ID})
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}})
	}
	return rows
}

// embed is an embed under construction that keeps Discord's per-field, field-count and total limits.
type embed struct {
	*discordgo.MessageEmbed
	used int
}

// room is what is left of the embed's total allowance.
func (e *embed) room() int { return maxEmbedTotal - e.used }

// field adds a field, shortening its value to fit; it returns false when no field fits any more.
func (e *embed) field(name, value string, inline bool) bool {
	name = cut(name, maxFieldName, "…")
	room := min(maxFieldValue, e.room()-ulen(name))
	if len(e.Fields) >= maxFields || room < 20 || value == "" {
		return false
	}
	value = cut(value, room, "…")
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: inline})
	e.used += ulen(name) + ulen(value)
	return true
}

// sources lists the answer's sources as numbered links, over as many fields as needed; what does
// not fit is summed up with a pointer to the full answer (the permalink when there is one).
func (r renderer) sources(e *embed, ans bot.Answer, link string) {
	ss := ans.Sources
	lines := make([]string, 0, len(ss))
	for i, s := range ss {
		line := fmt.Sprintf("%d. [%s](%s) — %s", i+1, escape(s.Title), linkURL(s.URL), escape(s.Publisher))
		if s.Date != "" {
			line += ", " + s.Date
		}
		lines = append(lines, cut(line, maxFieldValue/2, "…"))
	}
	name := ans.Words.Sources
	for len(lines) > 0 {
		limit := min(maxFieldValue, e.room()-ulen(name))
		// The last field that fits must say what is left out.
		last := len(e.Fields) >= maxFields-1 || e.room()-limit < maxFieldValue
		n := 0
		for n < len(lines) && ulen(strings.Join(lines[:n+1], "\n")) <= limit {
			n++
		}
		value := strings.Join(lines[:n], "\n")
		if n < len(lines) && last {
			for n > 0 && ulen(strings.Join(lines[:n], "\n")+"\n"+r.moreSources(len(lines)-n, link)) > limit {
				n--
			}
			value = strings.TrimPrefix(strings.Join(lines[:n], "\n")+"\n"+r.moreSources(len(lines)-n, link), "\n")
			n = len(lines)
		}
		if n == 0 || !e.field(name, value, false) {
			return
		}
		lines = lines[n:]
		name = ans.Words.Sources + " " + r.t.Continued
	}
}

func (r renderer) moreSources(n int, link string) string {
	if link == "" {
		return fmt.Sprintf(r.t.MoreSources, n)
	}
	return fmt.Sprintf(r.t.MoreSourcesAt, n, link)
}

// description sets the description, shortened to fit what the fields left, with a link to the
// full answer when it had to be cut.
func (r renderer) description(e *embed, desc, link string) {
	tail := "…"
	if link != "" {
		tail = "… [" + r.t.ReadFull + "](" + link + ")"
	}
	e.Description = cut(desc, min(maxDescription, e.room()), tail)
	e.used += ulen(e.Description)
}

// linkURL makes a URL safe inside a markdown link's parentheses.
var linkURL = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace

func verdictColor(v string) int {
	switch v {
	case "false":
		return 0xD83C3E
	case "mostly-false":
		return 0xE67E22
	}
	return 0xF1C40F
}

// refusal tells the asker, politely, why there is no answer. Only messages the bot core made safe to
// show are shown; anything else is a generic apology.
func (r renderer) refusal(err error) message {
	var be *bot.Error
	switch bot.ErrorCode(err) {
	case bot.CodeRateLimited:
		if errors.As(err, &be) {
			return text(fmt.Sprintf(r.t.SlowDown, be.Message), true)
		}
	case bot.CodeInvalid, bot.CodeNotFound:
		if errors.As(err, &be) {
			return text(fmt.Sprintf(r.t.CannotAnswer, be.Message), true)
		}
	case bot.CodeTooLarge:
		return text(fmt.Sprintf(r.t.PictureTooLarge, max(r.maxPicture>>20, 1)), true)
	case bot.CodeUnsupported:
		return text(r.t.PictureUnsupported, true)
	case bot.CodeNoText:
		return text(r.t.PictureNoText, true)
	case bot.CodeUnavailable:
		// Pictures are off on this server, or too many are being read: either way, the text helps.
		return text(r.t.PictureUnavailable, true)
	}
	return text(r.t.Failed, true)
}

// languageName is a language's name in itself, as the fact base writes it.
func (r renderer) languageName(lang string) string {
	for _, w := range r.langs {
		if w.Lang == lang {
			return w.Language
		}
	}
	return lang
}
