package match

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
)

// surfaceFuzzy finds, for a misspelled word whose stem the index does not know, the words the
// index saw at build that sound or read alike, and so their stems. Looking stems up (fuzzyIndex)
// misses the misspellings that change a word's stem: "imigrans" stems to "imigran", two edits
// from "immigr", though it is one letter from "immigrants"; "alkileres" and "alquileres" stem
// apart though they are read alike. Here words are compared by their loose keys (looseKey:
// doubled letters once, spellings of one sound as one, by language), so most such misspellings
// are at distance 0 or 1, with the same one-deletion neighbourhood as fuzzyIndex.
type surfaceFuzzy struct {
	keys []surfaceKey
	// variants holds, for each key and each of its one-deletion variants, the variant's hash
	// in the high bits and the key's index in keys in the low keyIndexBits, sorted. Hashes in a
	// sorted list keep the index small and quick to build (a map of strings would double the
	// myths' index); a collision only adds a candidate, which the edit distance turns down.
	variants []uint64
	// starts[b] is the index in variants of the first entry whose hash begins with the
	// bucketBits bits b: a look-up searches a handful of entries, not the whole list.
	starts     []int32
	bucketBits int
	seed       maphash.Seed
}

// keyIndexBits is how many low bits of an entry of surfaceFuzzy.variants hold the key's index:
// a bound on the keys indexed (the myths have about 3,000).
const keyIndexBits = 20

const keyIndexMask = 1<<keyIndexBits - 1

// surfaceKey is the loose key of one or more indexed words of one language, with their stems'
// term ids.
type surfaceKey struct {
	key   string
	lang  uint8 // langBit of the words' language
	stems []int32
}

// minSurfaceKeyLen is the shortest key (in runes) looked up; keys of fewer than minFuzzyLen
// runes are matched only exactly ("jobz" is "jobs" in English), longer ones within
// surfaceDistance.
const minSurfaceKeyLen = 4

// surfaceDistance is how far a query word's key may be from an indexed word's: 0 for short
// keys, 1 from minFuzzyLen runes, 2 from 8, as for stems.
func surfaceDistance(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= minFuzzyLen:
		return 1
	default:
		return 0
	}
}

// buildSurfaceFuzzy indexes the loose keys of the words of stems (language -> word -> stem)
// whose stems are in termIDs and eligible.
func buildSurfaceFuzzy(stems stemCache, termIDs map[string]int32, eligible func(id int32) bool) surfaceFuzzy {
	n := 0
	for _, words := range stems {
		n += len(words)
	}
	sf := surfaceFuzzy{variants: make([]uint64, 0, n*9), seed: maphash.MakeSeed()}
	sf.keys = make([]surfaceKey, 0, n)
	for _, lang := range languages {
		bit := langBit(lang)
		at := make(map[string]int32, len(stems[lang])) // key -> index in keys
		for w, e := range stems[lang] {
			id, ok := termIDs[e.stem]
			if !ok || !eligible(id) {
				continue
			}
			key := looseKey(lang, w)
			if runeCount(key) < minSurfaceKeyLen {
				continue
			}
			k, seen := at[key]
			if !seen {
				if len(sf.keys) > keyIndexMask {
					continue
				}
				k = int32(len(sf.keys))
				at[key] = k
				sf.keys = append(sf.keys, surfaceKey{key: key, lang: bit})
				sf.add(maphash.String(sf.seed, key), k)
				sf.forDeletions(key, func(h uint64) { sf.add(h, k) })
			}
			if !containsID(sf.keys[k].stems, id) {
				sf.keys[k].stems = append(sf.keys[k].stems, id)
			}
		}
	}
	slices.Sort(sf.variants)
	sf.variants = slices.Clip(slices.Compact(sf.variants))
	sf.bucketBits = max(4, bits.Len(uint(len(sf.variants)/8))) // about 8 entries a bucket
	sf.starts = make([]int32, 1<<sf.bucketBits+1)
	b := 0
	for i, v := range sf.variants {
		for ; b <= int(v>>(64-sf.bucketBits)); b++ {
			sf.starts[b] = int32(i)
		}
	}
	for ; b < len(sf.starts); b++ {
		sf.starts[b] = int32(len(sf.variants))
	}
	return sf
}

// add records that the string of hash h is key k or one of its variants.
func (sf *surfaceFuzzy) add(h uint64, k int32) {
	sf.variants = append(sf.variants, h&^keyIndexMask|uint64(k))
}

// each calls f with the index of every key that the string of hash h is, or is a variant of.
func (sf *surfaceFuzzy) each(h uint64, f func(k int32)) {
	h &^= keyIndexMask
	vs := sf.variants
	b := h >> (64 - sf.bucketBits)
	lo, hi := int(sf.starts[b]), int(sf.starts[b+1])
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); vs[m] < h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for ; lo < len(vs) && vs[lo]&^keyIndexMask == h; lo++ {
		f(int32(vs[lo] & keyIndexMask))
	}
}

// lookup calls f with each indexed key of a language in langs (a set of langBits) that begins
// with key's first letter and is within surfaceDistance of key, and its distance.
func (sf *surfaceFuzzy) lookup(key string, langs uint8, f func(k surfaceKey, dist int)) {
	n := runeCount(key)
	if n < minSurfaceKeyLen || len(sf.keys) == 0 {
		return
	}
	maxDist := surfaceDistance(n)
	var seen [8]int32 // most words have few neighbours: remember them without allocating
	nSeen := 0
	var seenMore map[int32]bool
	consider := func(k int32) {
		for _, s := range seen[:min(nSeen, len(seen))] {
			if s == k {
				return
			}
		}
		if seenMore[k] {
			return
		}
		if nSeen < len(seen) {
			seen[nSeen] = k
		} else {
			if seenMore == nil {
				seenMore = map[int32]bool{}
			}
			seenMore[k] = true
		}
		nSeen++
		sk := sf.keys[k]
		// People seldom get a word's first letter wrong, and real words that the index lacks
		// are often one first letter from one it has ("moment", "comment"): a key must begin
		// as the word's does.
		if sk.lang&langs == 0 || sk.key[0] != key[0] {
			return
		}
		if d := editDistance(key, sk.key, maxDist); d <= maxDist {
			f(sk, d)
		}
	}
	sf.each(maphash.String(sf.seed, key), consider)
	if maxDist == 0 {
		return
	}
	sf.forDeletions(key, func(h uint64) { sf.each(h, consider) })
}

// forDeletions calls f with the hash of every string made by deleting one rune of key (see
// forDeletions), building them in a buffer rather than as strings: a query's unknown words are
// looked up with every variant.
func (sf *surfaceFuzzy) forDeletions(key string, f func(h uint64)) {
	var buf [64]byte
	if !isASCII(key) || len(key) > len(buf) {
		forDeletions(key, func(v string) { f(maphash.String(sf.seed, v)) })
		return
	}
	for i := 0; i < len(key); i++ {
		if i == 0 || key[i] != key[i-1] {
			v := append(append(buf[:0], key[:i]...), key[i+1:]...)
			f(maphash.Bytes(sf.seed, v))
		}
	}
}

func containsID(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func runeCount(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return len([]rune(s))
}

// looseKey spells a folded word so that the usual ways of misspelling it by ear read the same:
// a doubled letter once ("imigrants", "immigrants"), and, by language, letters that write one
// sound as one: in English "ph" as "f", "ck" as "k" and a final "z" as "s" ("jobz"); in French
// "ph" as "f", "qu" as "k", a soft "c" as "s" ("remplassement"), the endings "-er" and "-ez" as
// "-e", the way "-é" is folded ("font monté les loyé"), and a final "z" as "s"; in Spanish,
// where spelling follows sound but several letters share one, "v" as "b", "z" and a soft "c" as
// "s", "ll" as "y", a soft "g" as "j", "qu" as "k", "x" before a consonant as "s" and no silent
// "h" ("alkileres", "ospitales", "boten", "miyones", "refujiados", "estranjeros"). The index's
// words and a query's go through the same rules, in their own language.
func looseKey(lang, w string) string {
	if lang == "fr" {
		w = frenchEnding(w)
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next, prev byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		if i > 0 {
			prev = w[i-1]
		}
		switch lang {
		case "es":
			switch {
			case c == 'l' && next == 'l':
				c = 'y'
				i++
			case c == 'h' && prev != 'c':
				continue
			case c == 'v':
				c = 'b'
			case c == 'z':
				c = 's'
			case c == 'c' && (next == 'e' || next == 'i'):
				c = 's'
			case c == 'g' && (next == 'e' || next == 'i'):
				c = 'j'
			case c == 'q' && next == 'u':
				c = 'k'
				i++
			case c == 'x' && isConsonant(next):
				c = 's'
			}
		case "fr":
			switch {
			case c == 'p' && next == 'h':
				c = 'f'
				i++
			case c == 'q' && next == 'u':
				c = 'k'
				i++
			case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
				c = 's'
			case c == 'z' && i == len(w)-1:
				c = 's' // both silent
			}
		default:
			switch {
			case c == 'p' && next == 'h':
				c = 'f'
				i++
			case c == 'c' && next == 'k':
				c = 'k'
				i++
			case c == 'z' && i == len(w)-1:
				c = 's'
			}
		}
		if c < 0x80 && len(b) > 0 && b[len(b)-1] == c {
			continue // a doubled letter, or two letters read as one, once
		}
		b = append(b, c)
	}
	return string(b)
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y'
}

// surfaceMatch returns the stem of the indexed word nearest to word, a query word in lang whose
// stem the index does not know, by their loose keys: among equally near ones, the most frequent
// stem. As in fuzzyMatch, words of the query's language come first, and words of the others are
// considered only for longer words. The first call builds the index of words (ix.surface).
func (ix *Index) surfaceMatch(word, lang string) (int32, bool) {
	if ix.surfaceEligible == nil {
		return -1, false
	}
	ix.surfaceOnce.Do(func() { ix.surface = buildSurfaceFuzzy(ix.stems, ix.termIDs, ix.surfaceEligible) })
	best, bestDist, bestDF := int32(-1), 99, 0
	take := func(k surfaceKey, d int) {
		for _, id := range k.stems {
			df := len(ix.postings[id])
			if d < bestDist || d == bestDist && (df > bestDF || df == bestDF && id < best) {
				best, bestDist, bestDF = id, d, df
			}
		}
	}
	bit := langBit(lang)
	if ix.langs&bit == 0 {
		bit = 0
	}
	if bit != 0 {
		ix.surface.lookup(looseKey(lang, word), bit, take)
		if best >= 0 || runeCount(word) < minCrossSurfaceLen {
			return best, best >= 0
		}
	}
	for _, other := range languages {
		if o := langBit(other); o != bit && ix.langs&o != 0 {
			ix.surface.lookup(looseKey(other, word), o, take)
		}
	}
	return best, best >= 0
}

// fuzzyWord returns the vocabulary stem that stands for a query word the index does not know
// (its stem, and the folded word as typed): the nearest stem (fuzzyMatch), else the stem of the
// nearest indexed word (surfaceMatch).
func (ix *Index) fuzzyWord(stem, word, lang string) (int32, bool) {
	if id, ok := ix.fuzzyMatch(stem, lang); ok {
		return id, true
	}
	return ix.surfaceMatch(word, lang)
}

// minCrossSurfaceLen is the shortest word (in runes) that surfaceMatch reads as a misspelling of
// a word of another language than the query's: shorter ones are more often words of the query's
// language the index lacks ("course" is not the French "cour").
const minCrossSurfaceLen = 8

// frenchEnding spells a folded French word's final "-er", "-ez" or "-ers" (infinitives, the
// second person plural, nouns such as "loyer") as "-e" or "-es", which sound the same as "-é" and
// "-és" and are mistaken for them.
func frenchEnding(w string) string {
	switch {
	case strings.HasSuffix(w, "ers"):
		return w[:len(w)-3] + "es"
	case strings.HasSuffix(w, "er"), strings.HasSuffix(w, "ez"):
		return w[:len(w)-2] + "e"
	}
	return w
}
