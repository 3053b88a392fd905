package match

import (
	"flag"
	"runtime"
	"slices"
	"testing"
	"time"

	"factline/internal/cputime"
)

// The steps experiment times each step of a search of the synthetic 200,000 claims by the
// thread's CPU clock (a search's own time, which waiting for a core on a shared machine does
// not inflate), for every CheckThat! query, and prints the medians (docs/ratings.md, "Scale"):
//
//	go test ./facts/match/ -run 'TestSearchSteps|TestSearchStats|TestParseParts' -steps -v
var steps = flag.Bool("steps", false, "time the steps of a search of 200,000 claims")

// logMedians prints the median and the mean of each step's times, by name.
func logMedians(t *testing.T, names []string, times [][]time.Duration) {
	t.Helper()
	for i, name := range names {
		slices.Sort(times[i])
		var sum time.Duration
		for _, v := range times[i] {
			sum += v
		}
		t.Logf("%-20s median %6.1f µs  mean %6.1f µs", name,
			float64(times[i][len(times[i])/2].Nanoseconds())/1000, float64(sum.Nanoseconds())/1000/float64(len(times[i])))
	}
}

func TestSearchSteps(t *testing.T) {
	if !*steps {
		t.Skip("pass -steps to time the steps of a search")
	}
	_, qs := loadCheckThat(t)
	ix := synthetic200k(t)
	runtime.LockOSThread() // the CPU time read is the thread's
	defer runtime.UnlockOSThread()
	names := []string{"parse", "walk", "pool", "complete", "best", "rerank", "total", "reference retrieval"}
	times := make([][]time.Duration, len(names))
	s := ix.getScratch()
	n := ix.opts.RerankDepth
	for round := range 5 {
		for qi, q := range qs {
			var d [8]time.Duration
			lang := DetectLanguage(q.Text)
			// The retrieval as first merged (referenceApprox), before or after the search, in
			// turn, for a comparison in the same run.
			ref := func() {
				pq := ix.parseQuery(q.Text, lang, s)
				c0 := cputime.Thread()
				referenceApprox(ix, &pq, s, n)
				d[7] = cputime.Thread() - c0
				pq.unmark(s)
			}
			if (qi+round)%2 == 0 {
				ref()
			}
			c0 := cputime.Thread()
			pq := ix.parseQuery(q.Text, lang, s)
			c1 := cputime.Thread()
			stop, k, whole := ix.walkRarest(&pq, s)
			c2 := cputime.Thread()
			c3, c4 := c2, c2
			var cands []candidate
			if whole {
				cands = ix.retrieve(&pq, s, n)
			} else {
				pool := ix.pickPool(s, k)
				c3 = cputime.Thread()
				ix.completePool(&pq, s, pool, s.order[stop:])
				c4 = cputime.Thread()
				cands = s.popCandidates(ix.bestOfPool(s, pool, n))
			}
			c5 := cputime.Thread()
			if len(cands) > 0 {
				ix.rerank(&pq, cands, s)
			}
			c6 := cputime.Thread()
			pq.unmark(s)
			if (qi+round)%2 == 1 {
				ref()
			}
			d[0], d[1], d[2], d[3], d[4], d[5], d[6] = c1-c0, c2-c1, c3-c2, c4-c3, c5-c4, c6-c5, c6-c0
			for i := range d {
				times[i] = append(times[i], d[i])
			}
		}
	}
	logMedians(t, names, times)
}

// TestSearchStats prints what the two phases handle at the median: the documents the first
// phase meets, the heap's insertions picking the pool, the query's terms and those left to
// the second phase, the postings walked and left, and how many of the pool's (document, word
// left) pairs the document holds.
func TestSearchStats(t *testing.T) {
	if !*steps {
		t.Skip("pass -steps")
	}
	_, qs := loadCheckThat(t)
	ix := synthetic200k(t)
	s := ix.getScratch()
	present, pairs := 0, 0
	var ks, ins, lefts, leftPost, terms, walkedPost []int
	for _, q := range qs {
		pq := ix.parseQuery(q.Text, DetectLanguage(q.Text), s)
		stop, k, whole := ix.walkRarest(&pq, s)
		if whole {
			ix.retrieve(&pq, s, 20)
			pq.unmark(s)
			continue
		}
		// count insertions
		h := s.heap[:0]
		n := 0
		for _, d := range s.touched[:k] {
			e := scored{doc: d, score: s.acc[d]}
			if len(h) < approxPool || e.above(h[0]) {
				n++
			}
			h = keepBest(h, e, approxPool)
		}
		s.heap = h
		pool := ix.pickPool(s, k)
		lp, wp := 0, 0
		for _, i := range s.order[stop:] {
			lp += len(ix.postings[pq.terms[i].id])
			for _, e := range pool {
				if ix.termBM(pq.terms[i].id, e.doc) > 0 {
					present++
				}
				pairs++
			}
		}
		for _, i := range s.order[:stop] {
			wp += len(ix.postings[pq.terms[i].id])
		}
		ix.completePool(&pq, s, pool, s.order[stop:])
		ix.bestOfPool(s, pool, 20)
		pq.unmark(s)
		ks, ins, lefts, leftPost, terms, walkedPost = append(ks, k), append(ins, n), append(lefts, len(pq.terms)-stop), append(leftPost, lp), append(terms, len(pq.terms)), append(walkedPost, wp)
	}
	med := func(xs []int) int { slices.Sort(xs); return xs[len(xs)/2] }
	t.Logf("%d cut: median touched %d, heap insertions %d, terms %d, left %d, left postings %d, walked postings %d",
		len(ks), med(ks), med(ins), med(terms), med(lefts), med(leftPost), med(walkedPost))
	t.Logf("pairs present %d of %d", present, pairs)
}

// BenchmarkSearch200kSteps searches the 200,000 claims with the CheckThat! queries, cycled, for
// a profile of the whole search:
//
//	go test ./facts/match/ -run '^$' -bench Search200kSteps -benchtime 30000x -cpuprofile cpu.out
func BenchmarkSearch200kSteps(b *testing.B) {
	_, qs := loadCheckThat(b)
	ix := synthetic200k(b)
	langs := make([]string, len(qs))
	for i, q := range qs {
		langs[i] = DetectLanguage(q.Text)
	}
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)].Text, langs[i%len(qs)], 20)
		i++
	}
}

// TestParseParts times the parts of a query's analysis apart, after a search of another query
// has taken the processor's cache (the analysis itself is timed again at the end, warm).
func TestParseParts(t *testing.T) {
	if !*steps {
		t.Skip("pass -steps")
	}
	_, qs := loadCheckThat(t)
	ix := synthetic200k(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	s := ix.getScratch()
	names := []string{"footer", "tokens", "tags", "cues", "analyze", "lookups", "author", "parse"}
	times := make([][]time.Duration, len(names))
	sink := 0
	for range 3 {
		for _, q := range qs {
			lang := DetectLanguage(q.Text)
			// evict as a search would: walk the query's terms
			pq := ix.parseQuery(q.Text, lang, s)
			stop, k, whole := ix.walkRarest(&pq, s)
			if whole {
				ix.retrieve(&pq, s, 20)
			} else {
				pool := ix.pickPool(s, k)
				ix.completePool(&pq, s, pool, s.order[stop:])
				ix.bestOfPool(s, pool, 20)
			}
			pq.unmark(s)
			var d [8]time.Duration
			c0 := cputime.Thread()
			body, author, _ := splitFooter(q.Text)
			c1 := cputime.Thread()
			toks := tokensOf(body)
			c2 := cputime.Thread()
			toks = ix.splitTags(toks, lang)
			c3 := cputime.Thread()
			if readCues(toks, lang).group {
				sink++
			}
			c4 := cputime.Thread()
			tms := analyzeTokens(toks, lang, ix.stems, false, true)
			c5 := cputime.Thread()
			for _, tm := range tms {
				if _, ok := ix.termIDs[tm.stem]; ok {
					sink++
				}
			}
			c6 := cputime.Thread()
			for _, tm := range analyze(author, lang, ix.stems, false, false) {
				if _, ok := ix.termIDs[tm.stem]; ok {
					sink++
				}
			}
			c7 := cputime.Thread()
			pq = ix.parseQuery(q.Text, lang, s)
			c8 := cputime.Thread()
			pq.unmark(s)
			d = [8]time.Duration{c1 - c0, c2 - c1, c3 - c2, c4 - c3, c5 - c4, c6 - c5, c7 - c6, c8 - c7}
			for i := range d {
				times[i] = append(times[i], d[i])
			}
		}
	}
	logMedians(t, names, times)
	t.Log(sink > 0)
}

// TestSkipPotential counts the pool's documents past the 20 best by their first-phase score
// whose score, plus the most the words left could add, stays under the 20th best full score
// of those 20: documents the second phase could skip (MaxScore on the pool). 4% of them, with
// exact bounds: not worth their cost.
func TestSkipPotential(t *testing.T) {
	if !*steps {
		t.Skip("pass -steps")
	}
	_, qs := loadCheckThat(t)
	ix := synthetic200k(t)
	s := ix.getScratch()
	skipAll, skipLoose, total, queries := 0, 0, 0, 0
	for _, q := range qs {
		pq := ix.parseQuery(q.Text, DetectLanguage(q.Text), s)
		stop, k, whole := ix.walkRarest(&pq, s)
		if whole {
			ix.retrieve(&pq, s, 20)
			pq.unmark(s)
			continue
		}
		queries++
		pool := ix.pickPool(s, k)
		partial := map[int32]float32{}
		for _, e := range pool {
			partial[e.doc] = e.score
		}
		var ub, loose float32
		for _, i := range s.order[stop:] {
			tm := pq.terms[i]
			var mx float32
			for _, p := range ix.postings[tm.id] {
				mx = max(mx, p.bm)
			}
			ub += tm.w * ix.idf[tm.id] * mx
			loose += tm.w * ix.idf[tm.id] * float32(ix.opts.K1+1)
		}
		ix.completePool(&pq, s, pool, s.order[stop:])
		// the top 20 by partial, completed: their 20th best full score
		byPartial := slices.Clone(pool)
		slices.SortFunc(byPartial, func(a, b scored) int {
			if a.above(b) {
				return -1
			}
			return 1
		})
		var fulls []float32
		for _, e := range byPartial[:min(20, len(byPartial))] {
			fulls = append(fulls, s.acc[e.doc])
		}
		slices.Sort(fulls)
		f20 := fulls[0]
		for _, e := range byPartial[min(20, len(byPartial)):] {
			total++
			if e.score+ub < f20 {
				skipAll++
			}
			if e.score+loose < f20 {
				skipLoose++
			}
		}
		ix.bestOfPool(s, pool, 20)
		pq.unmark(s)
	}
	t.Logf("%d queries: of %d pool documents past the 20 best by partial score, %d skippable with exact bounds, %d with k1+1", queries, total, skipAll, skipLoose)
}
