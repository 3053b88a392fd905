package match

import (
	"math/rand/v2"
	"testing"
)

// runeEditDistance is editDistance as it was before its ASCII path: on runes, rows allocated.
func runeEditDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
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

// TestEditDistanceSameOnBytesAndRunes checks the byte path of editDistance (both strings
// ASCII) and its rows on the stack against the distance on runes, on random words short and
// long (past the 32 characters kept on the stack), ASCII or not, near each other or not.
func TestEditDistanceSameOnBytesAndRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]rune{[]rune("abcde"), []rune("abé"), []rune("xyzñü")}
	word := func(alpha []rune, n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = alpha[r.IntN(len(alpha))]
		}
		return w
	}
	for range 20000 {
		a := word(alphabets[r.IntN(len(alphabets))], r.IntN(40))
		b := append([]rune(nil), a...)
		for range r.IntN(4) { // a few edits, so distances within the limit are common
			switch i := r.IntN(len(b) + 1); {
			case r.IntN(2) == 0 && i < len(b):
				b = append(b[:i], b[i+1:]...)
			default:
				b = append(b[:i], append([]rune{alphabets[r.IntN(len(alphabets))][0]}, b[i:]...)...)
			}
		}
		if r.IntN(4) == 0 {
			b = word(alphabets[r.IntN(len(alphabets))], r.IntN(40))
		}
		for limit := 0; limit <= 3; limit++ {
			if got, want := editDistance(string(a), string(b), limit), runeEditDistance(string(a), string(b), limit); got != want {
				t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
			}
		}
	}
}
