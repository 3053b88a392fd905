package match

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestLooseKey: misspellings by ear share their word's key, in the word's language; letters
// that sound different keep keys apart.
func TestLooseKey(t *testing.T) {
	for _, c := range []struct {
		lang, a, b string
		same       bool
	}{
		{"en", "imigrants", "immigrants", true}, // a doubled letter once
		{"en", "jobz", "jobs", true},            // a final z
		{"en", "foto", "photo", true},
		{"en", "chek", "check", true},
		{"en", "vote", "bote", false}, // b and v are two sounds in English
		{"en", "cheese", "chose", false},
		{"es", "alkileres", "alquileres", true},
		{"es", "ospitales", "hospitales", true},
		{"es", "boten", "voten", true},
		{"es", "miyones", "millones", true},
		{"es", "refujiados", "refugiados", true},
		{"es", "estranjeros", "extranjeros", true},
		{"es", "nesesitan", "necesitan", true},
		{"es", "chicos", "cicos", false}, // the h of ch is not silent
		{"fr", "remplassement", "remplacement", true},
		{"fr", "loye", "loyer", true}, // "loyé", folded
		{"fr", "augmente", "augmentez", true},
		{"fr", "bote", "vote", false},
		{"fr", "jobz", "jobs", true},
	} {
		ka, kb := looseKey(c.lang, c.a), looseKey(c.lang, c.b)
		if (ka == kb) != c.same {
			t.Errorf("looseKey(%s, %q) = %q, looseKey(%s, %q) = %q: same %v, want %v", c.lang, c.a, ka, c.lang, c.b, kb, ka == kb, c.same)
		}
	}
}

// TestSurfaceMatch: a misspelled word whose stem is too far from its word's stem for fuzzyMatch
// is read as the indexed word it is near to, in its language; guards keep short words, words
// that differ in their first letter and short words of other languages from being read as
// another word.
func TestSurfaceMatch(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	stemOf := func(lang, word string) string {
		e, ok := ix.stems[lang][word]
		if !ok {
			t.Fatalf("%s %q is not a word of the myths", lang, word)
		}
		return e.stem
	}
	for _, c := range []struct{ lang, typed, meant string }{
		{"en", "munney", "money"},
		{"en", "imigrints", "immigrants"},
		{"en", "dangerus", "dangerous"},
		{"es", "alkileres", "alquileres"},
		{"es", "oteles", "hoteles"},
		{"es", "miyones", "millones"},
		{"fr", "remplassement", "remplacement"},
		{"fr", "gouvernment", "gouvernement"},
	} {
		stem := stemmers[c.lang](c.typed, true)
		if _, known := ix.termIDs[stem]; known {
			t.Fatalf("%q: its stem %q is known: not a case for surfaceMatch", c.typed, stem)
		}
		if id, ok := ix.fuzzyMatch(stem, c.lang); ok {
			t.Logf("%q: fuzzyMatch already finds %q", c.typed, ix.terms[id])
		}
		want := stemOf(c.lang, c.meant)
		got := ""
		if id, ok := ix.surfaceMatch(c.typed, c.lang); ok {
			got = ix.terms[id]
		}
		if got != want {
			t.Errorf("surfaceMatch(%q, %s) = %q, want %q (the stem of %q)", c.typed, c.lang, got, want, c.meant)
		}
	}
	for _, c := range []struct{ lang, typed, why string }{
		{"en", "werk", "four letters, and one from work: only an exact key is taken"},
		{"en", "xmmigrants", "a different first letter"},
		{"en", "course", "the French cour: another language's word, for a short one"},
	} {
		if id, ok := ix.surfaceMatch(c.typed, c.lang); ok {
			t.Errorf("surfaceMatch(%q, %s) = %q, want none: %s", c.typed, c.lang, ix.terms[id], c.why)
		}
	}
}

// TestMisspelledStems: messages whose key words are misspelled so that their stems change find
// their myth.
func TestMisspelledStems(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, want string }{
		{"los imigrantes suben los alkileres", "housing"},
		{"a los refujiados les pagan oteles de lujo", "asylum-hotels"},
		{"a cause des imigrans le loyé est rendu trop cher", "housing"},
		{"they send all the munney home, nun of it stays", "remittances"},
		{"traen a los inmigrantes para que boten por ellos", "voting"},
		{"le grand remplassement est en cours", "great-replacement"},
	} {
		res := ix.Search(c.query, "", 1)
		if len(res) == 0 || res[0].ID != c.want || res[0].Confidence < DefaultThreshold {
			t.Errorf("Search(%q) = %v, want %s answered (confidence >= %.2f)", c.query, res, c.want, DefaultThreshold)
		}
	}
}

// misspelledLines is the number of lines the labelled set had before its messages with two or
// more misspellings each (2026-12, written for issue 13: 78 claims across the myths in English,
// French and Spanish, and 12 off-topic messages) were added after them.
const misspelledLines = 1412

// TestMisspelledLines measures the bot's answers on the labelled messages with two or more
// misspellings: each half, as the bot asks (the detected language, the default threshold).
// Before words were corrected by their surface forms (surfaceMatch), 69 of the 78 claims were
// answered rightly, 1 wrongly; with them, 76 and 1, and no off-topic message is answered.
func TestMisspelledLines(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	all := loadMythQueries(t, "all")
	if len(all) <= misspelledLines {
		t.Fatalf("the labelled set has %d lines, none after line %d", len(all), misspelledLines)
	}
	for _, half := range []int{0, 1} { // fit (even lines), check (odd lines)
		onTopic, right, wrong, falseAns := 0, 0, 0, 0
		for i := misspelledLines + half; i < len(all); i += 2 {
			q := all[i]
			res := ix.Search(q.Text, DetectLanguage(q.Text), 1)
			answered := len(res) > 0 && res[0].Confidence >= DefaultThreshold
			switch {
			case len(q.Gold) == 0:
				if answered {
					falseAns++
				}
				continue
			case answered && slices.Contains(q.Gold, res[0].ID):
				right++
			case answered:
				wrong++
			}
			onTopic++
		}
		t.Logf("half %d: %d of %d misspelled claims answered rightly, %d wrongly; %d off-topic answered", half, right, onTopic, wrong, falseAns)
		if float64(right) < 0.93*float64(onTopic) || wrong > 1 || falseAns > 0 {
			t.Errorf("half %d: %d of %d right, %d wrong, %d false answers: want >= 93%% right, <= 1 wrong, no false answer", half, right, onTopic, wrong, falseAns)
		}
	}
}

// TestSurfaceFirstUseConcurrent: the index of words is built by the first search that needs it;
// searches that start together see it built once and answer as an index already warmed does
// (go test -race shows any shared state).
func TestSurfaceFirstUseConcurrent(t *testing.T) {
	docs := loadMythDocs(t)
	warm, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	const q = "los imigrantes suben los alkileres"
	want := fmt.Sprint(warm.Search(q, "", 3))
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	for g := range got {
		wg.Go(func() { got[g] = fmt.Sprint(ix.Search(q, "", 3)) })
	}
	wg.Wait()
	for g, s := range got {
		if s != want {
			t.Errorf("search %d: %s, want %s", g, s, want)
		}
	}
}
