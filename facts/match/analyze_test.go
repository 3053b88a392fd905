package match

import (
	"slices"
	"strings"
	"testing"
)

func TestFoldWord(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Étrangers", "etrangers"},
		{"NIÑOS", "ninos"},
		{"Œuvre", "oeuvre"},
		{"straße", "strasse"},
		{"inmigración", "inmigracion"},
		{"e\u0301migre\u0301", "emigre"}, // combining accents typed separately
		{"ASCII", "ascii"},
	} {
		if got := foldWord(c.in); got != c.want {
			t.Errorf("foldWord(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＩＭＭＩＧＲＡＮＴＳ", "IMMIGRANTS"}, // full-width
		{"𝐫𝐞𝐧𝐭", "rent"},             // mathematical bold, as pasted from "fancy text" sites
		{"ﬁnd", "find"},              // ligature
		{"bad\xffbyte", "bad byte"},  // invalid UTF-8
	} {
		if got := normalizeText(c.in); got != c.want {
			t.Errorf("normalizeText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func words(s string) []string {
	var out []string
	for _, t := range tokensOf(s) {
		out = append(out, t.word)
	}
	return out
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"#HousingCrisis is real", "housing crisis is real"},
		{"@realDonaldTrump said", "real donald trump said"},
		{"#COVID19 #USAToday", "covid 19 usa today"},
		{"see https://t.co/x8Ka and www.example.com/a?b=c now", "see and now"},
		{"#Minecrafthttps://t.co/V4Lzv97qOc", "minecraft"},
		{"fires pic.twitter.com/0eJtwJyS1J", "fires"},
		{"wow #WW3pic.twitter.com/9CgOACecb0", "wow ww 3"},
		{"Thursday.https://t.co/bKuLiMup0Y", "thursday"},
		{"1,000,000 people and $600 cheques", "1000000 people and 600 cheques"},
		{"rent😡immigrants!!!", "rent immigrants"},
		{"l'immigration c'est", "l immigration c est"},
		{"¿Por qué?", "por que"},
		{"", ""},
	} {
		if got := strings.Join(words(c.in), " "); got != c.want {
			t.Errorf("tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokenFlags(t *testing.T) {
	toks := tokensOf("Yesterday Trump met 3 people #StopIt")
	flags := map[string]token{}
	for _, tk := range toks {
		flags[tk.word] = tk
	}
	if flags["yesterday"].cap {
		t.Error("a sentence's first word is not a name")
	}
	if !flags["trump"].cap {
		t.Error("a capitalized word inside a sentence is a likely name")
	}
	if !flags["3"].num || flags["people"].num {
		t.Error("number flag wrong")
	}
	if !flags["stop"].tag || flags["people"].tag {
		t.Error("hashtag flag wrong")
	}
}

func stemsOf(text, lang string) []string {
	var out []string
	for _, tm := range analyze(text, lang, stemCache{}, false, true) {
		out = append(out, tm.stem)
	}
	return out
}

func TestAnalyze(t *testing.T) {
	for _, c := range []struct {
		text, lang  string
		has, hasNot []string
	}{
		{"The immigrants are taking our jobs", "en", []string{"immigr", "job", "~immigrant", "~job"}, []string{"the", "are", "our"}},
		{"Les étrangers font exploser les loyers", "fr", []string{"etranger", "~immigrant", "~housing"}, []string{"les"}},
		{"los inmigrantes suben el alquiler", "es", []string{"inmigr", "~immigrant", "~housing"}, []string{"los", "el"}},
		{"ils vivent de l'aide sociale", "fr", []string{"~welfare"}, []string{"l"}},
		{"a family of 4 gets $1,890", "en", []string{"4", "1890"}, nil},
		{"les sans-papiers", "fr", []string{"~illegal"}, nil},
	} {
		got := stemsOf(c.text, c.lang)
		for _, w := range c.has {
			if !slices.Contains(got, w) {
				t.Errorf("analyze(%q, %s) = %v, want %q in it", c.text, c.lang, got, w)
			}
		}
		for _, w := range c.hasNot {
			if slices.Contains(got, w) {
				t.Errorf("analyze(%q, %s) = %v, want no %q", c.text, c.lang, got, w)
			}
		}
	}
}

func TestSplitFooter(t *testing.T) {
	for _, c := range []struct{ in, body, author, year string }{
		{"Big news pic.twitter.com/x — Center for Bio Div (@CenterForBioDiv) January 14, 2020", "Big news pic.twitter.com/x", "Center for Bio Div @CenterForBioDiv", "2020"},
		{"No footer here", "No footer here", "", ""},
		{"Ask @someone (@x) about it", "Ask @someone (@x) about it", "", ""},
	} {
		body, author, year := splitFooter(c.in)
		if body != c.body || author != c.author || year != c.year {
			t.Errorf("splitFooter(%q) = %q, %q, %q; want %q, %q, %q", c.in, body, author, year, c.body, c.author, c.year)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"immigr", "imigr", 2, 1},
		{"welfar", "welfair", 2, 1},
		{"recieve", "receive", 2, 1}, // transposition
		{"housing", "hosuign", 2, 2},
		{"rent", "crime", 1, 2}, // over the limit: limit+1
		{"", "abc", 5, 3},
		{"émigré", "emigre", 3, 2},
	} {
		if got := editDistance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

// TestConceptGroupsDistinct guards the synonym groups: a stem in two groups would belong to
// whichever was loaded last (stems collide across words and languages, e.g. "loyer" and "loi").
func TestConceptGroupsDistinct(t *testing.T) {
	owner := map[string]string{}
	for name, langs := range conceptGroups {
		for lang, words := range langs {
			for _, w := range strings.Fields(words) {
				key := conceptKey(lang, w)
				if key == "" {
					t.Errorf("%s word %q of group %s is a stop word: it never matches", lang, w, name)
				}
				if o, ok := owner[key]; ok && o != name {
					t.Errorf("stem %q of %s word %q is in groups %s and %s", key, lang, w, o, name)
				}
				owner[key] = name
			}
		}
	}
}
