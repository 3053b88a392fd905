package match

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
	seen := map[int32]bool{}
	var out []int32
	consider := func(id int32) {
		if seen[id] {
			return
		}
		seen[id] = true
		if editDistance(s, terms[id], maxDist) <= maxDist {
			out = append(out, id)
		}
	}
	for _, id := range fx.variants[s] {
		consider(id)
	}
	forDeletions(s, func(v string) {
		if id, ok := termIDs[v]; ok {
			consider(id)
		}
		for _, id := range fx.variants[v] {
			consider(id)
		}
	})
	return out
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus adjacent
// transpositions) between a and b, or limit+1 once it is known to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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
