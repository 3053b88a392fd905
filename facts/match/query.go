package match

// Query term roles.
const (
	roleWord    = iota // a word of the question's body (or a fuzzy stand-in for one)
	roleNum            // a number
	roleConcept        // a cross-language concept term
	roleAuthor         // a word of a pasted tweet's author line
)

// qterm is one distinct indexed term of a query.
type qterm struct {
	id   int32
	role int
	w    float32 // query weight: repeats add up; fuzzy, concept and author terms weigh less
	cap  bool
}

// parsedQuery is a question analyzed against one index.
type parsedQuery struct {
	terms    []qterm
	bigrams  []uint64 // consecutive word pairs (a<<32 | b) of the body, by term id
	wordIDF  float32  // idf mass of the body's words, unknown ones counted at the highest idf
	capIDF   float32  // idf mass of the body's capitalized words
	nWords   int      // body words, known or not
	nAuthors int
}

// parseQuery analyzes the query in langHint (or its detected language) and looks its terms up
// in the index.
func (ix *Index) parseQuery(query, langHint string) parsedQuery {
	body, author := splitFooter(query)
	toks := tokensOf(body)
	lang := langHint
	if lang == "" {
		lang = detectTokens(toks, body)
	}
	var pq parsedQuery
	slot := map[int32]int{}
	add := func(id int32, role int, w float32, cap bool) {
		if i, ok := slot[id]; ok {
			pq.terms[i].w += w
			pq.terms[i].cap = pq.terms[i].cap || cap
			if role < pq.terms[i].role {
				pq.terms[i].role = role
			}
			return
		}
		slot[id] = len(pq.terms)
		pq.terms = append(pq.terms, qterm{id: id, role: role, w: w, cap: cap})
	}
	prev := int32(-1)
	for _, tm := range analyzeTokens(toks, lang, ix.stems, false, ix.opts.ConceptWeight > 0) {
		id, known := ix.termIDs[tm.stem]
		switch {
		case tm.concept:
			if known {
				add(id, roleConcept, float32(ix.opts.ConceptWeight), false)
			}
			continue
		case tm.num:
			if known {
				add(id, roleNum, 1, false)
			}
			continue
		}
		pq.nWords++
		w := float32(1)
		if !known && ix.opts.FuzzyWeight > 0 {
			id, known = ix.fuzzyMatch(tm.stem)
			w = float32(ix.opts.FuzzyWeight)
		}
		if !known {
			pq.wordIDF += ix.maxIDF
			if tm.cap {
				pq.capIDF += ix.maxIDF
			}
			prev = -1
			continue
		}
		if _, dup := slot[id]; !dup || pq.terms[slot[id]].role != roleWord {
			pq.wordIDF += ix.idf[id]
			if tm.cap {
				pq.capIDF += ix.idf[id]
			}
		}
		add(id, roleWord, w, tm.cap)
		if prev >= 0 {
			pq.bigrams = append(pq.bigrams, uint64(prev)<<32|uint64(id))
		}
		prev = id
	}
	if author != "" && ix.opts.AuthorWeight > 0 {
		for _, tm := range analyze(author, lang, ix.stems, false, false) {
			if id, ok := ix.termIDs[tm.stem]; ok && !tm.num {
				pq.nAuthors++
				add(id, roleAuthor, float32(ix.opts.AuthorWeight), false)
			}
		}
	}
	return pq
}

// fuzzyMatch returns the vocabulary stem closest to an unknown one: the nearest, and among
// equally near ones the most frequent.
func (ix *Index) fuzzyMatch(stem string) (int32, bool) {
	best, bestDist, bestDF := int32(-1), 99, 0
	for _, id := range ix.fuzzy.lookup(stem, ix.termIDs, ix.terms) {
		d := editDistance(stem, ix.terms[id], 2)
		df := len(ix.postings[id])
		if d < bestDist || (d == bestDist && df > bestDF) {
			best, bestDist, bestDF = id, d, df
		}
	}
	return best, best >= 0
}
