package telegram

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// command is one of the bot's commands: its name and aliases, what it does, and whether the
// menu lists it (described by texts.Menu[name] in each language).
type command struct {
	name    string
	aliases []string
	menu    bool
	run     func(a *Adapter, ctx context.Context, m *message, arg string) error
}

// commands is the one list of the bot's commands: the routing of a "/name", Telegram's command
// menu (setMyCommands) and the list in /help are all made from it. It is set in init because
// /help lists it, which would make a cycle of a plain initializer.
var commands []command

func init() {
	commands = []command{
		{name: "check", aliases: []string{"factcheck"}, menu: true, run: (*Adapter).check},
		{name: "myths", menu: true, run: func(a *Adapter, ctx context.Context, m *message, _ string) error { return a.myths(ctx, m) }},
		{name: "lang", menu: true, run: (*Adapter).setLang},
		{name: "help", aliases: []string{"start"}, menu: true, run: func(a *Adapter, ctx context.Context, m *message, _ string) error { return a.help(ctx, m) }},
		// For group admins only: not in the menu everyone sees.
		{name: "auto", run: (*Adapter).setAuto},
	}
}

// findCommand returns the command called name, or by an alias of it.
func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
		for _, alias := range c.aliases {
			if alias == name {
				return c, true
			}
		}
	}
	return command{}, false
}

// menu is the command menu in t's language.
func menu(t *texts) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range commands {
		if c.menu {
			out = append(out, tgbotapi.BotCommand{Command: c.name, Description: t.Menu[c.name]})
		}
	}
	return out
}

// helpCommands is the command menu as lines of /help, escaped.
func helpCommands(t *texts) string {
	lines := []string{"<b>" + esc(t.Commands) + "</b>"}
	for _, c := range menu(t) {
		lines = append(lines, "/"+c.Command+" — "+esc(c.Description))
	}
	return strings.Join(lines, "\n")
}

// setCommands publishes the command menu in each language the adapter speaks, the default
// language's for everyone else.
func (a *Adapter) setCommands(ctx context.Context) error {
	for lang, t := range allTexts {
		p := tgbotapi.Params{}
		if err := p.AddInterface("commands", menu(t)); err != nil {
			return fmt.Errorf("encode the %s command menu: %w", lang, err)
		}
		if lang != bot.DefaultLang {
			p["language_code"] = lang
		}
		if _, err := a.api.call(ctx, "setMyCommands", p); err != nil {
			return fmt.Errorf("set the %s command menu: %w", lang, err)
		}
	}
	return nil
}
