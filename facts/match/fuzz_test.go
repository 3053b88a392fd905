package match

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzAnalyze feeds arbitrary bytes to every stage that sees user text: no input may panic,
// terms are never empty, and the index answers with confidences in [0,1].
//
//	go test ./facts/match/ -run '^$' -fuzz FuzzAnalyze -fuzztime 60s
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "#HousingCrisis https://t.co/x @user 1,000 😡", "l'immigration — Name (@h) January 1, 2020",
		"\xff\xfe", "#", "@", "#_", "1.2.3,4", "pic.twitter.com/", "e\u0301\u0301\u0301", "ＩＭＭＩＧＲＡＮＴＳ",
		"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "¿¡ñ", strings.Repeat("#ab", 50),
	} {
		f.Add(s)
	}
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"en", "fr", "es", ""} {
			for _, tm := range analyze(s, lang, stemCache{}, false, true) {
				if tm.stem == "" {
					t.Fatalf("empty term from %q", s)
				}
			}
		}
		if l := DetectLanguage(s); l != "" && l != "en" && l != "fr" && l != "es" {
			t.Fatalf("DetectLanguage(%q) = %q", s, l)
		}
		for _, r := range ix.Search(s, "", 3) {
			if r.Confidence < 0 || r.Confidence > 1 || !utf8.ValidString(r.ID) {
				t.Fatalf("Search(%q) gave %+v", s, r)
			}
		}
	})
}

// TestAnalyzeHugeInput checks a 1 MB message of each awkward kind is handled quickly: Search
// and DetectLanguage read its first 16 KiB; the analyzer itself takes all of it in linear time.
func TestAnalyzeHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	const mb = 1 << 20
	for name, s := range map[string]string{
		"words":        strings.Repeat("immigrants take our jobs ", mb/25),
		"one word":     strings.Repeat("a", mb),
		"one hashtag":  "#" + strings.Repeat("Ab", mb/2),
		"invalid utf8": strings.Repeat("\xff\xc3", mb/2),
		"accents":      strings.Repeat("é", mb/2),
		"digits":       strings.Repeat("1,", mb/2),
		"links":        strings.Repeat("https://t.co/x ", mb/15),
		"emoji":        strings.Repeat("😡", mb/4),
	} {
		start := time.Now()
		ix.Search(s, "", 3)
		DetectLanguage(s)
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("%s: Search and DetectLanguage took %v for 1 MB", name, d)
		}
		if name == "one hashtag" || name == "invalid utf8" {
			start = time.Now()
			analyze(s, "en", stemCache{}, false, true)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s: analyze took %v for 1 MB", name, d)
			}
		}
	}
}
