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
