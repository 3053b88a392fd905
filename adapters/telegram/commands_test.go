package telegram_test

import (
	"strings"
	"testing"

	"factline/adapters/telegram/telegramtest"
)

// TestCommandRegistry: in each language, the menu published with setMyCommands lists commands the
// dispatcher routes (each gets its own reply, not the help that answers an unknown command), and
// /help lists the same commands with the same descriptions.
func TestCommandRegistry(t *testing.T) {
	h := start(t, setup{})
	h.fake.Wait(t, "getUpdates", nil)
	menus := map[string][]struct{ Command, Description string }{}
	for _, c := range h.fake.Calls("setMyCommands") {
		var cmds []struct{ Command, Description string }
		if err := c.JSON("commands", &cmds); err != nil {
			t.Fatal(err)
		}
		menus[c.Params["language_code"]] = cmds
	}
	for _, code := range []string{"", "fr", "es"} {
		if len(menus[code]) == 0 {
			t.Fatalf("no menu for language %q; menus %v", code, menus)
		}
	}
	id := 0
	ask := func(code, text string) string {
		id++
		l := code
		if l == "" {
			l = "en"
		}
		h.fake.Push(message(privateChat, id, alice, text, lang(l)))
		return plain(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, id)))
	}
	for code, menu := range menus {
		t.Run("lang="+code, func(t *testing.T) {
			help := ask(code, "/help")
			if unknown := ask(code, "/nosuchcommand"); unknown != help {
				t.Fatalf("an unknown command gets %q, want the help", unknown)
			}
			for _, c := range menu {
				if c.Description == "" || len(c.Description) > 256 {
					t.Errorf("/%s: description %q, want 1 to 256 characters", c.Command, c.Description)
				}
				if !strings.Contains(help, "/"+c.Command+" ") || !strings.Contains(help, c.Description) {
					t.Errorf("the help does not list /%s with its menu description %q:\n%s", c.Command, c.Description, help)
				}
				if c.Command == "help" {
					continue
				}
				if got := ask(code, "/"+c.Command); got == help {
					t.Errorf("/%s is in the menu but the dispatcher does not route it (it got the help)", c.Command)
				}
			}
			if code != "" && menu[0].Description == menus[""][0].Description {
				t.Errorf("the %s menu is in English: %q", code, menu[0].Description)
			}
		})
	}
	_ = telegramtest.Token
}
