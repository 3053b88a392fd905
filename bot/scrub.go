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
//
// Each pattern runs only on a text holding the character it cannot match without ("@" for an
// address or a mention, seven digits for a phone number...): Go's regular expressions cost
// microseconds each, and most questions hold none of these.
func Scrub(s string) string {
	if strings.Contains(s, "://") || containsFold(s, "www.") {
		s = schemeLink.ReplaceAllString(s, scrubLink)
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = email.ReplaceAllString(s, scrubEmail)
	}
	if dotBeforeLetter(s) {
		s = bareLink.ReplaceAllString(s, scrubLink)
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = discordMention.ReplaceAllString(s, scrubMention)
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = handle.ReplaceAllString(s, scrubMention)
	}
	if asciiDigits(s) >= 7 {
		s = phoneCandidate.ReplaceAllStringFunc(s, notPhoneNumber)
	}
	return s
}

// notPhoneNumber returns a phone candidate m as it is when it is a number of another kind, else
// scrubPhone.
func notPhoneNumber(m string) string {
	core := strings.TrimPrefix(m, "(")
	for _, re := range notPhone {
		if re.MatchString(core) {
			return m
		}
	}
	return scrubPhone
}

// containsFold reports whether s holds the ASCII text sub, whatever the case of its letters.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// dotBeforeLetter reports whether s holds a dot followed by an ASCII letter, as every bare
// link's domain ending does (".com").
func dotBeforeLetter(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i+1] | 0x20; s[i] == '.' && 'a' <= c && c <= 'z' {
			return true
		}
	}
	return false
}

// asciiDigits counts the digits 0 to 9 in s: \d in Go's regular expressions matches only those.
func asciiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	return n
}
