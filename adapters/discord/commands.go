package discord

import (
	"github.com/bwmarrin/discordgo"
)

// Command names as registered; the message command's name is what members see in the Apps menu.
const (
	cmdFactcheck    = "factcheck"
	cmdMyths        = "myths"
	cmdCheckMessage = "Fact-check this message"
)

// maxClaim is the longest claim the slash command accepts, the bot core's default limit.
const maxClaim = 2000

// commands returns the full command set. Registering it with a bulk overwrite replaces whatever
// was registered before, so registration is idempotent and removes renamed commands.
func commands(langs []string) []*discordgo.ApplicationCommand {
	factcheck := &discordgo.ApplicationCommand{
		Name:        cmdFactcheck,
		Type:        discordgo.ChatApplicationCommand,
		Description: "Check a claim about immigration against a curated, sourced fact base",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "claim", Description: "The claim or question, e.g. \"immigrants take our jobs\"", Required: true, MaxLength: maxClaim},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer only to you"},
		},
	}
	if len(langs) > 1 {
		lang := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "lang", Description: "Answer in this language"}
		for _, l := range langs[:min(len(langs), maxChoices)] {
			lang.Choices = append(lang.Choices, &discordgo.ApplicationCommandOptionChoice{Name: langName(l), Value: l})
		}
		factcheck.Options = append(factcheck.Options, lang)
	}
	return []*discordgo.ApplicationCommand{
		factcheck,
		{Name: cmdMyths, Type: discordgo.ChatApplicationCommand, Description: "List the myths factline answers, and post one's answer"},
		{Name: cmdCheckMessage, Type: discordgo.MessageApplicationCommand},
	}
}

// maxChoices is Discord's limit on the choices of an option and the options of a select menu.
const maxChoices = 25

// langNames are the names of the languages the built-in base is written in, in themselves.
var langNames = map[string]string{"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch", "it": "Italiano", "pt": "Português", "ar": "العربية", "uk": "Українська"}

func langName(l string) string {
	if n, ok := langNames[l]; ok {
		return n
	}
	return l
}
