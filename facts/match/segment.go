package match

// maxSegmentLen bounds the hashtags segmented (in bytes): the search is quadratic in length.
const maxSegmentLen = 40

// segmentTag splits a one-word hashtag such as "housingcrisis" or "crisedulogement" into words
// the index has seen ("housing", "crisis"), using as few words as possible. Every piece must be
// a word of the indexed texts (three letters or more) or a stop word of lang. It returns nil
// when no such split exists.
func (ix *Index) segmentTag(w, lang string) []string {
	if len(w) < 6 || len(w) > maxSegmentLen || !isASCII(w) {
		return nil
	}
	seen := ix.stems[lang]
	if seen == nil {
		seen = ix.stems["en"]
	}
	known := func(p string) bool {
		_, ok := seen[p]
		return (ok && len(p) >= 3) || (len(p) >= 2 && isStop(lang, p))
	}
	// best[i] is the fewest pieces covering w[:i]; from[i] where the last piece starts.
	var best, from [maxSegmentLen + 1]int
	for i := 1; i <= len(w); i++ {
		best[i] = -1
		for j := 0; j < i; j++ {
			if best[j] < 0 && j > 0 || !known(w[j:i]) {
				continue
			}
			if n := best[j] + 1; best[i] < 0 || n < best[i] {
				best[i], from[i] = n, j
			}
		}
	}
	if best[len(w)] < 2 {
		return nil
	}
	parts := make([]string, best[len(w)])
	for i, k := len(w), len(parts)-1; i > 0; i, k = from[i], k-1 {
		parts[k] = w[from[i]:i]
	}
	return parts
}
