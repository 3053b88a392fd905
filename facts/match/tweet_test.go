package match

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// wholeSplitFooter is splitFooter as it was before footerStart: the expression run on the
// whole text.
func wholeSplitFooter(s string) (body, author, year string) {
	if !strings.Contains(s, "(@") {
		return s, "", ""
	}
	m := footerRe.FindStringSubmatchIndex(s)
	if m == nil {
		return s, "", ""
	}
	return s[:m[0]], s[m[2]:m[3]] + " @" + s[m[4]:m[5]], s[m[6]:m[7]]
}

// TestSplitFooterSameAsWholeText checks that running footerRe from footerStart finds what it
// finds in the whole text: on the CheckThat! queries (pasted tweets with footers) when present,
// and on random texts made of the pieces a footer is made of, with long runs of spaces, dashes
// and names of 80 characters and more, brackets and handles in the body.
func TestSplitFooterSameAsWholeText(t *testing.T) {
	texts := []string{
		"Immigrants take our jobs — John Smith (@jsmith) January 14, 2020",
		"a -- b (@x) — Name (@handle) Mar. 3, 2021  ",
	}
	t.Run("checkthat", func(t *testing.T) {
		_, qs := loadCheckThat(t)
		var texts []string
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
		sameSplit(t, texts)
	})
	pieces := []string{" ", "  ", "\t", "\n", "—", "–", "-", "--", "(", ")", "(@", "(@abc)", "(@a_b1)",
		"@x", "Name", "José Ñúñez", "word", strings.Repeat("x", 40), strings.Repeat("y ", 30), "é",
		"January 14, 2020", "Mar. 3, 2021", " January 1, 1999 ", ".", "pic.twitter.com/x", "\u00a0", "—\u00a0"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 30000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		switch r.IntN(3) { // most random texts end like a footer, so that some match
		case 0:
			b.WriteString(" — Somebody (@some1) April 2, 2019")
		case 1:
			b.WriteString(pieces[r.IntN(len(pieces))] + "(@h) May 5, 2015")
		}
		texts = append(texts, b.String())
	}
	sameSplit(t, texts)
}

// sameSplit checks splitFooter against wholeSplitFooter on texts, a tenth of which or more
// must have a footer.
func sameSplit(t *testing.T, texts []string) {
	t.Helper()
	matched := 0
	for _, s := range texts {
		b, a, y := splitFooter(s)
		wb, wa, wy := wholeSplitFooter(s)
		if b != wb || a != wa || y != wy {
			t.Fatalf("splitFooter(%q) = %q, %q, %q; on the whole text %q, %q, %q", s, b, a, y, wb, wa, wy)
		}
		if y != "" {
			matched++
		}
	}
	if matched < len(texts)/10 {
		t.Fatalf("only %d of %d texts have a footer: the test checks little", matched, len(texts))
	}
}
