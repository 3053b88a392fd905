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
		// Look-alike letters of other scripts inside Latin words, as typed to slip past filters.
		{"\u0456mm\u0456gr\u0430nts", "immigrants"},                     // Cyrillic і and а
		{"\u0441rime", "crime"},                                         // Cyrillic с
		{"r\u0435fug\u0435\u0435s", "refugees"},                         // Cyrillic е
		{"\u0399\u039c\u039c\u0399GR\u0391\u039d\u03a4S", "immigrants"}, // Greek capitals
		{"h\u03bfusing", "housing"},                                     // Greek ο
		{"\u0440\u0435\u043e\u0440\u04cf\u0435", "people"},              // all Cyrillic, every letter a look-alike of a Latin one
		{"\u0434\u043e\u043c", "\u0434\u043e\u043c"},                    // a Russian word with a letter of its own stays Russian
		{"\u03b1\u03bb\u03bb\u03ac", "\u03b1\u03bb\u03bb\u03ac"},        // a Greek word with a letter of its own stays Greek
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
		// Invisible characters inside words, as typed to slip past filters.
		{"im\u200bmigrants take our jo\u200bbs", "immigrants take our jobs"}, // zero-width space
		{"refu\u00adgees", "refugees"},                                       // soft hyphen
		{"wel\u200c\u200dfare\u2060", "welfare"},                             // joiners, word joiner
		{"\ufeffcrime", "crime"},                                             // byte-order mark
		{"hou\u3164sing", "housing"},                                         // Hangul filler
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
		// Leetspeak: digits read as letters inside words that are otherwise letters ...
		{"1mm1gr4nts t4ke our j0bs", "immigrants take our jobs"},
		{"r3fug33s on w3lf4r3", "refugees on welfare"},
		{"immigr@nts and $ocial a$$istance", "immigrants and social assistance"},
		{"CR1M3 is up", "crime is up"},
		{"th3y t4k3 0ur j0bs @ 5pm", "they take our jobs spm"}, // in a leetspeak message, short words too
		// ... and nowhere else: numbers, codes and numbers glued to units keep their meaning.
		{"in 2023 it rose 4.1% under bill C-12", "in 2023 it rose 41 under bill c 12"},
		{"5pm on the 1st, 3rd and 4th", "5 pm on the 1 st 3 rd and 4 th"},
		{"covid19 and g7 and mp3", "covid 19 and g 7 and mp 3"},
		{"a T4A slip, an H1B visa, 4x4", "a t 4 a slip an h 1 b visa 4 x 4"},
		{"100km for $600", "100 km for 600"},
		{"mail info@ircc.ca", "mail info ircc ca"},
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
