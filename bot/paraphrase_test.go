package bot

import (
	"fmt"
	"testing"
)

func TestClosestLang(t *testing.T) {
	base := builtinIndex(t).Base() // en, fr, es
	tests := []struct{ lang, want string }{
		{"fr", "fr"}, {"es", "es"}, {"pt", "es"}, {"ca", "es"}, {"ht", "fr"}, {"wo", "fr"}, {"tl", "en"}, {"pa", "en"}, {"", "en"},
	}
	for _, tt := range tests {
		if got := closestLang(base, tt.lang); got != tt.want {
			t.Errorf("closestLang(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestNormalizeQuestion(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Did immigrants cause the rent crisis?", "  did IMMIGRANTS cause the rent   crisis ?! "},
		{"¿Los inmigrantes causaron la crisis?", "¿los inmigrantes causaron la crisis"},
	}
	for _, tt := range tests {
		if normalizeQuestion(tt.a) != normalizeQuestion(tt.b) {
			t.Errorf("%q and %q normalize to %q and %q", tt.a, tt.b, normalizeQuestion(tt.a), normalizeQuestion(tt.b))
		}
	}
	if normalizeQuestion("rent crisis") == normalizeQuestion("rent crisis in Toronto") {
		t.Error("different questions share a cache key")
	}
}

func TestParaCacheBounded(t *testing.T) {
	c := newParaCache(2)
	key := func(i int) paraKey {
		return paraKey{myth: "housing", hash: "h1", lang: "tl", mode: LLMRephrase, question: fmt.Sprint(i)}
	}
	c.put(key(1), Paraphrase{Short: "1"})
	c.put(key(2), Paraphrase{Short: "2"})
	c.get(key(1)) // 1 is now the most recently used
	c.put(key(3), Paraphrase{Short: "3"})
	if _, ok := c.get(key(2)); ok {
		t.Error("the least recently used entry was kept")
	}
	for _, i := range []int{1, 3} {
		if p, ok := c.get(key(i)); !ok || p.Short != fmt.Sprint(i) {
			t.Errorf("entry %d = %+v, %v", i, p, ok)
		}
	}
	other := key(1)
	other.hash = "h2" // the myth was edited
	if _, ok := c.get(other); ok {
		t.Error("an edited myth got the old paraphrase")
	}
}
