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
type chunkAnalysis struct {
	lo, hi int // documents [lo, hi)
	vocab  []string
	ids    map[string]int32 // vocab's local ids
	langs  []uint8          // by local id: the language bits of the texts it occurs in
	docs   []docAnalysis    // by document - lo
	global []int32          // by local id: the term's id in the index, once merged
}

// docAnalysis is one document's share of the index, in the chunk's local term ids until
// remapped.
type docAnalysis struct {
	texts  []textInfo
	tf     []termFreq // raw field-weighted frequencies, in the order the terms first occur
	core   []coreTerm
	length float32 // field-weighted
	media  bool
	langs  uint8
}

// termFreq is a term's raw field-weighted frequency in one document.
type termFreq struct {
	id int32
	f  float32
}

// analyzeDocs analyzes docs into ix's terms, postings (raw frequencies), texts, core terms,
// media flags and language bits, and returns the documents' field-weighted lengths. It spreads
// the chunks of a large collection over the cores; the index is the same as one analyzed by a
// single pass in document order (TestParallelBuildSame).
func (ix *Index) analyzeDocs(docs []Document) []float32 {
	chunks := make([]*chunkAnalysis, 0, len(docs)/buildChunkDocs+1)
	for lo := 0; lo < len(docs); lo += buildChunkDocs {
		chunks = append(chunks, &chunkAnalysis{lo: lo, hi: min(lo+buildChunkDocs, len(docs))})
	}
	workers := min(runtime.GOMAXPROCS(0), len(chunks))
	// Each worker remembers the stems of the words it met, across its chunks: most words of a
	// chunk were met in the one before.
	stems := make([]stemCache, workers)
	for w := range stems {
		stems[w] = stemCache{}
	}
	each := func(f func(c *chunkAnalysis, worker int)) {
		if workers <= 1 {
			for _, c := range chunks {
				f(c, 0)
			}
			return
		}
		next := make(chan *chunkAnalysis, len(chunks))
		for _, c := range chunks {
			next <- c
		}
		close(next)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for c := range next {
					f(c, w)
				}
			})
		}
		wg.Wait()
	}
	each(func(c *chunkAnalysis, worker int) { c.analyze(docs, ix.opts, stems[worker]) })
	for _, cache := range stems {
		for lang, words := range cache {
			m := ix.stems[lang]
			if m == nil {
				m = make(map[string]string, len(words))
				ix.stems[lang] = m
			}
			for w, s := range words {
				m[w] = s
			}
		}
	}
	// Number the terms, chunk after chunk, in the order each chunk first met them.
	for _, c := range chunks {
		c.global = make([]int32, len(c.vocab))
		for local, s := range c.vocab {
			id, ok := ix.termIDs[s]
			if !ok {
				id = int32(len(ix.terms))
				ix.termIDs[s] = id
				ix.terms = append(ix.terms, s)
				ix.termLangs = append(ix.termLangs, 0)
			}
			c.global[local] = id
			ix.termLangs[id] |= c.langs[local]
		}
		c.ids, c.vocab, c.langs = nil, nil, nil
	}
	each(func(c *chunkAnalysis, _ int) { c.remap(ix) })
	// The postings, in document order, each list allocated once at its size.
	df := make([]int32, len(ix.terms))
	total := 0
	for _, c := range chunks {
		for _, da := range c.docs {
			for _, t := range da.tf {
				df[t.id]++
			}
			total += len(da.tf)
		}
	}
	all := make([]posting, total)
	ix.postings = make([][]posting, len(ix.terms))
	off := 0
	for id, n := range df {
		ix.postings[id] = all[off : off : off+int(n)]
		off += int(n)
	}
	docLen := make([]float32, len(docs))
	for _, c := range chunks {
		for i, da := range c.docs {
			d := int32(c.lo + i)
			for _, t := range da.tf {
				ix.postings[t.id] = append(ix.postings[t.id], posting{doc: d, bm: t.f})
			}
			ix.texts[d], ix.core[d], ix.media[d] = da.texts, da.core, da.media
			ix.langs |= da.langs
			docLen[d] = da.length
		}
		c.docs = nil
	}
	return docLen
}

// analyze analyzes the chunk's documents, stemming with stems. Each document's texts, their
// term lists and its core terms are gathered in buffers reused from one document to the next,
// then copied at their size: an index is mostly these lists, and lists grown by appending would
// leave as much again in slack and garbage.
func (c *chunkAnalysis) analyze(docs []Document, opts Options, stems stemCache) {
	c.ids = map[string]int32{}
	c.docs = make([]docAnalysis, c.hi-c.lo)
	// By local id, for the document being analyzed: its raw frequency, the number of its texts
	// containing it, the last text that counted it (stamp), and the last document (plus one)
	// that listed it in seen.
	var tf []float32
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
	for i := range c.docs {
		da := &c.docs[i]
		seen, lens, ids = seen[:0], lens[:0], ids[:0]
		for _, t := range docs[c.lo+i].Texts {
			w := float32(opts.weight(t.Kind))
			seq, nums, concepts = seq[:0], nums[:0], concepts[:0]
			lang := textLang(t)
			bit := langBit(lang)
			da.langs |= bit
			for _, tm := range analyze(t.Text, lang, stems, true, true) {
				id, ok := c.ids[tm.stem]
				if !ok {
					id = int32(len(c.vocab))
					c.ids[tm.stem] = id
					c.vocab = append(c.vocab, tm.stem)
					c.langs = append(c.langs, 0)
					media = append(media, mediaStems[tm.stem])
					tf, inTexts, stamp, inDoc = append(tf, 0), append(inTexts, 0), append(stamp, -1), append(inDoc, 0)
				}
				c.langs[id] |= bit
				if inDoc[id] != int32(i+1) {
					inDoc[id] = int32(i + 1)
					seen = append(seen, id)
				}
				tf[id] += w
				switch {
				case tm.concept:
					concepts = append(concepts, id)
					continue // concepts score but do not count toward the text's length
				case tm.num:
					nums = append(nums, id)
				default:
					seq = append(seq, id)
				}
				da.length += w
				if media[id] {
					da.media = true
				}
			}
			if len(seq)+len(nums) > 0 {
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
		if len(lens) > 0 {
			da.texts = make([]textInfo, len(lens))
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
				da.texts[k] = textInfo{seq: carve(n[0]), nums: carve(n[1]), concepts: carve(n[2])}
			}
		}
		da.tf = make([]termFreq, len(seen))
		core = core[:0]
		for k, id := range seen {
			da.tf[k] = termFreq{id: id, f: tf[id]}
			if n := inTexts[id]; n > 0 {
				if share := float32(n) / float32(len(lens)); share >= minCoreShare {
					topic := share >= 0.5 && c.vocab[id][0] == '~'
					core = append(core, coreTerm{id: id, share: share, topic: topic})
				}
			}
			tf[id], inTexts[id] = 0, 0
		}
		if len(core) > 0 {
			da.core = slices.Clone(core)
		}
	}
}

// remap gives the chunk's documents the index's term ids.
func (c *chunkAnalysis) remap(ix *Index) {
	for i := range c.docs {
		da := &c.docs[i]
		for k := range da.tf {
			da.tf[k].id = c.global[da.tf[k].id]
		}
		for k := range da.core {
			da.core[k].id = c.global[da.core[k].id]
		}
		slices.SortFunc(da.core, func(a, b coreTerm) int { return int(a.id - b.id) }) // deterministic sums
		for _, t := range da.texts {
			for _, list := range [][]int32{t.seq, t.nums, t.concepts} {
				for k, id := range list {
					list[k] = c.global[id]
				}
			}
		}
	}
}
