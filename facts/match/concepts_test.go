package match

import (
	"strings"
	"testing"
)

// TestConceptKeysAreUnambiguous: two groups sharing a key would make the concept a word evokes
// depend on map order, so the matcher would answer differently from run to run.
func TestConceptKeysAreUnambiguous(t *testing.T) {
	seen := map[string]string{}
	for name, langs := range conceptGroups {
		for lang, words := range langs {
			for _, w := range strings.Fields(words) {
				k := conceptKey(lang, w)
				if other, ok := seen[k]; ok && other != name {
					t.Errorf("%s %q: key %q is in groups %s and %s", lang, w, k, other, name)
				}
				seen[k] = name
			}
		}
	}
}

// TestMultiWordConceptsKeepTwoWords: a multi-word entry is matched as consecutive stems with stop
// words left out, so an entry that keeps only one word once they are gone makes that word alone
// evoke the group: "par_personne" made every "personne" ("nobody") evoke ~gdp.
func TestMultiWordConceptsKeepTwoWords(t *testing.T) {
	for name, langs := range conceptGroups {
		for lang, words := range langs {
			for _, w := range strings.Fields(words) {
				if k := conceptKey(lang, w); strings.Contains(w, "_") && !strings.Contains(k, " ") {
					t.Errorf("%s %s %q: only %q is left without stop words", name, lang, w, k)
				}
			}
		}
	}
}
