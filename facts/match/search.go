package match

import (
	"math"
	"slices"
	"unicode/utf8"
)

// scratch is per-search working memory, pooled so a query allocates little.
type scratch struct {
	acc       []float32 // BM25 score by document
	touched   []int32   // documents sharing a term with the query, with room for all and one more
	isTouched []uint8   // by document: 1 when in touched
	heap      []scored  // top-n selection
	heap2     []scored  // retrieveApprox's second top-n selection
	order     []int32   // retrieveApprox: query term indexes, rarest first
	poolBits  []uint64  // retrieveApprox: a bit by document, set for its pool
	cands     []candidate
	// rerank's working memory: the candidates' places in score order, and a copy of them.
	rerankOrder  []int32
	rerankSorted []candidate
	terms        []qterm  // room for parsedQuery.terms
	bigrams      []uint64 // room for parsedQuery.bigrams
	wordAt       []int32  // parseQuery's words by position
	mark         []int32  // query term index + 1 by term id
	// markBits has a bit by term id, set when mark is not 0. The features test every term of
	// a candidate's texts against the query: the bits (a few kB) stay in the processor's cache
	// where mark (4 bytes a term, hundreds of kB at 200,000 documents) does not.
	markBits []uint64
	// heldBM has, by query term index, the term-frequency part in the document heldTerms last
	// read of the terms it holds.
	heldBM [64]float32
	sink   int32  // see warm
	hit    []bool // by query term index: found in the current candidate
	stampN uint32 // counts the candidates (by occurrence) or texts (by scan) visited
	// For matchByOccurrence: by text of the current candidate, what it covers of the query; and
	// the texts that contain a query term.
	texts    []textAcc
	hitTexts []int32
	// For matchByScan: by term id, the text that last counted it.
	stamp []uint32
}

// textAcc sums what one text of a candidate covers of the query, for the features.
type textAcc struct {
	stamp    uint32  // scratch.stampN when these sums were started; older ones are stale
	distinct int32   // distinct query words found
	covered  float32 // their idf mass
	dot      float32 // dot product of the text's and the query's words and concepts (cosWeight²)
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.scratch.Get().(*scratch); ok {
		return s
	}
	s := &scratch{
		acc:       make([]float32, len(ix.ids)),
		touched:   make([]int32, len(ix.ids)+1), // see retrieve
		isTouched: make([]uint8, len(ix.ids)),
		mark:      make([]int32, len(ix.terms)),
		markBits:  make([]uint64, (len(ix.terms)+63)/64),
	}
	if ix.twoPhase {
		s.poolBits = make([]uint64, (len(ix.ids)+63)/64)
	}
	if ix.occs != nil {
		s.texts = make([]textAcc, ix.maxTexts)
	} else {
		s.stamp = make([]uint32, len(ix.terms))
	}
	return s
}

// setMark records that term id is the query term at index i in pq.terms.
func (s *scratch) setMark(id int32, i int) {
	s.mark[id] = int32(i + 1)
	s.markBits[id>>6] |= 1 << (id & 63)
}

// marked reports whether term id is a query term (s.mark[id] != 0).
func (s *scratch) marked(id int32) bool {
	return s.markBits[id>>6]&(1<<(id&63)) != 0
}

// maxQueryBytes bounds the part of a query that is analyzed: a long rambling message says what
// it is about well before 16 KiB, and the bound keeps a hostile 1 MB paste cheap.
const maxQueryBytes = 16 << 10

// truncate cuts s to at most n bytes, at a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Search returns up to k results, best first. langHint is a language code or "" (detect).
// Only the first 16 KiB of query are read.
func (ix *Index) Search(query string, langHint string, k int) []Result {
	if ix == nil || k <= 0 {
		return nil
	}
	query = truncate(query, maxQueryBytes)
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	cands := ix.rank(query, langHint, k, s)
	res := make([]Result, len(cands))
	for i, c := range cands {
		res[i] = Result{ID: ix.ids[c.doc], Score: c.score}
		if ix.opts.RerankDepth > 0 {
			res[i].Confidence = ix.model.confidence(c.score)
		} else {
			res[i].Confidence = 1 - math.Exp(-c.bm25/10)
		}
	}
	return res
}

// rank returns the best n candidates: it retrieves the top max(n, RerankDepth) documents by
// BM25F, computes their features and model scores, and re-orders the top RerankDepth by score
// (the rest follow in BM25 order). The candidates live in s.
func (ix *Index) rank(query, langHint string, n int, s *scratch) []candidate {
	pq := ix.parseQuery(query, langHint, s)
	defer pq.unmark(s)
	retrieve := ix.retrieve
	if ix.twoPhase {
		retrieve = ix.retrieveApprox
	}
	cands := retrieve(&pq, s, max(n, ix.opts.RerankDepth))
	if len(cands) == 0 {
		return nil
	}
	if ix.opts.RerankDepth > 0 {
		ix.rerank(&pq, cands, s)
	} else {
		for i := range cands {
			cands[i].score = cands[i].bm25
		}
	}
	return cands[:min(n, len(cands))]
}

// walkTerm adds term t's contribution to the sums in s.acc of the documents holding it, writing
// each document met for the first time at s.touched[k], and returns the new count k. Its loops
// have no branch that depends on the document (see retrieve). A term with a partner (a phrase's
// word counted once with its partner, see parsedQuery) adds only what exceeds the partner's part.
func (ix *Index) walkTerm(pq *parsedQuery, t qterm, s *scratch, k int) int {
	touched, seen, acc := s.touched, s.isTouched, s.acc
	wIDF := t.w * ix.idf[t.id]
	ps := ix.postings[t.id]
	if t.partner < 0 {
		for _, p := range ps {
			d := p.doc
			touched[k] = d
			k += int(1 - seen[d])
			seen[d] = 1
			acc[d] += wIDF * p.bm
		}
		return k
	}
	pt := pq.terms[t.partner]
	partner, pIDF := ix.postings[pt.id], pt.w*ix.idf[pt.id]
	j := 0 // walks partner: both posting lists are in document order
	for _, p := range ps {
		d := p.doc
		touched[k] = d
		k += int(1 - seen[d])
		seen[d] = 1
		c := wIDF * p.bm
		for j < len(partner) && partner[j].doc < d {
			j++
		}
		if j < len(partner) && partner[j].doc == d {
			c = max(0, c-pIDF*partner[j].bm)
		}
		acc[d] += c
	}
	return k
}

// retrieve scores every document sharing a term with the query by BM25F and returns the best n,
// best first, in s.cands.
//
// The walk over the posting lists is most of a search in a large collection (at 200,000
// claims, tens of thousands of postings for a pasted tweet), so its loop has no branch that
// depends on the document: whether a document is met for the first time is as likely as not,
// and a mispredicted branch cost more than the walk's memory accesses. Each document is written
// at the end of touched, which grows by one only the first time (isTouched 0), so touched has
// room for one more than every document. The sums are added in the order of the query's
// terms, so every score is the same to the last bit whatever the loop's form
// (TestRetrieveSameAsPlainWalk).
func (ix *Index) retrieve(pq *parsedQuery, s *scratch, n int) []candidate {
	k := 0 // documents in s.touched
	for _, t := range pq.terms {
		k = ix.walkTerm(pq, t, s, k)
	}
	touched, seen, acc := s.touched, s.isTouched, s.acc
	// A min-heap of the best n so far: s.heap[0] is the weakest kept.
	s.heap = topScored(s.heap[:0], touched[:k], acc, seen, n)
	return s.popCandidates(s.heap)
}

// scored is a document and its BM25 score, the small record the top-n selection moves around.
type scored struct {
	doc   int32
	score float32
}

// above orders by score, then by document order so rankings are stable.
func (e scored) above(o scored) bool {
	return e.score > o.score || (e.score == o.score && e.doc < o.doc)
}

func siftUp(h []scored, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h[p].above(h[i]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []scored, i int) {
	for {
		l, m := 2*i+1, i
		if l < len(h) && h[m].above(h[l]) {
			m = l
		}
		if r := l + 1; r < len(h) && h[m].above(h[r]) {
			m = r
		}
		if m == i {
			return
		}
		h[m], h[i] = h[i], h[m]
		i = m
	}
}

// warm reads a word of every 64 bytes of the candidates' texts and core terms before their
// features are computed. In a large collection each candidate's texts are far from the
// others' and seldom in the processor's cache: read one candidate at a time, every read
// waits for memory; read all in one loop with nothing depending on them, the processor
// waits for many at once. The reads go in three rounds, as each finds where the next are:
// the candidates' lists of texts and of core terms, then the texts, then their terms.
func (ix *Index) warm(cands []candidate, s *scratch) {
	var sum int32
	for i := range cands {
		d := cands[i].doc
		sum += int32(len(ix.texts[d]) + len(ix.core[d]))
		if ix.media[d] {
			sum++
		}
	}
	for i := range cands {
		d := cands[i].doc
		for ti := range ix.texts[d] {
			sum += int32(len(ix.texts[d][ti].seq))
		}
		if core := ix.core[d]; len(core) > 0 {
			sum += core[0].id
		}
	}
	for i := range cands {
		d := cands[i].doc
		for ti := range ix.texts[d] {
			t := &ix.texts[d][ti]
			for j := 0; j < len(t.seq); j += 16 {
				sum += t.seq[j]
			}
		}
		core := ix.core[d]
		for j := 5; j < len(core); j += 5 {
			sum += core[j].id
		}
	}
	s.sink = sum // kept, so the reads are not dropped
}

// rerank computes the features and model scores of the candidates and re-orders the first
// RerankDepth of them by score. s.mark must be as parseQuery left it.
func (ix *Index) rerank(pq *parsedQuery, cands []candidate, s *scratch) {
	if cap(s.hit) < len(pq.terms) {
		s.hit = make([]bool, len(pq.terms))
	}
	s.hit = s.hit[:len(pq.terms)]
	ix.warm(cands, s)
	top := cands[0].bm25
	for i := range cands {
		other := cands[0].bm25
		if i == 0 {
			other = 0
			if len(cands) > 1 {
				other = cands[1].bm25
			}
		}
		ix.features(pq, &cands[i], i, top, other, s)
		cands[i].score = ix.model.score(&cands[i].f)
	}
	// The candidates are sorted by their places, not moved about themselves (300 bytes each,
	// moved a hundred times by the sort): the same stable sort, so the same order.
	head := cands[:min(len(cands), ix.opts.RerankDepth)]
	order := s.rerankOrder[:0]
	for i := range head {
		order = append(order, int32(i))
	}
	s.rerankOrder = order
	slices.SortStableFunc(order, func(a, b int32) int {
		switch sa, sb := head[a].score, head[b].score; {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	sorted := append(s.rerankSorted[:0], head...)
	s.rerankSorted = sorted
	for i, j := range order {
		head[i] = sorted[j]
	}
}
