package match

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The cues as they were read before readCues, one function and one pass over the tokens each
// (kept here as the reference readCues must agree with).

func refPointsAtGroup(toks []token, lang string) bool {
	for _, t := range toks {
		if t.num {
			continue
		}
		if groupPronouns[t.word] {
			return true
		}
		if lang == "es" && len(t.word) >= 5 && (strings.HasSuffix(t.word, "an") || strings.HasSuffix(t.word, "en")) {
			return true
		}
	}
	return false
}

func refSpeaksForSelf(toks []token) bool {
	for _, t := range toks {
		if !t.num && firstPersonSingular[t.word] {
			return true
		}
	}
	return false
}

func refNamesDate(toks []token) bool {
	for i, t := range toks {
		if t.num {
			continue
		}
		if dateWords[t.word] || i > 0 && refInPairSet(dateWords, toks[i-1].word, t.word) {
			return true
		}
	}
	return false
}

func refHasWordPair(toks []token, set map[string]bool) bool {
	for i := 1; i < len(toks); i++ {
		if refInPairSet(set, toks[i-1].word, toks[i].word) {
			return true
		}
	}
	return false
}

func refInPairSet(set map[string]bool, a, b string) bool {
	var buf [64]byte
	return set[string(append(append(append(buf[:0], a...), '_'), b...))]
}

func refHasWord(toks []token, set map[string]bool) bool {
	for _, t := range toks {
		if !t.num && set[t.word] {
			return true
		}
	}
	return false
}

func refAsksForHelp(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	if helpOpeners[toks[0].word] {
		return true
	}
	for i := 1; i < len(toks); i++ {
		if refInPairSet(helpPhrases, toks[i-1].word, toks[i].word) {
			return true
		}
	}
	return false
}

func refAnnouncesEvent(toks []token) bool {
	for i, t := range toks {
		if eventWords[t.word] {
			return true
		}
		if t.num && i+1 < len(toks) && (toks[i+1].word == "h" || toks[i+1].word == "pm" || toks[i+1].word == "am") {
			return true
		}
	}
	return false
}

// TestReadCuesSameAsReference checks readCues against the reference functions on every
// CheckThat! and myth query, in each language, and on random sequences of the cues' own words
// (numbers among them), where every cue and pair is met.
func TestReadCuesSameAsReference(t *testing.T) {
	var texts []string
	for _, q := range loadMythQueries(t, "all") {
		texts = append(texts, q.Text)
	}
	if !raceEnabled && !testing.Short() {
		_, qs := loadCheckThat(t)
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
	}
	var vocab []string
	for _, set := range []map[string]bool{groupPronouns, firstPersonSingular, dateWords, rhetoricalPairs,
		inGroupWords, sweepingWords, helpOpeners, helpPhrases, eventWords} {
		for w := range set {
			vocab = append(vocab, strings.Split(w, "_")...)
		}
	}
	vocab = append(vocab, "5", "17", "h", "pm", "am", "viven", "quitan", "immigrants", "rent")
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		ws := make([]string, rng.IntN(12))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		texts = append(texts, strings.Join(ws, " "))
	}
	seen := map[queryCues]bool{}
	for _, text := range texts {
		toks := tokensOf(text)
		for _, lang := range languages {
			want := queryCues{group: refPointsAtGroup(toks, lang), personal: refSpeaksForSelf(toks),
				dated: refNamesDate(toks), us: refHasWord(toks, inGroupWords), sweep: refHasWord(toks, sweepingWords),
				help: refAsksForHelp(toks), rhetorical: refHasWordPair(toks, rhetoricalPairs), event: refAnnouncesEvent(toks)}
			if got := readCues(toks, lang); got != want {
				t.Fatalf("readCues(%q, %s) = %+v, want %+v", text, lang, got, want)
			}
			seen[want] = true
		}
	}
	if len(seen) < 50 {
		t.Fatalf("only %d combinations of cues met", len(seen))
	}
}
