package match

import (
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
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

// hugeInputs are 1 MB messages of each awkward kind a hostile paste can be made of.
var hugeInputs = map[string]string{
	"words":        "immigrants take our jobs ",
	"one word":     "a",
	"one hashtag":  "Ab",
	"invalid utf8": "\xff\xc3",
	"accents":      "é",
	"digits":       "1,",
	"links":        "https://t.co/x ",
	"emoji":        "😡",
}

// hugeInput repeats the unit of a kind of hugeInputs to size bytes.
func hugeInput(kind string, size int) string {
	unit := hugeInputs[kind]
	s := strings.Repeat(unit, size/len(unit))
	if kind == "one hashtag" {
		s = "#" + s
	}
	return s
}

// TestHugeInputReadsPrefix checks Search and DetectLanguage read only the first 16 KiB of a
// 1 MB message: they answer exactly as they do for that prefix, so their cost cannot grow
// with the rest of the message.
func TestHugeInputReadsPrefix(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for kind := range hugeInputs {
		big := hugeInput(kind, 1<<20)
		prefix := truncate(big, maxQueryBytes)
		if len(prefix) > maxQueryBytes || len(prefix) < maxQueryBytes-utf8.UTFMax {
			t.Fatalf("%s: prefix of %d bytes", kind, len(prefix))
		}
		if got, want := ix.Search(big, "", 3), ix.Search(prefix, "", 3); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Search of 1 MB = %+v, of its first 16 KiB = %+v", kind, got, want)
		}
		if got, want := DetectLanguage(big), DetectLanguage(prefix); got != want {
			t.Errorf("%s: DetectLanguage of 1 MB = %q, of its first 16 KiB = %q", kind, got, want)
		}
	}
}

// TestAnalyzeHugeInputMemory checks the analyzer's allocations grow linearly with its input:
// 1 MB may allocate at most 24 times what 64 KiB does (16 times the input, with room for
// slices that grow by doubling). It counts bytes rather than time, so a busy machine cannot
// make it fail; BenchmarkAnalyzeHuge gives the time.
func TestAnalyzeHugeInputMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	allocated := func(s string) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		analyze(s, "en", stemCache{}, false, true)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	for kind := range hugeInputs {
		small, big := allocated(hugeInput(kind, 64<<10)), allocated(hugeInput(kind, 1<<20))
		if big > 24*small+64<<10 {
			t.Errorf("%s: analyze allocated %d bytes for 1 MB against %d for 64 KiB: more than linear", kind, big, small)
		}
	}
}

// BenchmarkAnalyzeHuge times the analyzer on 64 KiB and 1 MB of each kind of hugeInputs; linear
// work shows the same ns per byte at both sizes.
//
//	go test ./facts/match/ -run '^$' -bench AnalyzeHuge
func BenchmarkAnalyzeHuge(b *testing.B) {
	for _, kind := range slices.Sorted(maps.Keys(hugeInputs)) {
		for _, size := range []int{64 << 10, 1 << 20} {
			text := hugeInput(kind, size)
			b.Run(fmt.Sprintf("%s/%dKiB", strings.ReplaceAll(kind, " ", "_"), size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					analyze(text, "en", stemCache{}, false, true)
				}
			})
		}
	}
}
