package match

import (
	"sync"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
)

// term is one analyzed word: the stem used for matching plus what the tokenizer knew about it.
type term struct {
	stem string
	// id is the stem's term id in the index whose stems analyzed the word, found with the stem
	// in one look-up, or -1 when not known so (a word the index has not seen, a number, a
	// concept): the stem is then looked up in the index's terms.
	id      int32
	pos     int32 // word position in the text, shared by a word and its concept term
	num     bool  // a number
	cap     bool  // capitalized inside a sentence: a likely name
	concept bool  // a "~concept" term added by a synonym group
}

// stemmers are the Snowball stemmers for the supported languages. Words are folded before
// stemming, so the stemmers see "etrangers", not "étrangers"; the index and the queries go the
// same way, which is what matters, and users who type without accents still match.
var stemmers = map[string]func(string, bool) string{
	"en": english.Stem,
	"fr": french.Stem,
	"es": spanish.Stem,
}

// stemCache remembers, for one index, the stem of every word of its texts. Queries only read it
// (so Search is safe for concurrent use); it is also the vocabulary hashtags are split against.
type stemCache map[string]map[string]stemEntry // language -> folded word -> its stem

// stemEntry is a word's stem and the stem's term id in the index (numberStems), or -1 until the
// terms are numbered. A query's word is looked up once for both: the maps of words and of
// terms grow with the collection, and once a search of a large one has walked its postings,
// each look-up waits for memory.
type stemEntry struct {
	stem string
	id   int32
}

// stemMemo is the process-wide memo of the stems of indexed words, by language. The fact base
// is rebuilt on every reload and by lint's leave-one-out checks, always with the same words, and
// Snowball stemming is most of the cost of a build. Only Build adds to it, so it is bounded by
// the vocabulary of the texts indexed.
var stemMemo = map[string]*sync.Map{"en": {}, "fr": {}, "es": {}}

func (c stemCache) stem(lang, w string, learn bool) string {
	s, _ := c.stemID(lang, w, learn)
	return s
}

// stemID is stem, with the stem's term id where the cache knows it, else -1.
func (c stemCache) stemID(lang, w string, learn bool) (string, int32) {
	switch lang { // the keys of stemmers, without a map look-up for every word
	case "en", "fr", "es":
	default:
		lang = "en"
	}
	m := c[lang]
	if e, ok := m[w]; ok {
		return e.stem, e.id
	}
	var s string
	if v, ok := stemMemo[lang].Load(w); ok {
		s = v.(string)
	} else {
		s = stemmers[lang](w, true)
		if learn {
			stemMemo[lang].Store(w, s)
		}
	}
	if learn {
		if m == nil {
			m = map[string]stemEntry{}
			c[lang] = m
		}
		m[w] = stemEntry{stem: s, id: -1}
	}
	return s, -1
}

// numberStems gives every word of the cache its stem's term id in termIDs (every word learned
// while indexing has its stem among the index's terms; one that has not keeps -1).
func (c stemCache) numberStems(termIDs map[string]int32) {
	for _, words := range c {
		for w, e := range words {
			if id, ok := termIDs[e.stem]; ok {
				e.id = id
				words[w] = e
			}
		}
	}
}

// analyze turns a text into terms: tokens without stop words and one-letter words, stemmed in
// the text's language, numbers as written, and (when concepts is set) the concept terms of
// synonym groups after the words that evoke them.
func analyze(text, lang string, stems stemCache, learn, concepts bool) []term {
	return analyzeTokens(tokensOf(text), lang, stems, learn, concepts)
}

// tokensOf normalizes and tokenizes text.
func tokensOf(text string) []token {
	toks := make([]token, 0, len(text)/5+1) // a word and a space take about five bytes
	text = normalizeText(text)
	if tokenize(text, false, func(t token) { toks = append(toks, t) }) {
		// Written in leetspeak: read its short words ("0ur", "l3s") as leetspeak too.
		toks = toks[:0]
		tokenize(text, true, func(t token) { toks = append(toks, t) })
	}
	return toks
}

// analyzeTokens is analyze for a text already tokenized.
func analyzeTokens(toks []token, lang string, stems stemCache, learn, concepts bool) []term {
	out := make([]term, 0, len(toks))
	for i, t := range toks {
		pos := int32(i + 1)
		if t.num {
			out = append(out, term{stem: t.word, id: -1, pos: pos, num: true})
			continue
		}
		if len(t.word) < 2 || isStop(lang, t.word) {
			continue
		}
		stem, id := stems.stemID(lang, t.word, learn)
		out = append(out, term{stem: stem, id: id, pos: pos, cap: t.cap})
	}
	if concepts {
		out = addConcepts(out)
	}
	return out
}

// addConcepts appends the concept term of each word, or pair of consecutive words, that belongs
// to a synonym group.
func addConcepts(terms []term) []term {
	n := len(terms)
	var buf [64]byte // the pair's key, looked up without building a string
	for i := 0; i < n; i++ {
		if terms[i].num {
			continue
		}
		if i+1 < n {
			pair := append(append(append(buf[:0], terms[i].stem...), ' '), terms[i+1].stem...)
			if c, ok := conceptIndex[string(pair)]; ok {
				terms = append(terms, term{stem: c, id: -1, pos: terms[i].pos, concept: true})
				continue
			}
		}
		if c, ok := conceptIndex[terms[i].stem]; ok {
			terms = append(terms, term{stem: c, id: -1, pos: terms[i].pos, concept: true})
		}
	}
	return terms
}
