package match

import "math"

// The re-ranking features of one candidate document for one query.
const (
	fBias    = iota
	fRel     // BM25 score / the query's top BM25 score
	fLogBM25 // log(1 + BM25 score)
	fMargin  // (BM25 score - best other candidate's) / top score
	fQCov    // share of the query words' idf mass the document contains
	fDCov    // best text: share of its idf mass the query contains
	fBigram  // share of the query's word pairs found side by side in the document
	fNum     // log(1 + numbers shared)
	fNumMiss // the query has numbers and the document shares none of them
	fEntity  // share of the query's capitalized words' idf mass the document contains
	fConcept // share of the query's concepts the document evokes
	fAuthor  // share of the tweet author's words the document contains
	fQLen    // log(1 + words in the query)
	fRecip   // 1 / BM25 rank
	fCore    // share-weighted part of the document's core terms the query contains
	nFeatures
)

// featureNames label the features in models.json, so a stale model file is caught.
var featureNames = [nFeatures]string{"bias", "rel", "log_bm25", "margin", "qcov", "dcov", "bigram",
	"num", "num_miss", "entity", "concept", "author", "qlen", "recip", "core"}

// candidate is a document retrieved by BM25, with its features.
type candidate struct {
	doc   int32
	bm25  float64
	f     [nFeatures]float64
	score float64
}

// features fills c.f for the candidate at BM25 rank, given the top BM25 score and the best score
// among the other candidates. s.mark must map each query term id to its index in pq.terms plus one.
func (ix *Index) features(pq *parsedQuery, c *candidate, rank int, top, other float64, s *scratch) {
	f := &c.f
	f[fBias] = 1
	f[fRel] = c.bm25 / top
	f[fLogBM25] = math.Log1p(c.bm25)
	f[fMargin] = (c.bm25 - other) / top
	f[fQLen] = math.Log1p(float64(pq.nWords))
	f[fRecip] = 1 / float64(rank+1)

	clear(s.hit[:len(pq.terms)])
	bestDCov := 0.0
	pairs, queryNums := 0, 0
	for _, t := range ix.texts[c.doc] {
		s.stampN++
		var covered float32
		for i, id := range t.seq {
			q := s.mark[id]
			if q == 0 {
				continue
			}
			s.hit[q-1] = true
			if s.stamp[id] != s.stampN {
				s.stamp[id] = s.stampN
				covered += ix.idf[id]
			}
			if i > 0 && s.mark[t.seq[i-1]] != 0 && hasPair(pq.bigrams, t.seq[i-1], id) {
				pairs++
			}
		}
		if t.idfSz > 0 {
			bestDCov = max(bestDCov, float64(covered/t.idfSz))
		}
		for _, id := range t.nums {
			if q := s.mark[id]; q != 0 {
				s.hit[q-1] = true
			}
		}
		for _, id := range t.concepts {
			if q := s.mark[id]; q != 0 {
				s.hit[q-1] = true
			}
		}
	}
	f[fDCov] = bestDCov
	var core, coreHit float32
	for _, ct := range ix.core[c.doc] {
		core += ct.share
		if s.mark[ct.id] != 0 {
			coreHit += ct.share
		}
	}
	f[fCore] = ratio(float64(coreHit), float64(core))
	var wordHit, capHit float32
	numHit, concepts, conceptHit, authorHit := 0, 0, 0, 0
	for i, t := range pq.terms {
		hit := s.hit[i]
		switch t.role {
		case roleWord:
			if hit {
				wordHit += ix.idf[t.id] * min(t.w, 1)
				if t.cap {
					capHit += ix.idf[t.id]
				}
			}
		case roleNum:
			queryNums++
			if hit {
				numHit++
			}
		case roleConcept:
			concepts++
			if hit {
				conceptHit++
			}
		case roleAuthor:
			if hit {
				authorHit++
			}
		}
	}
	f[fQCov] = ratio(float64(wordHit), float64(pq.wordIDF))
	f[fEntity] = ratio(float64(capHit), float64(pq.capIDF))
	f[fBigram] = ratio(float64(min(pairs, len(pq.bigrams))), float64(len(pq.bigrams)))
	f[fNum] = math.Log1p(float64(numHit))
	if queryNums > 0 && numHit == 0 {
		f[fNumMiss] = 1
	}
	f[fConcept] = ratio(float64(conceptHit), float64(concepts))
	f[fAuthor] = ratio(float64(authorHit), float64(pq.nAuthors))
}

func hasPair(pairs []uint64, a, b int32) bool {
	k := uint64(a)<<32 | uint64(b)
	for _, p := range pairs {
		if p == k {
			return true
		}
	}
	return false
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}
