package match

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// plainRetrieve is retrieve as it was written before its walk lost its branches (kept here as
// the reference): it scores every document sharing a term with the query and returns the best
// n, best first.
func plainRetrieve(ix *Index, pq *parsedQuery, n int) []candidate {
	if len(plain.acc) != len(ix.ids) {
		plain.acc, plain.seen = make([]float32, len(ix.ids)), make([]bool, len(ix.ids))
	}
	acc, seen := plain.acc, plain.seen
	var touched []int32
	for _, t := range pq.terms {
		wIDF := t.w * ix.idf[t.id]
		var partner []posting
		var pIDF float32
		if t.partner >= 0 {
			pt := pq.terms[t.partner]
			partner, pIDF = ix.postings[pt.id], pt.w*ix.idf[pt.id]
		}
		j := 0
		for _, p := range ix.postings[t.id] {
			if !seen[p.doc] {
				seen[p.doc] = true
				touched = append(touched, p.doc)
			}
			c := wIDF * p.bm
			if partner != nil {
				for j < len(partner) && partner[j].doc < p.doc {
					j++
				}
				if j < len(partner) && partner[j].doc == p.doc {
					c = max(0, c-pIDF*partner[j].bm)
				}
			}
			acc[p.doc] += c
		}
	}
	var best []scored // the best n so far, best first, kept in order by insertion
	for _, d := range touched {
		e := scored{doc: d, score: acc[d]}
		acc[d], seen[d] = 0, false
		if len(best) == n && !e.above(best[n-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, e, func(x, e scored) int {
			if x.above(e) {
				return -1
			}
			return 1
		})
		best = slices.Insert(best, at, e)[:min(len(best)+1, n)]
	}
	all := best
	var out []candidate
	for _, e := range all[:min(n, len(all))] {
		out = append(out, candidate{doc: e.doc, bm25: float64(e.score)})
	}
	return out
}

// plain is plainRetrieve's working memory, cleared after each use.
var plain struct {
	acc  []float32
	seen []bool
}

// retrieveBoth fails where retrieve and plainRetrieve differ for query q, to the last bit, and
// checks that retrieve leaves its scratch clean for the next search.
func retrieveBoth(t *testing.T, ix *Index, s *scratch, q, lang string, n int) {
	t.Helper()
	pq := ix.parseQuery(q, lang, s)
	defer pq.unmark(s)
	want := plainRetrieve(ix, &pq, n)
	got := slices.Clone(ix.retrieve(&pq, s, n))
	if !slices.Equal(got, want) {
		t.Fatalf("%.60q, n=%d:\n got %v\nwant %v", q, n, got, want)
	}
	if slices.ContainsFunc(s.acc, func(v float32) bool { return v != 0 }) ||
		slices.ContainsFunc(s.isTouched, func(v uint8) bool { return v != 0 }) {
		t.Fatalf("%.60q: retrieve left scores behind", q)
	}
}

// TestRetrieveSameAsPlainWalk checks retrieve against plainRetrieve on random collections and
// queries, drawn from a few hundred words with a skewed frequency, as real collections have,
// and words of synonym groups, whose concept terms are scored against their partner word.
func TestRetrieveSameAsPlainWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("rent housing apartment jobs employment wages salary immigrants migrants " +
		"newcomers refugees asylum welfare benefits crime police hospital doctors taxes")
	for i := range 300 {
		words = append(words, fmt.Sprintf("w%03dx", i))
	}
	word := func() string { return words[int(math.Pow(rng.Float64(), 3)*float64(len(words)))] }
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	for range 10 {
		docs := make([]Document, 200+rng.IntN(1000))
		for d := range docs {
			docs[d] = Document{ID: fmt.Sprint(d), Texts: []Text{
				{Kind: KindClaim, Lang: "en", Text: text(3 + rng.IntN(15))},
				{Kind: KindTitle, Lang: "en", Text: text(2 + rng.IntN(6))}}}
		}
		ix, err := Build(docs, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		s := ix.getScratch()
		for range 100 {
			retrieveBoth(t, ix, s, text(1+rng.IntN(30)), "en", 1+rng.IntN(25))
		}
	}
}

// TestRetrieveSameOnCheckThat checks retrieve against plainRetrieve for every CheckThat! query
// on the CheckThat! collection, which is searched by the full walk (it is under approxMinDocs),
// and that Search takes that walk there. The synthetic collection of 200,000 claims, searched
// in two phases, is checked for quality by TestApproximateRetrieveQuality.
func TestRetrieveSameOnCheckThat(t *testing.T) {
	docs, qs := loadCheckThat(t)
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ix.twoPhase {
		t.Fatalf("the CheckThat! collection (%d claims) is searched in two phases", len(docs))
	}
	s := ix.getScratch()
	for _, q := range qs {
		retrieveBoth(t, ix, s, q.Text, "", ix.opts.RerankDepth)
	}
}

// TestApproximateRetrieveQuality checks the two-phase search of a large collection
// (retrieveApprox) on a synthetic one of 200,000 claims made from CheckThat!'s, against the
// full walk, for every CheckThat! query:
//   - every score it returns is the document's full BM25F score (to 10⁻⁵: the words are added
//     in another order);
//   - its first answer, after the model's re-ranking, is a query's own claim (the real one among
//     its synthetic variants) for at most one query in a hundred fewer than the full walk's;
//   - it finds at least 80% of the full walk's 20 candidates.
func TestApproximateRetrieveQuality(t *testing.T) {
	docs, qs := loadCheckThat(t)
	ix, err := Build(synthesizeClaims(docs, 200_000), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !ix.twoPhase {
		t.Fatal("200,000 claims are searched by the full walk")
	}
	s := ix.getScratch()
	n := ix.opts.RerankDepth
	found, of, rightFull, rightApprox, asked := 0, 0, 0, 0, 0
	for _, q := range qs {
		pq := ix.parseQuery(q.Text, "", s)
		full := plainRetrieve(ix, &pq, n)
		scores := plainScores(ix, &pq)
		approx := slices.Clone(ix.retrieveApprox(&pq, s, n))
		pq.unmark(s)
		for _, c := range approx {
			if full := float64(scores[c.doc]); math.Abs(c.bm25-full) > 1e-5*full {
				t.Fatalf("%.60q: document %d scored %v, its full score is %v", q.Text, c.doc, c.bm25, scores[c.doc])
			}
		}
		if slices.ContainsFunc(s.acc, func(v float32) bool { return v != 0 }) ||
			slices.ContainsFunc(s.isTouched, func(v uint8) bool { return v != 0 }) {
			t.Fatalf("%.60q: retrieveApprox left scores behind", q.Text)
		}
		for _, c := range full {
			of++
			if slices.ContainsFunc(approx, func(a candidate) bool { return a.doc == c.doc }) {
				found++
			}
		}
		if len(q.Gold) == 0 {
			continue
		}
		asked++
		right := func() bool {
			res := ix.Search(q.Text, "", 1)
			return len(res) > 0 && slices.ContainsFunc(q.Gold, func(g string) bool { return res[0].ID == "0/"+g })
		}
		if right() {
			rightApprox++
		}
		ix.twoPhase = false
		if right() {
			rightFull++
		}
		ix.twoPhase = true
	}
	recall := float64(found) / float64(of)
	t.Logf("%d queries: first answer right %.1f%% (full walk %.1f%%); %.1f%% of the full walk's candidates found",
		asked, 100*float64(rightApprox)/float64(asked), 100*float64(rightFull)/float64(asked), 100*recall)
	if rightApprox < rightFull-asked/100 {
		t.Errorf("right first answers: %d, against %d by the full walk", rightApprox, rightFull)
	}
	if recall < 0.8 {
		t.Errorf("found %.1f%% of the full walk's candidates", 100*recall)
	}
}

// plainScores is every document's full BM25F score for pq, summed as plainRetrieve sums them.
func plainScores(ix *Index, pq *parsedQuery) []float32 {
	acc := make([]float32, len(ix.ids))
	for _, t := range pq.terms {
		wIDF := t.w * ix.idf[t.id]
		var partner []posting
		var pIDF float32
		if t.partner >= 0 {
			pt := pq.terms[t.partner]
			partner, pIDF = ix.postings[pt.id], pt.w*ix.idf[pt.id]
		}
		j := 0
		for _, p := range ix.postings[t.id] {
			c := wIDF * p.bm
			if partner != nil {
				for j < len(partner) && partner[j].doc < p.doc {
					j++
				}
				if j < len(partner) && partner[j].doc == p.doc {
					c = max(0, c-pIDF*partner[j].bm)
				}
			}
			acc[p.doc] += c
		}
	}
	return acc
}

// synthesizeClaims makes n claims from the CheckThat! ones as bot/reviews' benchmarks do: the
// claims as they are, then variants splicing the first half of one claim's words with the
// second half of another's, with a third claim's title.
func synthesizeClaims(base []Document, n int) []Document {
	out := make([]Document, 0, n)
	for v := 0; len(out) < n; v++ {
		for i := 0; i < len(base) && len(out) < n; i++ {
			claim, title := base[i].Texts[0].Text, base[i].Texts[1].Text
			if v > 0 {
				a := strings.Fields(base[i].Texts[0].Text)
				b := strings.Fields(base[(i+1009*v)%len(base)].Texts[0].Text)
				claim = strings.Join(slices.Concat(a[:len(a)/2], b[len(b)/2:]), " ")
				title = base[(i+3*v)%len(base)].Texts[1].Text
			}
			out = append(out, Document{ID: fmt.Sprintf("%d/%s", v, base[i].ID), Texts: []Text{
				{Kind: KindClaim, Lang: "en", Text: claim}, {Kind: KindTitle, Lang: "en", Text: title}}})
		}
	}
	return out
}

// TestRetrieveApproxScoresFull checks retrieveApprox on a random collection of 20,000
// documents (below approxMinDocs, but made to take the two phases), without the CheckThat! data: every score it returns is the document's full score,
// best first; a query whose words hold no more than approxBudget postings gets exactly the
// full walk's answer; and it leaves its scratch clean for the next search.
func TestRetrieveApproxScoresFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var words []string
	for i := range 2000 {
		words = append(words, fmt.Sprintf("w%04dx", i))
	}
	word := func() string { return words[int(math.Pow(rng.Float64(), 4)*float64(len(words)))] }
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	docs := make([]Document, 20_000)
	for d := range docs {
		docs[d] = Document{ID: fmt.Sprint(d), Texts: []Text{
			{Kind: KindClaim, Lang: "en", Text: text(5 + rng.IntN(20))},
			{Kind: KindTitle, Lang: "en", Text: text(2 + rng.IntN(6))}}}
	}
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ix.twoPhase = true // below approxMinDocs, searched in two phases here all the same
	s := ix.getScratch()
	cut, whole := 0, 0
	for range 200 {
		q := text(1 + rng.IntN(30))
		pq := ix.parseQuery(q, "en", s)
		total := 0
		for _, tm := range pq.terms {
			total += len(ix.postings[tm.id])
		}
		scores := plainScores(ix, &pq)
		want := plainRetrieve(ix, &pq, 20)
		got := slices.Clone(ix.retrieveApprox(&pq, s, 20))
		pq.unmark(s)
		if total <= approxBudget {
			whole++
			if !slices.Equal(got, want) {
				t.Fatalf("%.60q (%d postings):\n got %v\nwant %v", q, total, got, want)
			}
			continue
		}
		cut++
		for i, c := range got {
			if full := float64(scores[c.doc]); math.Abs(c.bm25-full) > 1e-5*full {
				t.Fatalf("%.60q: document %d scored %v, its full score is %v", q, c.doc, c.bm25, full)
			}
			if i > 0 && c.bm25 > got[i-1].bm25 {
				t.Fatalf("%.60q: not best first: %v", q, got)
			}
		}
		if len(got) != min(20, len(want)) {
			t.Fatalf("%.60q: %d candidates, the full walk %d", q, len(got), len(want))
		}
		if slices.ContainsFunc(s.acc, func(v float32) bool { return v != 0 }) ||
			slices.ContainsFunc(s.isTouched, func(v uint8) bool { return v != 0 }) ||
			slices.ContainsFunc(s.poolBits, func(v uint64) bool { return v != 0 }) {
			t.Fatalf("%.60q: retrieveApprox left scores behind", q)
		}
	}
	if cut < 50 || whole < 20 {
		t.Fatalf("%d queries cut short, %d walked in full: the collection does not test both", cut, whole)
	}
}
