package bot

import (
	"regexp"
	"strings"
)

// What Scrub puts in place of the personal data it removes, so the curator still sees that
// something was there ("call [phone]") without learning what.
const (
	scrubLink    = "[link]"
	scrubEmail   = "[email]"
	scrubMention = "[mention]"
	scrubPhone   = "[phone]"
)

var (
	// Links go first: a URL may hold an @, digits or an e-mail address of its own.
	schemeLink = regexp.MustCompile(`(?i)\b(?:https?://|ftp://|tg://|www\.)\S+`)
	bareLink   = regexp.MustCompile(`(?i)\b(?:[a-z0-9-]+\.)+(?:com|org|net|info|io|me|ly|co|uk|fr|es|de|ca|us|eu|gov|edu|tv|news|gl|gg|be|ch|mx|ar)\b(?:/\S*)?`)
	email      = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)
	// Discord writes mentions of users, roles and channels as <@123>, <@!123>, <@&123>, <#123>.
	discordMention = regexp.MustCompile(`<(?:@[!&]?|#)\d+>`)
	handle         = regexp.MustCompile(`@[\p{L}\p{N}_.]+`)
	// A phone candidate: seven digits or more, each separated from the next by at most two of
	// the characters phone numbers are written with. Commas never separate phone digits, so
	// "1,000,000" is not a candidate.
	phoneCandidate = regexp.MustCompile(`\+?\(?\d(?:[ \x{a0}\x{202f}.\-/()]{0,2}\d){6,}`)
	// Numbers that look like phone candidates but are not: thousands written with dots
	// ("1.000.000") or spaces ("1 000 000"; only after one or two digits, since "612 345 678" is
	// how Spanish mobiles are written), year ranges ("2010-2020"), dates ("2023-01-15").
	notPhone = []*regexp.Regexp{
		regexp.MustCompile(`^\d{1,3}(?:\.\d{3})+$`),
		regexp.MustCompile(`^\d{1,2}(?:[ \x{a0}\x{202f}]\d{3})+$`),
		regexp.MustCompile(`^(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d$`),
		regexp.MustCompile(`^(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}$`),
		regexp.MustCompile(`^\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d$`),
	}
)

// Scrub removes from a text what could identify a person or lead to one: links, e-mail
// addresses, @mentions (and Discord's <@id> mentions) and phone numbers. Numbers that carry a
// claim ("1,890 people", "in 2023", "1.000.000", "2010-2020") stay. It runs before anything
// free-text is stored, because the people asking may be migrants without status.
func Scrub(s string) string {
	s = schemeLink.ReplaceAllString(s, scrubLink)
	s = email.ReplaceAllString(s, scrubEmail)
	s = bareLink.ReplaceAllString(s, scrubLink)
	s = discordMention.ReplaceAllString(s, scrubMention)
	s = handle.ReplaceAllString(s, scrubMention)
	s = phoneCandidate.ReplaceAllStringFunc(s, func(m string) string {
		core := strings.TrimPrefix(m, "(")
		for _, re := range notPhone {
			if re.MatchString(core) {
				return m
			}
		}
		return scrubPhone
	})
	return s
}
