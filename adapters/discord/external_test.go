package discord_test

import (
	"encoding/json"
	"strings"
	"testing"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/adapters/factcheck"
	"factline/adapters/factcheck/factchecktest"
	"factline/bot"
	"factline/facts/factstest"
)

const apiKey = "AIzaSy-discord-test"

// uncovered is a claim the built-in base does not cover, which the fake API's review is about.
const uncovered = "Lyon gave every asylum seeker a free electric car"

// externalBot is the real core over the built-in base whose live lookup asks a fake Fact Check
// Tools API that knows one review, with texts that would ping, link and format.
func externalBot(t *testing.T) *bot.Bot {
	t.Helper()
	fake := factchecktest.New(apiKey, factchecktest.Claim{
		Text: "The city of Lyon gave every asylum seeker a free electric car, @everyone see **https://lyon-cars.example/proof**",
		ClaimReview: []factchecktest.Review{{Publisher: factchecktest.Publisher{Name: "AFP *Fact* Check", Site: "factcheck.afp.com"},
			URL: "https://factcheck.afp.com/lyon-(cars)", ReviewDate: "2025-04-29T09:00:00Z", TextualRating: "Pants on Fire", LanguageCode: "en"}},
	})
	t.Cleanup(fake.Close)
	lookup, err := factcheck.New(factcheck.Options{APIKey: apiKey, Endpoint: fake.Endpoint()})
	if err != nil {
		t.Fatal(err)
	}
	return bot.New(bot.Options{Matcher: factstest.Index(t), Lookup: lookup})
}

// linkButtons are the URLs of a message's link buttons, and every other component's custom id.
func linkButtons(t *testing.T, raw []byte) (urls, others []string) {
	t.Helper()
	var p struct {
		Data struct {
			Components []struct {
				Components []struct {
					Style    int    `json:"style"`
					URL      string `json:"url"`
					CustomID string `json:"custom_id"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
		Components []struct {
			Components []struct {
				Style    int    `json:"style"`
				URL      string `json:"url"`
				CustomID string `json:"custom_id"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	rows := append(p.Data.Components, p.Components...)
	for _, r := range rows {
		for _, c := range r.Components {
			if c.Style == 5 {
				urls = append(urls, c.URL)
			} else {
				others = append(others, c.CustomID)
			}
		}
	}
	return urls, others
}

// checkExternal checks an external answer's embed and components.
func checkExternal(t *testing.T, p payload, raw []byte) {
	t.Helper()
	if len(p.Embeds) != 1 {
		t.Fatalf("embeds = %+v", p.Embeds)
	}
	e := p.Embeds[0]
	if e.Title != `Checked by AFP \*Fact\* Check, not by us` || e.URL != "https://factcheck.afp.com/lyon-(cars)" {
		t.Errorf("title %q, url %q", e.Title, e.URL)
	}
	if p.field("Verdict") != "False" || p.field("Reviewed") != "2025-04-29" {
		t.Errorf("fields %+v", e.Fields)
	}
	claim := p.field("Claim")
	if !strings.Contains(claim, `\@everyone`) || !strings.Contains(claim, `\*\*https\://lyon\-cars.example/proof\*\*`) {
		t.Errorf("the reviewed claim is not escaped: %q", claim)
	}
	if want := `AFP \*Fact\* Check reviewed a similar claim on 2025\-04\-29 and rated it: Pants on Fire.`; e.Description != want {
		t.Errorf("description %q, want %q", e.Description, want)
	}
	if p.sources() != 0 || strings.Contains(string(raw), "Sources") {
		t.Errorf("an external answer lists sources of ours")
	}
	urls, others := linkButtons(t, raw)
	if len(urls) != 1 || urls[0] != "https://factcheck.afp.com/lyon-(cars)" || len(others) != 0 {
		t.Errorf("link buttons %q, other components %q: want only the review's link", urls, others)
	}
	checkNoMentions(t, p.AllowedMentions)
}

func TestExternalSlash(t *testing.T) {
	fake := start(t, externalBot(t), discord.Options{AppID: "100000000000000001", PublicURL: "https://factline.example"})
	for _, private := range []bool{false, true} {
		id := "5001"
		if private {
			id = "5002"
		}
		fake.Dispatch(t, "INTERACTION_CREATE", slash(id, uncovered, private))
		r := fake.WaitPath(t, "POST", callbackPath(id))
		var cb callback
		r.Decode(t, &cb)
		checkExternal(t, cb.Data, r.Body)
		if got := cb.Data.Flags&64 != 0; got != private {
			t.Errorf("ephemeral = %v, want %v", got, private)
		}
		if strings.Contains(string(r.Body), "factline.example/myths") {
			t.Errorf("an external answer links a myth's permalink")
		}
	}
}

func TestExternalMessageCommandAndMention(t *testing.T) {
	fake := start(t, externalBot(t), discord.Options{AppID: "100000000000000001"})
	fake.Dispatch(t, "INTERACTION_CREATE", interaction("5003", 2, map[string]any{"id": "602", "name": "Fact-check this message", "type": 3, "target_id": "801",
		"resolved": map[string]any{"messages": map[string]any{"801": map[string]any{
			"id": "801", "channel_id": channelID, "content": uncovered + "!!", "author": map[string]any{"id": "999", "username": "poster"},
		}}}}))
	r := fake.Wait(t, "the reply under 801", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), `"message_id":"801"`)
	})
	var p payload
	r.Decode(t, &p)
	checkExternal(t, p, r.Body)

	botUser := map[string]any{"id": fake.BotID, "username": "factline", "bot": true}
	fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": "3100", "channel_id": channelID, "guild_id": guildID,
		"content": "<@" + fake.BotID + "> " + uncovered, "author": map[string]any{"id": userID, "username": "asker"}, "mentions": []any{botUser}})
	r = fake.Wait(t, "the reply to 3100", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), `"message_id":"3100"`)
	})
	p = payload{}
	r.Decode(t, &p)
	checkExternal(t, p, r.Body)
}
