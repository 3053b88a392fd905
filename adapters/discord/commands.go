package discord

import (
	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

// Command names as registered; the message command's name is what members see in the Apps menu.
const (
	cmdFactcheck    = "factcheck"
	cmdMyths        = "myths"
	cmdCheckMessage = "Fact-check this message"
)

// maxClaim is the longest claim the slash command accepts, the bot core's default limit.
const maxClaim = 2000

// commands returns the full command set, described in each language the adapter speaks; langs
// are the fact base's languages, offered as the lang option's choices. Registering it with a bulk
// overwrite replaces whatever was registered before, so registration is idempotent and removes
// renamed commands.
func commands(langs []bot.Words) []*discordgo.ApplicationCommand {
	factcheck := &discordgo.ApplicationCommand{
		Name:                     cmdFactcheck,
		Type:                     discordgo.ChatApplicationCommand,
		Description:              english.CmdFactcheck,
		DescriptionLocalizations: localized(func(t *texts) string { return t.CmdFactcheck }),
		Options: []*discordgo.ApplicationCommandOption{
			// Neither the claim nor the picture is required: either will do, or both (the picture is
			// read, and the claim checked if it has no text to check).
			{Type: discordgo.ApplicationCommandOptionString, Name: "claim", MaxLength: maxClaim,
				Description: english.OptClaim, DescriptionLocalizations: *localized(func(t *texts) string { return t.OptClaim })},
			{Type: discordgo.ApplicationCommandOptionAttachment, Name: "picture",
				Description: english.OptPicture, DescriptionLocalizations: *localized(func(t *texts) string { return t.OptPicture })},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private",
				Description: english.OptPrivate, DescriptionLocalizations: *localized(func(t *texts) string { return t.OptPrivate })},
		},
	}
	if len(langs) > 1 {
		lang := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "lang",
			Description: english.OptLang, DescriptionLocalizations: *localized(func(t *texts) string { return t.OptLang })}
		for _, l := range langs[:min(len(langs), maxChoices)] {
			lang.Choices = append(lang.Choices, &discordgo.ApplicationCommandOptionChoice{Name: l.Language, Value: l.Lang})
		}
		factcheck.Options = append(factcheck.Options, lang)
	}
	return []*discordgo.ApplicationCommand{
		factcheck,
		{Name: cmdMyths, Type: discordgo.ChatApplicationCommand, Description: english.CmdMyths,
			DescriptionLocalizations: localized(func(t *texts) string { return t.CmdMyths })},
		{Name: cmdCheckMessage, Type: discordgo.MessageApplicationCommand},
	}
}

// discordLocales are the Discord locales each of the adapter's languages is shown to.
var discordLocales = map[string][]discordgo.Locale{
	"fr": {discordgo.French},
	"es": {discordgo.SpanishES, discordgo.SpanishLATAM},
}

// localized is a command text in every language the adapter speaks but English, its default.
func localized(text func(*texts) string) *map[discordgo.Locale]string {
	out := map[discordgo.Locale]string{}
	for lang, locales := range discordLocales {
		for _, l := range locales {
			out[l] = text(allTexts[lang])
		}
	}
	return &out
}

// maxChoices is Discord's limit on the choices of an option and the options of a select menu.
const maxChoices = 25
