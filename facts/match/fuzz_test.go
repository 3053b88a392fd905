package match

import (
	"math"
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

// TestAnalyzeHugeInput checks a 1 MB message of each awkward kind costs no more than linear
// time: Search and DetectLanguage read its first 16 KiB, and the analyzer takes all of it in
// linear time. It compares 1 MB with 64 KiB (the fastest of three runs each) rather than a
// fixed time, so a busy machine or the race detector slows both alike: linear work grows 16
// times, quadratic work 256 times; the bound is 64 times, plus 20 ms for timer noise.
func TestAnalyzeHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	fastest := func(f func()) time.Duration {
		best := time.Duration(math.MaxInt64)
		for range 3 {
			start := time.Now()
			f()
			best = min(best, time.Since(start))
		}
		return best
	}
	const kb64, mb = 64 << 10, 1 << 20
	for name, unit := range map[string]string{
		"words":        "immigrants take our jobs ",
		"one word":     "a",
		"one hashtag":  "Ab",
		"invalid utf8": "\xff\xc3",
		"accents":      "é",
		"digits":       "1,",
		"links":        "https://t.co/x ",
		"emoji":        "😡",
	} {
		text := func(size int) string {
			s := strings.Repeat(unit, size/len(unit))
			if name == "one hashtag" {
				s = "#" + s
			}
			return s
		}
		small, big := text(kb64), text(mb)
		work := []struct {
			what string
			f    func(string)
		}{
			{"Search and DetectLanguage", func(s string) { ix.Search(s, "", 3); DetectLanguage(s) }},
			{"analyze", func(s string) { analyze(s, "en", stemCache{}, false, true) }},
		}
		for _, w := range work {
			ts, tb := fastest(func() { w.f(small) }), fastest(func() { w.f(big) })
			if tb > 64*ts+20*time.Millisecond {
				t.Errorf("%s: %s took %v for 1 MB against %v for 64 KiB: more than linear", name, w.what, tb, ts)
			}
		}
	}
}
