package match

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// referenceApprox is retrieveApprox as it was first written (kept here as the reference its
// cheaper forms must equal to the last bit): the rarest words walked within approxBudget, the
// approxPool best documents picked by a heap that every document met is offered to, and their scores completed by
// searching the lists of the words left.
func referenceApprox(ix *Index, pq *parsedQuery, s *scratch, n int) []candidate {
	order := s.order[:0]
	total := 0
	for i, t := range pq.terms {
		order = append(order, int32(i))
		total += len(ix.postings[t.id])
	}
	s.order = order
	if total <= approxBudget {
		return ix.retrieve(pq, s, n)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if la, lb := len(ix.postings[pq.terms[a].id]), len(ix.postings[pq.terms[b].id]); la != lb {
			return la - lb
		}
		return int(a - b)
	})
	k, spent, stop := 0, 0, len(order)
	for w, i := range order {
		t := pq.terms[i]
		size := len(ix.postings[t.id])
		if w > 0 && spent+size > approxBudget {
			stop = w
			break
		}
		spent += size
		k = ix.walkTerm(pq, t, s, k)
	}
	touched, seen, acc := s.touched, s.isTouched, s.acc
	pool := s.heap[:0]
	for _, d := range touched[:k] {
		pool = keepBest(pool, scored{doc: d, score: acc[d]}, approxPool)
		acc[d], seen[d] = 0, 0
	}
	s.heap = pool
	if len(pool) == 0 {
		return nil
	}
	slices.SortFunc(pool, func(a, b scored) int { return int(a.doc - b.doc) })
	inPool := s.poolBits
	for _, e := range pool {
		inPool[e.doc>>6] |= 1 << (e.doc & 63)
		acc[e.doc] = e.score
	}
	for _, i := range order[stop:] {
		t := pq.terms[i]
		wIDF := t.w * ix.idf[t.id]
		ps := ix.postings[t.id]
		if len(pool)*lookupCost*bits.Len(uint(len(ps)/len(pool))) < len(ps) {
			at := 0
			for _, e := range pool {
				if at = seek(ps, at, e.doc); at < len(ps) && ps[at].doc == e.doc {
					acc[e.doc] += ix.partnered(pq, t, wIDF*ps[at].bm, e.doc)
				}
			}
			continue
		}
		for _, p := range ps {
			if d := p.doc; inPool[d>>6]&(1<<(d&63)) != 0 {
				acc[d] += ix.partnered(pq, t, wIDF*p.bm, d)
			}
		}
	}
	h := s.heap2[:0]
	for _, e := range pool {
		e.score, acc[e.doc] = acc[e.doc], 0
		inPool[e.doc>>6] = 0
		h = keepBest(h, e, n)
	}
	s.heap2 = h
	return s.popCandidates(h)
}

// TestRetrieveApproxSameAsReference checks retrieveApprox against referenceApprox, to the last
// bit, for every CheckThat! query (and some made of four) over the 200,000 synthetic claims,
// and that it leaves its scratch clean.
func TestRetrieveApproxSameAsReference(t *testing.T) {
	_, qs := loadCheckThat(t)
	ix := synthetic200k(t)
	s := ix.getScratch()
	n := ix.opts.RerankDepth
	cut, long := 0, 0
	for k, q := range qs {
		// Four queries run together make one of more than 64 terms, whose pool is completed
		// by searching the lists (completeByLists).
		four := q.Text + " " + qs[(k+1)%len(qs)].Text + " " + qs[(k+2)%len(qs)].Text + " " + qs[(k+3)%len(qs)].Text
		for _, text := range []string{q.Text, four} {
			lang := DetectLanguage(text)
			if text == four && k%8 != 0 {
				continue // an eighth of them is enough
			}
			pq := ix.parseQuery(text, lang, s)
			if len(pq.terms) > 64 {
				long++
			}
			want := slices.Clone(referenceApprox(ix, &pq, s, n))
			total := 0
			for _, tm := range pq.terms {
				total += len(ix.postings[tm.id])
			}
			if total > approxBudget {
				cut++
			}
			got := slices.Clone(ix.retrieveApprox(&pq, s, n))
			pq.unmark(s)
			if !slices.Equal(got, want) {
				t.Fatalf("%.60q (lang %q):\n got %v\nwant %v", text, lang, ranked(got), ranked(want))
			}
			if slices.ContainsFunc(s.acc, func(v float32) bool { return v != 0 }) ||
				slices.ContainsFunc(s.isTouched, func(v uint8) bool { return v != 0 }) ||
				slices.ContainsFunc(s.poolBits, func(v uint64) bool { return v != 0 }) {
				t.Fatalf("%.60q: retrieveApprox left scores behind", text)
			}
		}
	}
	t.Logf("%d searches in two phases, %d of more than 64 terms", cut, long)
	if cut < len(qs) || long < 50 {
		t.Fatalf("%d searches took the two phases, %d had more than 64 terms: the queries do not test both ways", cut, long)
	}
}

// ranked is the documents and BM25F scores of cands, for a message.
func ranked(cands []candidate) []scored {
	out := make([]scored, len(cands))
	for i, c := range cands {
		out[i] = scored{doc: c.doc, score: float32(c.bm25)}
	}
	return out
}

// TestCoreHoldsAll checks the premise of completePool: where coreHoldsAll, each document's
// core terms are exactly the terms it has postings for; and that a collection of documents
// with more texts than 1/minCoreShare is not taken for one.
func TestCoreHoldsAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("rent housing apartment jobs employment wages salary immigrants migrants " +
		"newcomers refugees asylum welfare benefits crime police hospital doctors taxes 2019 1000 the of")
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(ws, " ")
	}
	for _, nTexts := range []int{1, 2, 5, 6} {
		docs := make([]Document, 300)
		for d := range docs {
			docs[d].ID = fmt.Sprint(d)
			for range 1 + rng.IntN(nTexts) {
				docs[d].Texts = append(docs[d].Texts, Text{Kind: KindClaim, Lang: "en", Text: text(rng.IntN(12))})
			}
		}
		ix, err := Build(docs, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ix.coreHoldsAll(), ix.maxTexts <= 5; got != want {
			t.Fatalf("at most %d texts a document (most %d): coreHoldsAll %v", nTexts, ix.maxTexts, got)
		}
		if !ix.coreHoldsAll() {
			continue
		}
		byDoc := make([][]int32, len(docs))
		for id, ps := range ix.postings {
			for _, p := range ps {
				byDoc[p.doc] = append(byDoc[p.doc], int32(id))
			}
		}
		for d := range docs {
			var core []int32
			for _, ct := range ix.core[d] {
				core = append(core, ct.id)
			}
			if !slices.Equal(core, byDoc[d]) {
				t.Fatalf("document %d (%d texts): core terms %v, postings %v", d, len(docs[d].Texts), core, byDoc[d])
			}
		}
	}
}
