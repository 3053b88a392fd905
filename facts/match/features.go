package match

import "math"

// The re-ranking features of one candidate document for one query.
const (
	fBias      = iota
	fRel       // BM25 score / the query's top BM25 score
	fLogBM25   // log(1 + BM25 score)
	fMargin    // (BM25 score - best other candidate's) / top score
	fQCov      // share of the query words' idf mass the document contains
	fDCov      // best text: share of its idf mass the query contains
	fBigram    // share of the query's word pairs found side by side in the document
	fNum       // log(1 + numbers shared)
	fNumMiss   // the query has numbers and the document shares none of them
	fEntity    // share of the query's capitalized words' idf mass the document contains
	fConcept   // share of the query's concepts the document evokes
	fAuthor    // share of the tweet author's words the document contains
	fQLen      // log(1 + words in the query)
	fRecip     // 1 / BM25 rank
	fCore      // share-weighted part of the document's core terms the query contains
	fYear      // the document mentions the year a pasted tweet was posted
	fMaxIDF    // highest idf of a query word the document contains / the highest idf
	fMatched   // log(1 + distinct query words the document contains)
	fMedia     // the query links to a picture or video and the document speaks of one
	fQFlat     // share of the query's words the document contains, each counted once (no idf)
	fDFlat     // best text: share of its distinct words the query contains (no idf)
	fPractical // the query asks for practical help ("how do I...") or announces an event
	fTopics    // share of the document's main concepts (in half its texts or more) the query evokes
	fCos       // best text: cosine between its words and concepts and the query's (see cosWeight)
	fMissed    // log(1 + distinct query words the document does not contain)
	fGroup     // the query names a group of people (immigrants, refugees...) or points at one ("they")
	fPersonal  // the query speaks of the asker's own affairs ("my", "je", "mi") and names no group
	fDated     // the query names a month or says "today", "this year": news or a notice, seldom a claim
	fUs        // the query speaks for an in-group ("we", "our", "nos"): us against them
	fSweep     // the query generalizes ("all", "every", "never", "tous", "todos")
	fQuestion  // the query ends with a question mark
	nFeatures
)

// featureNames label the features in models.json, so a stale model file is caught.
var featureNames = [nFeatures]string{
	"bias", "rel", "log_bm25", "margin", "qcov", "dcov", "bigram", "num", "num_miss", "entity",
	"concept", "author", "qlen", "recip", "core", "year", "max_idf", "matched", "media",
	"qcov_flat", "dcov_flat", "practical", "topics", "cos", "missed", "group", "personal", "dated",
	"us", "sweep", "question",
}

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
	*f = [nFeatures]float64{}
	f[fBias] = 1
	f[fRel] = ratio(c.bm25, top)
	f[fLogBM25] = math.Log1p(c.bm25)
	f[fMargin] = ratio(c.bm25-other, top)
	f[fQLen] = math.Log1p(float64(pq.nWords))
	f[fRecip] = 1 / float64(rank+1)

	clear(s.hit[:len(pq.terms)])
	var tm textMatch
	if ix.occs != nil {
		tm = ix.matchByOccurrence(pq, c.doc, s)
	} else {
		tm = ix.matchByScan(pq, c.doc, s)
	}
	f[fDCov] = float64(tm.dcov)
	f[fDFlat] = float64(tm.flat)
	if pq.sq > 0 {
		f[fCos] = float64(tm.dot) / math.Sqrt(float64(pq.sq))
	}
	if tm.year {
		f[fYear] = 1
	}
	pairs, queryNums := tm.pairs, 0
	if pq.practical {
		f[fPractical] = 1
	}
	if pq.group {
		f[fGroup] = 1
	}
	if pq.personal && !pq.group {
		f[fPersonal] = 1
	}
	if pq.dated {
		f[fDated] = 1
	}
	if pq.us {
		f[fUs] = 1
	}
	if pq.sweep {
		f[fSweep] = 1
	}
	if pq.question {
		f[fQuestion] = 1
	}
	if pq.media && ix.media[c.doc] {
		f[fMedia] = 1
	}
	var core, coreHit float32
	topics, topicHit := 0, 0
	for _, ct := range ix.core[c.doc] {
		hit := s.marked(ct.id)
		share := ct.share()
		core += share
		if hit {
			coreHit += share
		}
		if ct.topic() {
			topics++
			if hit {
				topicHit++
			}
		}
	}
	f[fCore] = ratio(float64(coreHit), float64(core))
	f[fTopics] = ratio(float64(topicHit), float64(topics))
	var wordHit, capHit, maxIDF float32
	matched := 0
	// A word whose synonym group the document evokes is covered, as if written the same way.
	for i, t := range pq.terms {
		if t.role == roleConcept && s.hit[i] {
			switch {
			case t.partner >= 0:
				s.hit[t.partner] = true
			case t.orphan:
				matched++
				wordHit += ix.maxIDF
			}
		}
	}
	numHit, concepts, conceptHit, authorHit := 0, 0, 0, 0
	for i, t := range pq.terms {
		hit := s.hit[i]
		switch t.role {
		case roleWord:
			if hit {
				matched++
				maxIDF = max(maxIDF, ix.idf[t.id])
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
	f[fMaxIDF] = float64(maxIDF / ix.maxIDF)
	f[fMatched] = math.Log1p(float64(matched))
	f[fQFlat] = ratio(float64(matched), float64(pq.nDistinct))
	f[fMissed] = math.Log1p(float64(max(0, pq.nDistinct-matched)))
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

// textMatch is what a document's texts share with a query, for the features.
type textMatch struct {
	// The best over the document's texts of: the idf mass of the query words found over the
	// text's own, the distinct query words found over the text's distinct words, and the dot
	// product of the text's and the query's words and concepts over the text's norm.
	dcov, flat, dot float32
	pairs           int  // the query's word pairs found side by side, over all texts
	year            bool // a text has the year a pasted tweet was posted
}

// matchByOccurrence computes the textMatch of document doc from the occurrences of the query's
// terms, visiting only the texts that contain one. It sets s.hit for the terms found.
func (ix *Index) matchByOccurrence(pq *parsedQuery, doc int32, s *scratch) textMatch {
	var tm textMatch
	s.stampN++
	hitTexts := s.hitTexts[:0]
	texts := ix.texts[doc]
	for qi := range pq.terms {
		id := pq.terms[qi].id
		occs := ix.occurrencesIn(id, doc)
		if len(occs) == 0 {
			continue
		}
		s.hit[qi] = true
		w := ix.cosWeight(id) * ix.cosWeight(id)
		prevText := int32(-1)
		for _, o := range occs {
			acc := &s.texts[o.text]
			if acc.stamp != s.stampN {
				*acc = textAcc{stamp: s.stampN}
				hitTexts = append(hitTexts, o.text)
			}
			first := o.text != prevText // the first occurrence of the term in this text
			prevText = o.text
			switch {
			case o.pos >= 0:
				if first {
					acc.covered += ix.idf[id]
					acc.dot += w
					acc.distinct++
				}
				if o.pos > 0 {
					if before := texts[o.text].seq[o.pos-1]; s.marked(before) && hasPair(pq.bigrams, before, id) {
						tm.pairs++
					}
				}
			case o.pos == posConcept && first:
				acc.dot += w
			}
		}
	}
	s.hitTexts = hitTexts
	for _, ti := range hitTexts {
		t, acc := &texts[ti], &s.texts[ti]
		tm.dcov = max(tm.dcov, acc.covered*t.invIDF)
		tm.flat = max(tm.flat, float32(acc.distinct)*t.invDistinct)
		tm.dot = max(tm.dot, acc.dot*t.invNorm)
	}
	tm.year = pq.year >= 0 && len(ix.occurrencesIn(pq.year, doc)) > 0
	return tm
}

// matchByScan computes the textMatch of document doc by reading every term of its texts. It sets
// s.hit for the terms found.
func (ix *Index) matchByScan(pq *parsedQuery, doc int32, s *scratch) textMatch {
	var tm textMatch
	for ti := range ix.texts[doc] {
		t := &ix.texts[doc][ti]
		s.stampN++
		var covered, dot float32
		distinct := 0
		for i, id := range t.seq {
			if !s.marked(id) {
				continue
			}
			s.hit[s.mark[id]-1] = true
			if s.stamp[id] != s.stampN {
				s.stamp[id] = s.stampN
				covered += ix.idf[id]
				dot += ix.cosWeight(id) * ix.cosWeight(id)
				distinct++
			}
			if i > 0 && s.marked(t.seq[i-1]) && hasPair(pq.bigrams, t.seq[i-1], id) {
				tm.pairs++
			}
		}
		for _, id := range t.nums {
			if q := s.mark[id]; q != 0 {
				s.hit[q-1] = true
			}
			tm.year = tm.year || id == pq.year
		}
		for _, id := range t.concepts {
			if q := s.mark[id]; q != 0 {
				s.hit[q-1] = true
				if s.stamp[id] != s.stampN {
					s.stamp[id] = s.stampN
					dot += ix.cosWeight(id) * ix.cosWeight(id)
				}
			}
		}
		tm.dcov = max(tm.dcov, covered*t.invIDF)
		tm.flat = max(tm.flat, float32(distinct)*t.invDistinct)
		tm.dot = max(tm.dot, dot*t.invNorm)
	}
	return tm
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
