package discord

import (
	"context"
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

// Component custom ids: "fl:<action>:<myth>:<lang>" for an answer's buttons and language menu,
// "fl:myth[:p]" for a menu of myths ("p": its answer stays private), "fl:topic:<p|o>:<n>:<offer>"
// for the n-th menu of topics, or of an answer's alternatives, offered for a question the core
// keeps, and for the buttons of suggestions "fl:pick:<p|o>:<lang>:<myth>:<offer>" ("p": private,
// "o": open) and "fl:none:<offer>", where offer is the core's token for the question (possibly
// empty). Myth ids, language codes and offers contain no colon. Discord sends a custom id back
// as it was given, but an event can be forged: the parts are checked before they reach the core.
const (
	actFull      = "full"
	actHelpful   = "yes"
	actUnhelpful = "no"
	actLang      = "lang"
	actMyth      = "myth"
	actPick      = "pick"
	actNone      = "none"
	actTopic     = "topic"
)

// The shapes of the parts of a suggestion's custom id: a myth id as the fact base allows it, a
// language code, and an offer token (URL-safe base64).
var (
	mythIDPart = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langPart   = regexp.MustCompile(`^([a-z]{2,3}(-[A-Za-z0-9]{2,8})?)?$`)
	offerPart  = regexp.MustCompile(`^[A-Za-z0-9_-]{0,64}$`)
	menuIndex  = regexp.MustCompile(`^[0-9]$`)
)

// pickID is the custom id of the button that chooses a suggested myth, or "" when the myth's id
// is too long for one. An offer that would not fit is left out: the choice is then answered but
// not kept for the curator.
func pickID(private bool, lang, myth, offer string) string {
	vis := "o"
	if private {
		vis = "p"
	}
	if !langPart.MatchString(lang) {
		lang = ""
	}
	id := "fl:" + actPick + ":" + vis + ":" + lang + ":" + myth + ":"
	if len(id) > maxCustomID {
		return ""
	}
	if len(id)+len(offer) <= maxCustomID && offerPart.MatchString(offer) {
		id += offer
	}
	return id
}

// topicMenuID is the custom id of the k-th menu of topics offered for a question, "" without an
// offer (or with one that would not fit), when the menu is a plain one (mythMenuID).
func topicMenuID(private bool, k int, offer string) string {
	vis := "o"
	if private {
		vis = "p"
	}
	id := "fl:" + actTopic + ":" + vis + ":" + strconv.Itoa(k) + ":" + offer
	if offer == "" || len(id) > maxCustomID || !offerPart.MatchString(offer) {
		return ""
	}
	return id
}

// noneID is the custom id of the button that declines every suggestion.
func noneID(offer string) string {
	id := "fl:" + actNone + ":"
	if len(id)+len(offer) <= maxCustomID && offerPart.MatchString(offer) {
		id += offer
	}
	return id
}

// pick is a suggestion's custom id, read back.
type pick struct {
	private           bool
	lang, myth, offer string
}

// parsePick reads the parts of "fl:pick:..." (split on colons), refusing any that pickID could
// not have made.
func parsePick(parts []string) (pick, bool) {
	if len(parts) != 6 || (parts[2] != "p" && parts[2] != "o") || len(strings.Join(parts, ":")) > maxCustomID ||
		!langPart.MatchString(parts[3]) || !mythIDPart.MatchString(parts[4]) || !offerPart.MatchString(parts[5]) {
		return pick{}, false
	}
	return pick{private: parts[2] == "p", lang: parts[3], myth: parts[4], offer: parts[5]}, true
}

func actionID(action, myth, lang string) string { return "fl:" + action + ":" + myth + ":" + lang }

func mythMenuID(private bool) string {
	if private {
		return "fl:" + actMyth + ":p"
	}
	return "fl:" + actMyth
}

// onInteraction answers slash commands, the message command, buttons and menus. discordgo hands
// on an interaction even when it failed to decode it, so every field read here may be missing or
// of the wrong type: each is checked, and a panic is recovered rather than taking the process down.
func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return // "d": null
	}
	if !a.begin() {
		return
	}
	defer a.inflight.Done()
	ctx, cancel := context.WithTimeout(a.base, handlerTimeout)
	defer cancel()
	i := ic.Interaction
	defer a.recoverInteraction(ctx, i)
	var err error
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			err = a.respond(ctx, i, text(unreadable, true))
			break
		}
		switch data.Name {
		case cmdFactcheck:
			err = a.factcheck(ctx, i, data)
		case cmdMyths:
			err = a.respond(ctx, i, a.renderer(locale(i)).topics(a.bot.Topics(locale(i)), true, textsFor(locale(i)).MythsIntro, ""))
		case cmdCheckMessage:
			err = a.checkMessage(ctx, i, data)
		default:
			err = a.respond(ctx, i, text(textsFor(locale(i)).UnknownCommand, true))
		}
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			err = a.respond(ctx, i, text(unreadable, true))
			break
		}
		err = a.component(ctx, i, data)
	default:
		return // pings and autocomplete are not used
	}
	if err != nil {
		a.log.Warn("interaction not answered", "type", i.Type.String(), "err", redact(err))
	}
}

// unreadable answers an interaction whose data discordgo could not decode.
const unreadable = "Sorry, I couldn't read that request. Please try the command again."

// failed answers an interaction or a mention whose handling failed unexpectedly.
const failed = "Sorry, something went wrong on my side. Please try again in a moment."

// recoverInteraction, deferred, turns a panic in an interaction's handler into an error log with a
// stack (never the asker's text) and a polite private reply, so one event cannot stop the process.
// If the interaction was already answered, the reply fails and only the log remains.
func (a *Adapter) recoverInteraction(ctx context.Context, i *discordgo.Interaction) {
	r := recover()
	if r == nil {
		return
	}
	a.logPanic("INTERACTION_CREATE", i.Type.String(), r)
	if err := a.respond(ctx, i, text(failed, true)); err != nil {
		a.log.Warn("interaction not answered after a panic", "err", redact(err))
	}
}

// logPanic logs a recovered panic at error level with the event type and the stack. The panic
// value comes from our code or discordgo's type checks, never from an asker's text.
func (a *Adapter) logPanic(event, kind string, r any) {
	a.log.Error("handler panicked; event dropped", "event", event, "kind", kind, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
}

// stringOption and boolOption read an option's value whatever Discord (or a forged event) sent:
// a value of another type counts as absent, where discordgo's StringValue and BoolValue panic.
func stringOption(o *discordgo.ApplicationCommandInteractionDataOption) string {
	s, _ := o.Value.(string)
	return s
}

func boolOption(o *discordgo.ApplicationCommandInteractionDataOption) bool {
	b, _ := o.Value.(bool)
	return b
}

// factcheck answers /factcheck [claim:<text>] [picture:<file>] [private] [lang]. A picture is
// read as a message's attachment is (the same checks, "Reading the picture…" first); the claim
// typed with it is checked only if the picture has no text to check.
func (a *Adapter) factcheck(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	var claim, lang, pictureID string
	private := false
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Name {
		case "claim":
			claim = stringOption(o)
		case "picture":
			pictureID = stringOption(o) // the attachment's id; the attachment is in data.resolved
		case "lang":
			lang = stringOption(o)
		case "private":
			private = boolOption(o)
		}
	}
	pic, hasPicture := a.optionPicture(pictureID, data.Resolved)
	if !hasPicture && strings.TrimSpace(claim) == "" {
		return a.respond(ctx, i, text(textsFor(locale(i)).NoClaim, true))
	}
	a.log.Debug("question", "surface", "discord", "text", claim, "picture", hasPicture)
	produce := func(ctx context.Context) message {
		var (
			ans bot.Answer
			err error
		)
		if hasPicture {
			ans, err = a.askPictureOrText(ctx, i, pic, claim, lang)
		} else {
			ans, err = a.bot.Ask(ctx, a.request(i, claim, lang))
		}
		if err != nil {
			return a.refuse(locale(i), err)
		}
		return a.renderer(locale(i)).answer(ans, private)
	}
	if hasPicture && pic.refusal == "" {
		// A picture takes a second or two to read: say so at once, then edit in the answer.
		return a.replyReading(ctx, i, private, produce)
	}
	return a.reply(ctx, i, private, produce)
}

// checkMessage answers the "Fact-check this message" command as a reply under that message. The
// interaction itself is acknowledged privately, since an interaction response cannot be a reply.
func (a *Adapter) checkMessage(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	pic, hasPicture := a.pictureOf(target)
	if target == nil || strings.TrimSpace(target.Content) == "" && !hasPicture {
		return a.respond(ctx, i, text(textsFor(locale(i)).NoText, true))
	}
	a.log.Debug("question", "surface", "discord", "text", target.Content, "picture", hasPicture)
	produce := func(ctx context.Context) message {
		ans, err := a.askMessage(ctx, i, target, target.Content)
		if err != nil {
			return a.refuse(locale(i), err)
		}
		if ans.Body == nil {
			return a.renderer(locale(i)).answer(ans, true) // no public "I don't know" under someone's message
		}
		ref := &discordgo.MessageReference{MessageID: target.ID, ChannelID: i.ChannelID, GuildID: i.GuildID, FailIfNotExists: new(false)}
		if _, err := a.s.ChannelMessageSendComplex(i.ChannelID, a.renderer(locale(i)).answer(ans, false).send(ref), discordgo.WithContext(ctx)); err != nil {
			a.log.Warn("reply under the message failed; answering privately", "err", redact(err))
			m := a.renderer(locale(i)).answer(ans, true)
			m.content = textsFor(locale(i)).CannotPost
			return m
		}
		return text(textsFor(locale(i)).AnsweredUnder, true)
	}
	if hasPicture && pic.refusal == "" {
		// A picture takes a second or two to read: say so at once, then edit in the answer.
		return a.replyReading(ctx, i, true, produce)
	}
	return a.reply(ctx, i, true, produce)
}

// component handles a button press or a menu choice on one of the bot's messages.
func (a *Adapter) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) error {
	parts := strings.Split(data.CustomID, ":")
	if len(parts) < 2 || parts[0] != "fl" {
		return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
	}
	value := ""
	if len(data.Values) > 0 {
		value = data.Values[0]
	}
	switch parts[1] {
	case actMyth:
		private := len(parts) > 2 && parts[2] == "p"
		return a.reply(ctx, i, private, func(ctx context.Context) message { return a.explain(ctx, i, value, locale(i), "", private, false) })
	case actPick:
		p, ok := parsePick(parts)
		if !ok {
			return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
		}
		lang := p.lang
		if lang == "" {
			lang = locale(i)
		}
		return a.reply(ctx, i, p.private, func(ctx context.Context) message { return a.explain(ctx, i, p.myth, lang, p.offer, p.private, false) })
	case actTopic:
		if len(parts) != 5 || (parts[2] != "p" && parts[2] != "o") || len(data.CustomID) > maxCustomID ||
			!menuIndex.MatchString(parts[3]) || !offerPart.MatchString(parts[4]) || !mythIDPart.MatchString(value) {
			return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
		}
		private, offer := parts[2] == "p", parts[4]
		return a.reply(ctx, i, private, func(ctx context.Context) message { return a.explain(ctx, i, value, locale(i), offer, private, false) })
	case actNone:
		if len(parts) != 3 || len(data.CustomID) > maxCustomID || !offerPart.MatchString(parts[2]) {
			return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
		}
		if err := a.bot.Decline(ctx, parts[2], a.request(i, "", locale(i))); err != nil {
			return a.respond(ctx, i, a.refuse(locale(i), err))
		}
		return a.respond(ctx, i, text(textsFor(locale(i)).ThanksNone, true))
	}
	if len(parts) != 4 {
		return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
	}
	myth, lang := parts[2], parts[3]
	switch parts[1] {
	case actFull:
		return a.reply(ctx, i, true, func(ctx context.Context) message { return a.explain(ctx, i, myth, lang, "", true, true) })
	case actLang:
		return a.reply(ctx, i, true, func(ctx context.Context) message { return a.explain(ctx, i, myth, value, "", true, false) })
	case actHelpful, actUnhelpful:
		helpful := parts[1] == actHelpful
		req := a.request(i, "", lang) // the rate limits' keys: votes are limited like questions
		if err := a.bot.Feedback(ctx, bot.Feedback{MythID: myth, Helpful: helpful, Surface: bot.SurfaceDiscord, Lang: lang, User: req.User, Chat: req.Chat}); err != nil {
			return a.respond(ctx, i, a.refuse(locale(i), err))
		}
		thanks := textsFor(locale(i)).ThanksHelpful
		if !helpful {
			thanks = textsFor(locale(i)).ThanksNot
		}
		return a.respond(ctx, i, text(thanks, true))
	}
	return a.respond(ctx, i, text(textsFor(locale(i)).Unsupported, true))
}

// explain renders a chosen myth: its answer, or its full answer. offer is the core's token for
// the question the myth was chosen for, "" when it was not chosen from an offer.
func (a *Adapter) explain(ctx context.Context, i *discordgo.Interaction, myth, lang, offer string, private, full bool) message {
	req := a.request(i, "", lang)
	req.Offer = offer
	ans, err := a.bot.Explain(ctx, myth, req)
	if err != nil {
		return a.refuse(locale(i), err)
	}
	if full {
		return a.renderer(locale(i)).full(ans)
	}
	return a.renderer(locale(i)).answer(ans, private)
}

// reply answers an interaction with what produce makes. If produce takes longer than deferAfter,
// the interaction is deferred first (Discord allows 3 s) and the answer follows up.
func (a *Adapter) reply(ctx context.Context, i *discordgo.Interaction, private bool, produce func(context.Context) message) error {
	done := make(chan message, 1)
	go func() { // ends when produce does; the channel's buffer lets it end unread
		defer func() {
			if r := recover(); r != nil {
				a.logPanic("INTERACTION_CREATE", i.Type.String(), r)
				done <- text(failed, true)
			}
		}()
		done <- produce(ctx)
	}()
	if a.deferAfter > 0 {
		t := time.NewTimer(a.deferAfter)
		defer t.Stop()
		select {
		case m := <-done:
			return a.respond(ctx, i, m)
		case <-t.C:
		}
	}
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{}}
	if private {
		deferred.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	if err := a.s.InteractionRespond(i, deferred, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("defer the response: %w", err)
	}
	m := <-done
	// The first follow-up after a deferral takes the deferred message's place, and its visibility.
	if _, err := a.s.FollowupMessageCreate(i, true, m.webhook(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("follow up: %w", err)
	}
	return nil
}

func (a *Adapter) respond(ctx context.Context, i *discordgo.Interaction, m message) error {
	if err := a.s.InteractionRespond(i, m.response(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("respond: %w", err)
	}
	return nil
}

// refuse renders an error from the bot core, logging those that are ours.
func (a *Adapter) refuse(locale string, err error) message {
	if bot.ErrorCode(err) == bot.CodeInternal {
		a.log.Error("answer failed", "err", err)
	}
	return a.renderer(locale).refusal(err)
}

// secretPath matches the interaction token in REST paths, which errors from discordgo quote.
var secretPath = regexp.MustCompile(`((?:interactions/\d+|webhooks/\d+)/)[^/\s"?]+`)

// redact is an error's message without the interaction tokens it may quote: they let whoever
// holds them answer as the bot for 15 minutes, so they stay out of logs.
func redact(err error) string {
	return secretPath.ReplaceAllString(err.Error(), "${1}[token]")
}

// mention matches a mention of a user: <@id> or <@!id>.
var mention = regexp.MustCompile(`<@!?(\d+)>`)

// onMessage answers a message that mentions the bot, or any message in a direct conversation.
// Mentioning the bot in reply to a message checks the message replied to, and answers under it.
func (a *Adapter) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	m := mc.Message
	if m == nil || m.Author == nil || m.Author.Bot || m.WebhookID != "" || !a.mentioned(m) {
		return
	}
	if !a.begin() {
		return
	}
	defer a.inflight.Done()
	ctx, cancel := context.WithTimeout(a.base, handlerTimeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			a.logPanic("MESSAGE_CREATE", "mention", r)
			if _, err := a.s.ChannelMessageSendComplex(m.ChannelID, text(failed, false).send(&discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: new(false)}), discordgo.WithContext(ctx)); err != nil {
				a.log.Warn("reply to a mention failed after a panic", "err", redact(err))
			}
		}
	}()
	claim := strings.TrimSpace(mention.ReplaceAllStringFunc(m.Content, func(s string) string {
		if mention.FindStringSubmatch(s)[1] == a.botID {
			return ""
		}
		return s
	}))
	target := m
	_, hasPicture := a.pictureOf(m)
	if ref := m.ReferencedMessage; claim == "" && !hasPicture && ref != nil {
		if _, refPicture := a.pictureOf(ref); refPicture || strings.TrimSpace(ref.Content) != "" {
			target, claim, hasPicture = ref, ref.Content, refPicture
		}
	}
	var out message
	if claim == "" && !hasPicture {
		out = text(english.MentionHelp, false) // a message carries no locale
	} else {
		a.log.Debug("question", "surface", "discord", "text", claim, "picture", hasPicture)
		if hasPicture {
			// "factline is typing…" while the picture is read; only a nicety if it fails.
			if err := a.s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx)); err != nil {
				a.log.Debug("no typing indicator", "err", redact(err))
			}
		}
		ans, err := a.askMessage(ctx, &discordgo.Interaction{GuildID: m.GuildID, ChannelID: m.ChannelID, User: m.Author}, target, claim)
		if err != nil {
			out = a.refuse("", err)
		} else {
			out = a.renderer(ans.Lang).answer(ans, false) // a message carries no locale: the text's language
		}
	}
	ref := &discordgo.MessageReference{MessageID: target.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: new(false)}
	if _, err := a.s.ChannelMessageSendComplex(m.ChannelID, out.send(ref), discordgo.WithContext(ctx)); err != nil {
		a.log.Warn("reply to a mention failed", "err", redact(err))
	}
}

func (a *Adapter) mentioned(m *discordgo.Message) bool {
	if m.GuildID == "" {
		return true
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == a.botID {
			return true
		}
	}
	return false
}

// request builds the bot request of an interaction or message. The keys are opaque to the bot:
// a user, and the server (or the channel outside servers) for the per-guild rate limit.
func (a *Adapter) request(i *discordgo.Interaction, text, lang string) bot.Request {
	req := bot.Request{Text: text, Lang: lang, Surface: bot.SurfaceDiscord}
	if i.GuildID != "" {
		req.Chat = "discord:guild:" + i.GuildID
	} else {
		req.Chat = "discord:channel:" + i.ChannelID
	}
	if u := userOf(i); u != nil {
		req.User = "discord:" + u.ID
	}
	return req
}

func userOf(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

// locale is the asker's client language, for answers to menus where there is no text to detect it from.
func locale(i *discordgo.Interaction) string { return string(i.Locale) }

// renderer renders for an asker whose client speaks locale ("" for English).
func (a *Adapter) renderer(locale string) renderer {
	return renderer{publicURL: a.opts.PublicURL, langs: a.bot.LanguageWords(), t: textsFor(locale), maxPicture: a.maxPicture()}
}
