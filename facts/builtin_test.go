package facts

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// styleShortLimit is the style guide's length for a short answer (facts/README.md, "How answers
// read"): lint only refuses more than MaxShort, but a reply pasted under a post must leave room for
// the poster's own words, so the built-in base keeps to the tighter limit.
const styleShortLimit = 250

func TestBuiltinShortsKeepToStyleLimit(t *testing.T) {
	b, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range b.Myths {
		for lang, text := range m.Texts {
			if n := utf8.RuneCountInString(text.Short); n > styleShortLimit {
				t.Errorf("myth %s (%s): short answer is %d characters, over the style guide's %d", m.ID, lang, n, styleShortLimit)
			}
		}
	}
}

// The README's list of the built-in myths is what organizers read before deploying; it must name
// every myth the binary answers, and no other.
func TestReadmeListsEveryBuiltinMyth(t *testing.T) {
	b, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	para := regexp.MustCompile(`(?s)The built-in base covers (\d+) myths.*?\n\n`).FindSubmatch(readme)
	if para == nil {
		t.Fatal(`README.md has no paragraph "The built-in base covers N myths"`)
	}
	if n, _ := strconv.Atoi(string(para[1])); n != len(b.Myths) {
		t.Errorf("README.md says the base covers %d myths; it has %d", n, len(b.Myths))
	}
	listed := map[string]bool{}
	for _, id := range regexp.MustCompile("`([a-z0-9-]+)`").FindAllSubmatch(para[0], -1) {
		listed[string(id[1])] = true
	}
	for _, m := range b.Myths {
		if !listed[m.ID] {
			t.Errorf("README.md's myth list lacks %q", m.ID)
		}
		delete(listed, m.ID)
	}
	for id := range listed {
		t.Errorf("README.md lists %q, which the built-in base does not have", id)
	}
	if t.Failed() {
		t.Logf("paragraph read:\n%s", strings.TrimSpace(string(para[0])))
	}
}
