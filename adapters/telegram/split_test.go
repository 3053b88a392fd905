package telegram

import (
	"strings"
	"testing"

	"factline/adapters/telegram/telegramtest"
	"factline/bot"
)

// TestFullReplySplits renders answers too long for one message and checks every message is valid
// Telegram HTML under the limit, cut between paragraphs when paragraphs fit, and that nothing is lost.
func TestFullReplySplits(t *testing.T) {
	para := func(n int) string { return strings.TrimSpace(strings.Repeat("Wages <rose> & rents fell. ", n)) }
	word := strings.Repeat("x&", 3000) // one "word" longer than a message
	tests := []struct {
		name       string
		paragraphs []string
		messages   int
	}{
		{"fits one message", []string{para(10), para(10)}, 1},
		{"paragraphs over two messages", []string{para(60), para(60), para(60)}, 2},
		{"one paragraph longer than a message", []string{para(400)}, 0},
		{"one word longer than a message", []string{word}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := bot.Answer{
				Outcome: bot.Matched,
				Match:   &bot.Match{ID: "m", Claim: "A <claim> & more", Verdict: "false"},
				Body:    &bot.Body{Full: strings.Join(tt.paragraphs, "\n\n"), Lang: "en", Reviewed: "2026-01-01"},
				Sources: []*bot.Source{{Title: "T </a>", Publisher: "P & Q", URL: `https://example.org/?a=1&b="2"`}},
			}
			msgs := pack(fullReply(ans).blocks, messageLimit)
			if tt.messages > 0 && len(msgs) != tt.messages {
				t.Errorf("%d messages, want %d", len(msgs), tt.messages)
			}
			var seen strings.Builder
			for i, m := range msgs {
				p, err := telegramtest.ParseHTML(m)
				if err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
				if n := telegramtest.Len16(p); n > messageLimit || n != len16(m) {
					t.Errorf("message %d is %d long; len16 counted %d", i, n, len16(m))
				}
				seen.WriteString(p)
			}
			all := strings.Join(strings.Fields(seen.String()), "")
			for _, p := range tt.paragraphs {
				if !strings.Contains(all, strings.Join(strings.Fields(p), "")) {
					t.Errorf("a paragraph was lost or cut inside a word")
				}
			}
			if tt.name == "paragraphs over two messages" && !strings.HasSuffix(strings.TrimSpace(msgs[0]), "rents fell.") {
				t.Errorf("first message does not end at a paragraph end: …%s", msgs[0][len(msgs[0])-40:])
			}
		})
	}
}

func TestCommandParsing(t *testing.T) {
	a := &Adapter{username: "FactlineBot"}
	tests := []struct {
		text, cmd, arg string
		ok             bool
	}{
		{"/check they take jobs", "check", "they take jobs", true},
		{"/check@FactlineBot they take jobs", "check", "they take jobs", true},
		{"/CHECK@factlinebot x", "check", "x", true},
		{"/check@OtherBot x", "", "", true},
		{"/check\nmulti line", "check", "multi line", true},
		{"/ not a command", "", "", false},
		{"hello /check", "", "", false},
	}
	for _, tt := range tests {
		cmd, arg, ok := a.command(tt.text)
		if cmd != tt.cmd || arg != tt.arg || ok != tt.ok {
			t.Errorf("command(%q) = %q, %q, %v; want %q, %q, %v", tt.text, cmd, arg, ok, tt.cmd, tt.arg, tt.ok)
		}
	}
}

func TestParseDataRejectsForgeries(t *testing.T) {
	for _, s := range []string{"", "f", "f:", "z:housing:en", "ff:housing:en", "f:a:b:c", "f::en",
		// choices from an offer, and "None of these", are checked field by field
		"x:housing:en:short", "x:housing:en:AAAAAAAAAAAA:x", "x:Housing:en:AAAAAAAAAAAA", "x:housing<b>:en:AAAAAAAAAAAA",
		"x::en:AAAAAAAAAAAA", "x:housing:english:AAAAAAAAAAAA", "x:housing:en:AAAAAAAAAAA=", "f:housing:en:AAAAAAAAAAAA",
		"d:en", "d:en:AAAAAAAAAAAAA", "d:EN:AAAAAAAAAAAA", "d:en:AAAA AAAAAAA", "d:en:AAAAAAAAAAAA:x", "d:housing:en"} {
		if c, ok := parseData(s); ok {
			t.Errorf("parseData(%q) accepted: %+v", s, c)
		}
	}
	for s, want := range map[string]callback{
		"x:housing:fr":                      {act: actExplain, myth: "housing", lang: "fr"},
		"f:@everyone:en":                    {act: actFull, myth: "@everyone", lang: "en"}, // the core refuses it, as before
		"x:public-services:es:a-b_C9a-b_C9": {act: actExplain, myth: "public-services", lang: "es", offer: "a-b_C9a-b_C9"},
		"d:fr:a-b_C9a-b_C9":                 {act: actDecline, lang: "fr", offer: "a-b_C9a-b_C9"},
		"d::":                               {act: actDecline},
	} {
		if c, ok := parseData(s); !ok || c != want {
			t.Errorf("parseData(%q) = %+v %v, want %+v", s, c, ok, want)
		}
	}
}

// TestOfferButtonsFit: every button that carries an offer fits Telegram's 64 bytes and reads back
// as it was made; a myth id too long to carry the offer still answers, without it.
func TestOfferButtonsFit(t *testing.T) {
	const offer = "a-b_C9a-b_C9"
	long := strings.Repeat("x", 50)
	for _, myth := range []string{"jobs", "public-services", long} {
		b := choiceButton("label", myth, "es", offer)
		data := *b.CallbackData
		if len(data) > maxCallbackData {
			t.Errorf("%s: %d bytes", data, len(data))
		}
		c, ok := parseData(data)
		if !ok || c.myth != myth || c.lang != "es" {
			t.Errorf("%s reads back as %+v %v", data, c, ok)
		}
		if wantOffer := myth != long; (c.offer == offer) != wantOffer {
			t.Errorf("%s: offer %q, want it carried: %v", data, c.offer, wantOffer)
		}
	}
	b := noneButton("None", "es", offer)
	if c, ok := parseData(*b.CallbackData); !ok || c != (callback{act: actDecline, lang: "es", offer: offer}) {
		t.Errorf("%s reads back as %+v %v", *b.CallbackData, c, ok)
	}
}
