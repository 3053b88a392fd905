package match

import "unsafe"

// fuzzyIndex finds vocabulary stems within a small edit distance of a misspelled one, so
// "imigrants" (stem "imigr") still finds "immigr". It is a one-deletion neighbourhood index
// (as in SymSpell): two strings within edit distance two of each other share a one-deletion
// variant, or one is a deletion of the other.
type fuzzyIndex struct {
	variants map[string][]int32
}

// minFuzzyLen is the shortest stem (in bytes) looked up fuzzily: short words have too many
// neighbours for a guess to be safe.
const minFuzzyLen = 5

func buildFuzzy(terms []string, eligible func(id int32) bool) fuzzyIndex {
	fx := fuzzyIndex{variants: make(map[string][]int32, len(terms)*4)}
	for id, s := range terms {
		if len(s) < minFuzzyLen || !eligible(int32(id)) {
			continue
		}
		forDeletions(s, func(v string) {
			fx.variants[v] = append(fx.variants[v], int32(id))
		})
	}
	return fx
}

// forDeletions calls f with every string made by deleting one rune of s (each distinct one once).
func forDeletions(s string, f func(string)) {
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			if i == 0 || s[i] != s[i-1] {
				f(s[:i] + s[i+1:])
			}
		}
		return
	}
	rs := []rune(s)
	buf := make([]rune, 0, len(rs))
	for i := range rs {
		if i > 0 && rs[i] == rs[i-1] {
			continue // deleting either of two equal neighbours gives the same string
		}
		buf = append(append(buf[:0], rs[:i]...), rs[i+1:]...)
		f(string(buf))
	}
}

// lookup returns the ids of vocabulary stems close to s: within distance 1 for stems up to 7
// letters, 2 for longer ones.
func (fx fuzzyIndex) lookup(s string, termIDs map[string]int32, terms []string) []int32 {
	if len(s) < minFuzzyLen {
		return nil
	}
	maxDist := 1
	if len([]rune(s)) >= 8 {
		maxDist = 2
	}
	var seen [16]int32 // most stems have few neighbours: remember them without allocating
	nSeen := 0
	var seenMore map[int32]bool
	var out []int32
	consider := func(id int32) {
		for _, s := range seen[:min(nSeen, len(seen))] {
			if s == id {
				return
			}
		}
		if seenMore[id] {
			return
		}
		if nSeen < len(seen) {
			seen[nSeen] = id
		} else {
			if seenMore == nil {
				seenMore = map[int32]bool{}
			}
			seenMore[id] = true
		}
		nSeen++
		if editDistance(s, terms[id], maxDist) <= maxDist {
			out = append(out, id)
		}
	}
	for _, id := range fx.variants[s] {
		consider(id)
	}
	visit := func(v []byte) { // the maps are read without building a string of v
		if id, ok := termIDs[string(v)]; ok {
			consider(id)
		}
		for _, id := range fx.variants[string(v)] {
			consider(id)
		}
	}
	var buf [64]byte
	if !isASCII(s) || len(s) > len(buf) {
		forDeletions(s, func(v string) { visit([]byte(v)) })
		return out
	}
	for i := 0; i < len(s); i++ { // forDeletions, in buf
		if i == 0 || s[i] != s[i-1] {
			visit(append(append(buf[:0], s[:i]...), s[i+1:]...))
		}
	}
	return out
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus adjacent
// transpositions) between a and b, or limit+1 once it is known to exceed limit. It is
// computed on runes, or, when both strings are ASCII (most stems), on their bytes, which
// are their runes: a query's fuzzy look-ups compare a misspelled word with dozens of
// vocabulary stems, and converting each to runes cost more than the comparison.
func editDistance(a, b string, limit int) int {
	if isASCII(a) && isASCII(b) {
		return osaDistance(unsafe.Slice(unsafe.StringData(a), len(a)), unsafe.Slice(unsafe.StringData(b), len(b)), limit)
	}
	return osaDistance([]rune(a), []rune(b), limit)
}

// osaDistance is editDistance on the characters of ra and rb.
func osaDistance[C byte | rune](ra, rb []C, limit int) int {
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	var rows [3 * 33]int // the three rows, without allocating, for words of up to 32 characters
	var prev2, prev, cur []int
	if n := len(rb) + 1; n <= 33 {
		prev2, prev, cur = rows[:n], rows[33:33+n], rows[66:66+n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
