package bot

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain question", "Do immigrants take our jobs?", "Do immigrants take our jobs?"},
		{"thousands with comma", "They said 1,890 people came", "They said 1,890 people came"},
		{"million with commas", "over 1,000,000 arrivals", "over 1,000,000 arrivals"},
		{"thousands with dots", "más de 1.000.000 de inmigrantes", "más de 1.000.000 de inmigrantes"},
		{"thousands with spaces", "plus de 1 000 000 d'immigrés", "plus de 1 000 000 d'immigrés"},
		{"year", "in 2023 rents rose", "in 2023 rents rose"},
		{"year range", "between 2010-2020 crime fell", "between 2010-2020 crime fell"},
		{"date", "since 2023-01-15 the law changed", "since 2023-01-15 the law changed"},
		{"percent and decimal", "3.5 million, 12% of them", "3.5 million, 12% of them"},
		{"email", "write to ana.lopez+news@example.org please", "write to [email] please"},
		{"accented email", "josé@correo.es dice", "[email] dice"},
		{"handle", "@maria_123 says they get free houses", "[mention] says they get free houses"},
		{"handle mid-sentence", "ask @Ali.K about it", "ask [mention] about it"},
		{"discord user mention", "<@123456789012345678> is that true", "[mention] is that true"},
		{"discord nick and role", "<@!42> and <@&99> and <#7>", "[mention] and [mention] and [mention]"},
		{"https link", "see https://example.com/a?b=c#d now", "see [link] now"},
		{"www link", "at www.example.net/x", "at [link]"},
		{"bare domain", "read fakenews.com/story today", "read [link] today"},
		{"telegram link", "join t.me/somegroup", "join [link]"},
		{"link with @", "https://mastodon.social/@someone", "[link]"},
		{"us phone", "call (555) 123-4567 now", "call [phone] now"},
		{"us phone dashes", "555-123-4567", "[phone]"},
		{"us phone dots", "555.123.4567", "[phone]"},
		{"international", "+44 20 7946 0958 is mine", "[phone] is mine"},
		{"french pairs", "mon numéro 06 12 34 56 78", "mon numéro [phone]"},
		{"french with +33", "+33 6 12 34 56 78", "[phone]"},
		{"french dotted", "06.12.34.56.78", "[phone]"},
		{"digits only", "text 0612345678", "text [phone]"},
		{"spanish mobile", "llama al 612 345 678", "llama al [phone]"},
		{"seven digits", "call 555-1234", "call [phone]"},
		{"everything", "@bob (bob@x.io, +1 555 123 4567) posted https://x.io/p: 2,500 jobs lost?",
			"[mention] ([email], [phone]) posted [link] 2,500 jobs lost?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Scrub(tt.in); got != tt.want {
				t.Errorf("Scrub(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// scrubEveryPattern is Scrub without its guards: every pattern run on every text.
func scrubEveryPattern(s string) string {
	s = schemeLink.ReplaceAllString(s, scrubLink)
	s = email.ReplaceAllString(s, scrubEmail)
	s = bareLink.ReplaceAllString(s, scrubLink)
	s = discordMention.ReplaceAllString(s, scrubMention)
	s = handle.ReplaceAllString(s, scrubMention)
	return phoneCandidate.ReplaceAllStringFunc(s, notPhoneNumber)
}

// TestScrubGuardsChangeNothing: skipping a pattern on a text without the character it needs
// gives what running every pattern gives, on random texts made of the characters the patterns
// turn on (letters, digits, separators, "@", "<", "://", "www.", domains).
func TestScrubGuardsChangeNothing(t *testing.T) {
	parts := []string{"a", "Z", "é", "ñ", "1", "7", "0", " ", ".", "-", "(", ")", "/", "+", "@", "<", ">", "#", "!", "&",
		"://", "www.", "WWW.", "http", ".com", ".CA", ".c", ".[", ".@", "_", ",", "\u00a0", "2023", "555", "x@y.org", "<@12>", "tg://"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		in := b.String()
		if got, want := Scrub(in), scrubEveryPattern(in); got != want {
			t.Fatalf("text %d %q: Scrub gives %q, every pattern %q", i, in, got, want)
		}
	}
}

func BenchmarkScrub(b *testing.B) {
	for b.Loop() {
		Scrub("so why do refugees get more than my grandma? she worked 40 years and gets $1,400 a month. Sad.")
	}
}
