package match

import (
	"runtime"
	"slices"
	"sync"
)

// buildChunkDocs is how many consecutive documents one worker analyzes at a time: enough that
// each chunk's own vocabulary is worth merging once, few enough that the cores share the work.
const buildChunkDocs = 2048

// chunkAnalysis is the analysis of a range of consecutive documents, with terms numbered in the
// order the chunk first met them (its local ids), so that chunks can be analyzed in parallel and
// merged in order: numbering each chunk's new terms in its local order, chunk after chunk, gives
// every term the id a single pass over the documents would have given it.
//
// A chunk holds only what the index does not keep: its vocabulary, until merged, and the field
// weight of each of its texts, until the postings are written. The documents' texts, core
// terms, media flags and lengths go straight to their places in the index (in local ids until
// the merge renumbers them), and their term frequencies are not kept at all: the texts' term
// lists and weights give them again (writePostings).
type chunkAnalysis struct {
	lo, hi   int // documents [lo, hi)
	vocab    []string
	ids      map[string]int32 // vocab's local ids
	langs    []uint8          // by local id: the language bits of the texts it occurs in
	docLangs uint8            // the language bits of all its texts
	// weights has the field weight of each text kept in ix.texts, the documents' one after
	// the other.
	weights  []float32
	analyzed chan struct{} // closed once analyze returns
}

// analyzeDocs analyzes docs into ix's terms, postings (raw frequencies), texts, core terms,
// media flags and language bits, and returns the documents' field-weighted lengths. It spreads
// the chunks of a large collection over the cores; the index is the same as one analyzed by a
// single pass in document order (TestParallelBuildSame).
//
// The build's peak memory is the index plus what is held on the way, which is kept small: a
// chunk is merged as soon as it and the ones before it are analyzed, while the workers analyze
// the next, and its vocabulary is dropped then; the documents are not read after the analysis.
// At 200,000 claims, when the chunks were merged after the last one and the postings written
// from each document's own list of frequencies, the live heap peaked 65 MB above the finished
// index; it now stays below it.
func (ix *Index) analyzeDocs(docs []Document) []float32 {
	chunks := make([]*chunkAnalysis, 0, len(docs)/buildChunkDocs+1)
	for lo := 0; lo < len(docs); lo += buildChunkDocs {
		chunks = append(chunks, &chunkAnalysis{lo: lo, hi: min(lo+buildChunkDocs, len(docs)), analyzed: make(chan struct{})})
	}
	docLen := make([]float32, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(chunks))
	// Each worker remembers the stems of the words it met, across its chunks: most words of a
	// chunk were met in the one before.
	stems := make([]stemCache, workers)
	for w := range stems {
		stems[w] = stemCache{}
	}
	var m merger
	if workers <= 1 {
		for _, c := range chunks {
			c.analyze(docs, ix, docLen, stems[0])
			m.merge(ix, c)
		}
	} else {
		next := make(chan *chunkAnalysis, len(chunks))
		for _, c := range chunks {
			next <- c
		}
		close(next)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for c := range next {
					c.analyze(docs, ix, docLen, stems[w])
					close(c.analyzed)
				}
			})
		}
		for _, c := range chunks {
			<-c.analyzed
			m.merge(ix, c)
		}
		wg.Wait()
	}
	// Cleared, or the documents stay reachable (from this frame, for the workers' closure)
	// until the build ends.
	docs = nil
	// The workers' stems are the index's: the first worker's, with the words only the others met.
	ix.stems = stems[0]
	for _, cache := range stems[1:] {
		for lang, words := range cache {
			sm := ix.stems[lang]
			if sm == nil {
				sm = make(map[string]stemEntry, len(words))
				ix.stems[lang] = sm
			}
			for w, s := range words {
				sm[w] = s
			}
		}
	}
	ix.stems.numberStems(ix.termIDs)
	ix.writePostings(chunks, m.df)
	return docLen
}

// merger numbers the terms of the chunks, merged in document order, and counts the documents
// containing each term.
type merger struct {
	df      []int32 // by term: the documents containing it
	lastDoc []int32 // by term: the last document (plus one) counted in df
}

// merge gives the chunk's new terms the index's next ids, in the order the chunk first met
// them, renumbers its documents' texts and core terms with the index's ids and counts them in
// df; the chunk's vocabulary is dropped. The chunks before it must be merged.
func (m *merger) merge(ix *Index, c *chunkAnalysis) {
	global := make([]int32, len(c.vocab)) // by local id
	for local, s := range c.vocab {
		id, ok := ix.termIDs[s]
		if !ok {
			id = int32(len(ix.terms))
			ix.termIDs[s] = id
			ix.terms = append(ix.terms, s)
			ix.termLangs = append(ix.termLangs, 0)
			m.df, m.lastDoc = append(m.df, 0), append(m.lastDoc, 0)
		}
		global[local] = id
		ix.termLangs[id] |= c.langs[local]
	}
	ix.langs |= c.docLangs
	c.ids, c.vocab, c.langs = nil, nil, nil
	for d := c.lo; d < c.hi; d++ {
		core := ix.core[d]
		for k := range core {
			core[k].id = global[core[k].id]
		}
		slices.SortFunc(core, func(a, b coreTerm) int { return int(a.id - b.id) }) // deterministic sums
		for _, t := range ix.texts[d] {
			for _, list := range [][]int32{t.seq, t.nums, t.concepts} {
				for k, local := range list {
					id := global[local]
					list[k] = id
					if m.lastDoc[id] != int32(d+1) {
						m.lastDoc[id] = int32(d + 1)
						m.df[id]++
					}
				}
			}
		}
	}
}

// writePostings writes the postings, in document order, each list allocated once at its size
// (df). A document's raw frequency of a term is the sum of the weights of its texts over the
// term's occurrences, added text after text as the analysis added them, so it is the same to
// the bit: every term occurs in a kept text (a text without words or numbers has no concepts
// either).
func (ix *Index) writePostings(chunks []*chunkAnalysis, df []int32) {
	total := 0
	for _, n := range df {
		total += int(n)
	}
	all := make([]posting, total)
	ix.postings = make([][]posting, len(ix.terms))
	off := 0
	for id, n := range df {
		ix.postings[id] = all[off : off : off+int(n)]
		off += int(n)
	}
	tf := make([]float32, len(ix.terms))
	inDoc := make([]int32, len(ix.terms)) // by term: the last document (plus one) that listed it in seen
	var seen []int32
	for _, c := range chunks {
		weights := c.weights
		for d := c.lo; d < c.hi; d++ {
			seen = seen[:0]
			for _, t := range ix.texts[d] {
				w := weights[0]
				weights = weights[1:]
				for _, list := range [][]int32{t.seq, t.nums, t.concepts} {
					for _, id := range list {
						if inDoc[id] != int32(d+1) {
							inDoc[id] = int32(d + 1)
							seen = append(seen, id)
						}
						tf[id] += w
					}
				}
			}
			for _, id := range seen {
				ix.postings[id] = append(ix.postings[id], posting{doc: int32(d), bm: tf[id]})
				tf[id] = 0
			}
		}
		c.weights = nil
	}
}

// analyze analyzes the chunk's documents, stemming with stems, into their places in ix (texts,
// core terms, media flags) and in docLen, and the weights of their texts. Each document's texts,
// their term lists and its core terms are gathered in buffers reused from one document to the
// next, then copied at their size: an index is mostly these lists, and lists grown by appending
// would leave as much again in slack and garbage.
func (c *chunkAnalysis) analyze(docs []Document, ix *Index, docLen []float32, stems stemCache) {
	opts := ix.opts
	c.ids = map[string]int32{}
	// By local id, for the document being analyzed: the number of its texts containing it, the
	// last text that counted it (stamp), and the last document (plus one) that listed it in seen.
	var inTexts, stamp, inDoc []int32
	var seen []int32 // the document's terms, in the order they first occur
	var media []bool // by local id: the term names a picture or video (mediaStems)
	// The lengths of the term lists of the document's kept texts, whose lists are, one after the
	// other, in ids (seq, nums, concepts of the first text, then of the second...); and the
	// current text's lists.
	var lens [][3]int
	var ids, seq, nums, concepts []int32
	var core []coreTerm
	textNo := int32(0)
	for i := range c.hi - c.lo {
		d := c.lo + i
		seen, lens, ids = seen[:0], lens[:0], ids[:0]
		var length float32
		for _, t := range docs[d].Texts {
			w := float32(opts.weight(t.Kind))
			seq, nums, concepts = seq[:0], nums[:0], concepts[:0]
			lang := textLang(t)
			bit := langBit(lang)
			c.docLangs |= bit
			for _, tm := range analyze(t.Text, lang, stems, true, true) {
				id, ok := c.ids[tm.stem]
				if !ok {
					id = int32(len(c.vocab))
					c.ids[tm.stem] = id
					c.vocab = append(c.vocab, tm.stem)
					c.langs = append(c.langs, 0)
					media = append(media, mediaStems[tm.stem])
					inTexts, stamp, inDoc = append(inTexts, 0), append(stamp, -1), append(inDoc, 0)
				}
				c.langs[id] |= bit
				if inDoc[id] != int32(i+1) {
					inDoc[id] = int32(i + 1)
					seen = append(seen, id)
				}
				switch {
				case tm.concept:
					concepts = append(concepts, id)
					continue // concepts score but do not count toward the text's length
				case tm.num:
					nums = append(nums, id)
				default:
					seq = append(seq, id)
				}
				length += w
				if media[id] {
					ix.media[d] = true
				}
			}
			if len(seq)+len(nums) > 0 {
				c.weights = append(c.weights, w)
				lens = append(lens, [3]int{len(seq), len(nums), len(concepts)})
				ids = append(append(append(ids, seq...), nums...), concepts...)
				textNo++
				for _, list := range [][]int32{seq, nums, concepts} {
					for _, id := range list {
						if stamp[id] != textNo {
							stamp[id] = textNo
							inTexts[id]++
						}
					}
				}
			}
		}
		docLen[d] = length
		if len(lens) > 0 {
			texts := make([]textInfo, len(lens))
			all := slices.Clone(ids)
			carve := func(n int) []int32 {
				if n == 0 {
					return nil
				}
				part := all[:n:n]
				all = all[n:]
				return part
			}
			for k, n := range lens {
				texts[k] = textInfo{seq: carve(n[0]), nums: carve(n[1]), concepts: carve(n[2])}
			}
			ix.texts[d] = texts
		}
		core = core[:0]
		for _, id := range seen {
			if n := inTexts[id]; n > 0 {
				if share := float32(n) / float32(len(lens)); share >= minCoreShare {
					topic := share >= 0.5 && c.vocab[id][0] == '~'
					core = append(core, newCoreTerm(id, share, topic))
				}
			}
			inTexts[id] = 0
		}
		if len(core) > 0 {
			ix.core[d] = slices.Clone(core)
		}
	}
}
