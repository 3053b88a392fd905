package match

import (
	"math"
	"math/bits"
	"slices"
)

// A large collection is searched in two phases (issue 17, docs/ratings.md "Scale"): the first
// walks only the query's rarest words, the second completes the score of the best documents it
// met with the words it left. Walking every word costs, at 200,000 claims, tens of thousands of
// postings per pasted tweet, most of them in the lists of a few common words ("video",
// "shows") that hardly tell one claim from another. Exact pruning (MaxScore, rarest words first
// with a bound on the rest) lost to the plain walk here, as a word's bound is loose; this first
// phase is approximate, judged by the quality of the answers (TestApproximateRetrieveQuality),
// not by identity with the full walk.
const (
	// approxMinDocs is the smallest collection searched in two phases. The curated myths (29
	// documents) and the CheckThat! collection (14,231 claims) are far below it and are
	// searched by the full walk, their results unchanged.
	approxMinDocs = 50_000
	// approxBudget is the number of postings the first phase walks: the query's words, rarest
	// first, until the next would take the walk past it (the rarest is walked whatever its
	// length). A query whose words hold no more than this is walked in full, by retrieve. At
	// 200,000 claims, 6,000 lost 2 points of right first answers, 3,000 more than 3.
	approxBudget = 12_000
	// approxPool is how many of the documents the first phase met, the best by the words it
	// walked, the second phase completes. 30 found fewer than 80% of the full walk's 20
	// candidates; 100 and 200 found more (87%, 91%) but gave no more right first answers
	// and cost more.
	approxPool = 50
)

// retrieveApprox returns, as retrieve does, up to n documents best first with their BM25F
// score, but looks for them among the approxPool documents that score best on the words the
// first phase walks (see approxBudget). Each returned score is the document's full BM25F
// score, every query word's contribution included, only added in another order than
// retrieve's (rarest word first), so it may differ from retrieve's in the last bits.
func (ix *Index) retrieveApprox(pq *parsedQuery, s *scratch, n int) []candidate {
	stop, k, whole := ix.walkRarest(pq, s)
	if whole {
		return ix.retrieve(pq, s, n)
	}
	pool := ix.pickPool(s, k)
	if len(pool) == 0 {
		return nil
	}
	ix.completePool(pq, s, pool, s.order[stop:])
	return s.popCandidates(ix.bestOfPool(s, pool, n))
}

// walkRarest is the first phase: it orders the query's terms rarest first in s.order and walks
// them, as retrieve walks all, while the postings walked stay within approxBudget. It returns
// the index in s.order of the first term left and the documents met (in s.touched[:k]); whole
// is set, and nothing walked, when the query's terms hold no more than approxBudget postings.
func (ix *Index) walkRarest(pq *parsedQuery, s *scratch) (stop, k int, whole bool) {
	order := s.order[:0]
	total := 0
	for i, t := range pq.terms {
		order = append(order, int32(i))
		total += len(ix.postings[t.id])
	}
	s.order = order
	if total <= approxBudget {
		return 0, 0, true
	}
	slices.SortFunc(order, func(a, b int32) int {
		if la, lb := len(ix.postings[pq.terms[a].id]), len(ix.postings[pq.terms[b].id]); la != lb {
			return la - lb
		}
		return int(a - b)
	})
	spent := 0
	stop = len(order)
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
	return stop, k, false
}

// pickPool returns the approxPool best of the k documents the first phase met (s.touched[:k])
// by their sums in s.acc, in no particular order, and clears s.acc and s.isTouched for all of
// them. (Which documents the pool holds does not depend on the order they are met in: they are
// the best by score, then by document order, as the heap ranks them.)
func (ix *Index) pickPool(s *scratch, k int) []scored {
	pool := topScored(s.heap[:0], s.touched[:k], s.acc, s.isTouched, approxPool)
	s.heap = pool
	return pool
}

// completePool is the second phase: it adds the contributions of the terms left (indexes in
// pq.terms) to the pool's first-phase scores, leaving each document's full score in s.acc.
//
// The terms left are the query's commonest, yet a document of the pool holds few of them
// (one pair in seven at 200,000 claims): rather than search every such term's list for every
// document, each document's own terms (a claim and its title: a few dozen, its core terms, see
// coreHoldsAll) tell which of the terms it holds, and only those lists are searched for it.
// The contributions are added in the order of left, as when every list was searched, so the
// sums are the same to the last bit. (A collection of documents with many texts, or a query of
// more than 64 terms, is completed by completeByLists.)
func (ix *Index) completePool(pq *parsedQuery, s *scratch, pool []scored, left []int32) {
	acc := s.acc
	for _, e := range pool {
		acc[e.doc] = e.score
	}
	if len(pq.terms) > 64 || !ix.coreHoldsAll() {
		ix.completeByLists(pq, s, pool, left)
		return
	}
	var want uint64 // a bit by index in pq.terms, set for the terms left
	for _, i := range left {
		want |= 1 << i
	}
	ix.warmCores(pool, s)
	bm := &s.heldBM
	for _, e := range pool {
		all := ix.heldTerms(e.doc, s)
		held := all & want
		for _, i := range left {
			if held&(1<<i) == 0 {
				continue
			}
			// The term-frequency parts come from the document's core terms (heldTerms), the
			// same as its postings': no list is searched.
			t := pq.terms[i]
			c := t.w * ix.idf[t.id] * bm[i]
			if t.partner >= 0 { // as partnered, with the partner's part read the same way
				pt := pq.terms[t.partner]
				var pbm float32
				if all&(1<<t.partner) != 0 {
					pbm = bm[t.partner]
				}
				c = max(0, c-pt.w*ix.idf[pt.id]*pbm)
			}
			acc[e.doc] += c
		}
	}
}

// warmCores reads the core terms of the pool's documents before heldTerms does, in two rounds
// with nothing depending on their reads (see warm): the documents' lists, then the terms.
func (ix *Index) warmCores(pool []scored, s *scratch) {
	var sum int32
	for _, e := range pool {
		sum += int32(len(ix.core[e.doc]))
	}
	for _, e := range pool {
		core := ix.core[e.doc]
		for j := 0; j < len(core); j += 5 {
			sum += core[j].id
		}
	}
	s.sink = sum
}

// coreHoldsAll reports whether every document's core terms are all the terms it holds: a
// term is a core term when it is in minCoreShare of the document's texts or more, so when no
// document has more than 1/minCoreShare texts (a claim and its title: two), any term of a
// text is one. The core terms, one list a document with each term once, are a shorter read
// than the texts (and in one place, where the texts are in three: fewer waits for memory), and
// the features read them anyway.
func (ix *Index) coreHoldsAll() bool {
	return float32(1)/float32(max(ix.maxTexts, 1)) >= minCoreShare
}

// heldTerms returns a bit by index in the query's terms (the first 64), set for those among
// document d's core terms, which are all the terms it holds where coreHoldsAll, and leaves
// their BM25 term-frequency parts in s.heldBM at the same indexes. s.mark must be as
// parseQuery left it.
func (ix *Index) heldTerms(d int32, s *scratch) uint64 {
	var held uint64
	markBits, mark, bm := s.markBits, s.mark, &s.heldBM
	for _, ct := range ix.core[d] {
		if id := ct.id; markBits[id>>6]&(1<<(id&63)) != 0 {
			i := uint32(mark[id]-1) & 63
			held |= 1 << i
			bm[i] = ct.bm
		}
	}
	return held
}

// completeByLists is completePool for a query of more than 64 terms or a collection whose
// documents' core terms are not all their terms: a long list is searched for the pool's
// documents, in document order, each search starting where the last ended; a shorter one is
// read in order, each posting tested against a bit set of the pool (25 kB at 200,000
// documents).
func (ix *Index) completeByLists(pq *parsedQuery, s *scratch, pool []scored, left []int32) {
	acc, inPool := s.acc, s.poolBits
	slices.SortFunc(pool, func(a, b scored) int { return int(a.doc - b.doc) })
	for _, e := range pool {
		inPool[e.doc>>6] |= 1 << (e.doc & 63)
	}
	for _, i := range left {
		t := pq.terms[i]
		wIDF := t.w * ix.idf[t.id]
		ps := ix.postings[t.id]
		if len(pool)*lookupCost*bits.Len(uint(len(ps)/len(pool))) < len(ps) {
			at := 0 // the pool is in document order, as the list is: each search starts where the last ended
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
	for _, e := range pool {
		inPool[e.doc>>6] = 0
	}
}

// bestOfPool returns, as a min-heap, the best n of the pool by the full scores completePool
// left in s.acc, and clears s.acc for the pool.
func (ix *Index) bestOfPool(s *scratch, pool []scored, n int) []scored {
	acc := s.acc
	h := s.heap2[:0]
	for _, e := range pool {
		e.score, acc[e.doc] = acc[e.doc], 0
		h = keepBest(h, e, n)
	}
	s.heap2 = h
	return h
}

// topScored returns, as a min-heap in h, the best n of the documents ds by their scores in
// acc, and clears acc and seen for all of ds.
//
// Most documents score under the weakest kept once the heap is full: that test, against a
// copy of its score, is all they cost (a call of keepBest for each cost three times the
// reads and writes of the scores themselves).
func topScored(h []scored, ds []int32, acc []float32, seen []uint8, n int) []scored {
	weakest := float32(math.Inf(-1)) // h[0]'s score once h holds n; until then, every document goes in
	for _, d := range ds {
		v := acc[d]
		acc[d], seen[d] = 0, 0
		if v < weakest {
			continue // not above h[0]: keepBest would leave h as it is
		}
		h = keepBest(h, scored{doc: d, score: v}, n)
		if len(h) == n {
			weakest = h[0].score
		}
	}
	return h
}

// keepBest adds e to the min-heap h of the best n so far (h[0] the weakest kept) if it is
// among them, and returns h.
func keepBest(h []scored, e scored, n int) []scored {
	switch {
	case len(h) < n:
		h = append(h, e)
		siftUp(h, len(h)-1)
	case e.above(h[0]):
		h[0] = e
		siftDown(h, 0)
	}
	return h
}

// popCandidates empties the min-heap h into s.cands, best first.
func (s *scratch) popCandidates(h []scored) []candidate {
	cands := slices.Grow(s.cands[:0], len(h))[:len(h)]
	s.cands = cands
	for i := len(h) - 1; i >= 0; i-- {
		cands[i] = candidate{doc: h[0].doc, bm25: float64(h[0].score)}
		h[0] = h[len(h)-1]
		h = h[:len(h)-1]
		siftDown(h, 0)
	}
	return cands
}

// partnered is c, term t's contribution to document d's score, less its partner word's if t
// is a concept term, as retrieve computes it.
func (ix *Index) partnered(pq *parsedQuery, t qterm, c float32, d int32) float32 {
	if t.partner < 0 {
		return c
	}
	pt := pq.terms[t.partner]
	return max(0, c-pt.w*ix.idf[pt.id]*ix.termBM(pt.id, d))
}

// lookupCost weighs a step of a binary search in a posting list against a posting read in
// order: the steps jump through memory, the reads follow it.
const lookupCost = 4

// seek returns the first index from at on where ps holds document d or a later one, or
// len(ps), by a binary search of ps[at:]. (Galloping from at, doubling the step, took more
// steps: the pool's documents lie hundreds of postings apart in the common words' lists.)
func seek(ps []posting, at int, d int32) int {
	lo, hi := at, len(ps)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); ps[m].doc < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// termBM is the BM25 term-frequency part of term id in document d, or 0 where d lacks it.
func (ix *Index) termBM(id, d int32) float32 {
	ps := ix.postings[id]
	lo, hi := 0, len(ps)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); ps[m].doc < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(ps) || ps[lo].doc != d {
		return 0
	}
	return ps[lo].bm
}
