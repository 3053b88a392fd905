package match

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// TestParallelBuildSame checks that analyzing the documents in chunks spread over the cores
// builds the index a single pass in document order builds (referenceBuild, the pass Build made
// before it was parallel): the same term ids, postings, texts, core terms, statistics, and so the
// same answers. On the myths (one chunk), each text of the myths as a document (two chunks)
// and the CheckThat! collection (seven chunks).
func TestParallelBuildSame(t *testing.T) {
	collections := map[string][]Document{"myths": loadMythDocs(t), "phrasings": phrasingDocs(t)}
	if !raceEnabled && !testing.Short() {
		claims, _ := loadCheckThat(t)
		collections["checkthat"] = claims
	}
	for name, docs := range collections {
		t.Run(name, func(t *testing.T) {
			got, err := Build(docs, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			want := referenceBuild(t, docs, DefaultOptions())
			if len(got.terms) == 0 || len(got.postings) != len(got.terms) {
				t.Fatalf("%d terms, %d posting lists", len(got.terms), len(got.postings))
			}
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"ids", got.ids, want.ids}, {"termIDs", got.termIDs, want.termIDs}, {"terms", got.terms, want.terms},
				{"postings", got.postings, want.postings}, {"idf", got.idf, want.idf}, {"maxIDF", got.maxIDF, want.maxIDF},
				{"stems", got.stems, want.stems}, {"texts", got.texts, want.texts}, {"occs", got.occs, want.occs},
				{"occAt", got.occAt, want.occAt}, {"maxTexts", got.maxTexts, want.maxTexts}, {"core", got.core, want.core},
				{"media", got.media, want.media}, {"fuzzy", got.fuzzy, want.fuzzy}, {"termLangs", got.termLangs, want.termLangs},
				{"langs", got.langs, want.langs}, {"model", got.model, want.model},
			} {
				if !reflect.DeepEqual(f.got, f.want) {
					t.Errorf("%s differs: %s", f.name, firstDifference(f.got, f.want))
				}
			}
		})
	}
}

// phrasingDocs makes a collection of several chunks from the fact base, which the tests always
// have (under -race too, where the parallel analysis is checked for races), in two chunks: each text of each
// myth is a document.
func phrasingDocs(t *testing.T) []Document {
	var docs []Document
	for _, d := range loadMythDocs(t) {
		for i, text := range d.Texts {
			text.Kind = KindClaim
			docs = append(docs, Document{ID: fmt.Sprintf("%s/%d", d.ID, i), Texts: []Text{text}})
		}
	}
	if len(docs) <= buildChunkDocs {
		t.Fatalf("%d documents: one chunk", len(docs))
	}
	return docs
}

// firstDifference describes where two slices first differ, or says that two values differ.
func firstDifference(got, want any) string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	if g.Kind() != reflect.Slice {
		return fmt.Sprintf("%v, want %v", got, want)
	}
	if g.Len() != w.Len() {
		return fmt.Sprintf("length %d, want %d", g.Len(), w.Len())
	}
	for i := range g.Len() {
		if !reflect.DeepEqual(g.Index(i).Interface(), w.Index(i).Interface()) {
			return fmt.Sprintf("at %d: %+v, want %+v", i, g.Index(i).Interface(), w.Index(i).Interface())
		}
	}
	return "?"
}

// referenceBuild is Build as it was before the analysis was spread over the cores: one pass
// over the documents in order, numbering terms as they come.
func referenceBuild(t *testing.T, docs []Document, opts Options) *Index {
	ix := newIndex(len(docs), opts)
	ix.model = models[modelFor(docs, opts)]
	docLen := make([]float32, len(docs))
	for d, doc := range docs {
		ix.ids[d] = doc.ID
		docLen[d] = referenceAdd(ix, int32(d), doc.Texts)
	}
	ix.stems.numberStems(ix.termIDs)
	ix.weigh(docLen)
	nTexts := 0
	for _, ts := range ix.texts {
		nTexts += len(ts)
		ix.maxTexts = max(ix.maxTexts, len(ts))
	}
	if nTexts >= occurrenceMinTexts*len(docs) {
		ix.indexOccurrences()
	}
	if opts.FuzzyWeight > 0 {
		ix.fuzzy = buildFuzzy(ix.terms, func(id int32) bool {
			s := ix.terms[id]
			return s[0] != '~' && (s[0] < '0' || s[0] > '9')
		})
	}
	return ix
}

// referenceAdd is Index.add as it was: document d's texts analyzed into the index.
func referenceAdd(ix *Index, d int32, texts []Text) float32 {
	termID := func(s string) int32 {
		if id, ok := ix.termIDs[s]; ok {
			return id
		}
		id := int32(len(ix.postings))
		ix.termIDs[s] = id
		ix.terms = append(ix.terms, s)
		ix.postings = append(ix.postings, nil)
		ix.termLangs = append(ix.termLangs, 0)
		return id
	}
	tf := map[int32]float32{}
	inTexts := map[int32]int{}
	var length float32
	for _, t := range texts {
		w := float32(ix.opts.weight(t.Kind))
		var info textInfo
		lang := textLang(t)
		bit := langBit(lang)
		ix.langs |= bit
		for _, tm := range analyze(t.Text, lang, ix.stems, true, true) {
			id := termID(tm.stem)
			ix.termLangs[id] |= bit
			tf[id] += w
			switch {
			case tm.concept:
				info.concepts = append(info.concepts, id)
				continue
			case tm.num:
				info.nums = append(info.nums, id)
			default:
				info.seq = append(info.seq, id)
			}
			length += w
			if mediaStems[tm.stem] {
				ix.media[d] = true
			}
		}
		if len(info.seq)+len(info.nums) > 0 {
			ix.texts[d] = append(ix.texts[d], info)
			for _, id := range distinct(slices.Concat(info.seq, info.nums, info.concepts)) {
				inTexts[id]++
			}
		}
	}
	for id, n := range inTexts {
		if share := float32(n) / float32(len(ix.texts[d])); share >= minCoreShare {
			topic := share >= 0.5 && ix.terms[id][0] == '~'
			ix.core[d] = append(ix.core[d], newCoreTerm(id, share, topic))
		}
	}
	slices.SortFunc(ix.core[d], func(a, b coreTerm) int { return int(a.id - b.id) })
	for id, f := range tf {
		ix.postings[id] = append(ix.postings[id], posting{doc: d, bm: f})
	}
	return length
}

// TestCoreTermsAndStemsNumbered checks what a build adds for the searches of a large
// collection: each core term's bm is its posting's and its share and topic flag are what the
// analysis found (a term in half the texts or more, a concept: a topic), and each word of the
// stem cache has its stem's term id.
func TestCoreTermsAndStemsNumbered(t *testing.T) {
	docs, _ := loadCheckThat(t)
	for _, c := range []struct {
		name string
		docs []Document
	}{{"myths", loadMythDocs(t)}, {"checkthat", docs[:3000]}} {
		ix, err := Build(c.docs, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		topics := 0
		for d, core := range ix.core {
			for _, ct := range core {
				if got, want := ct.bm, ix.termBM(ct.id, int32(d)); got != want || want == 0 {
					t.Fatalf("%s: document %d, core term %q: bm %v, posting %v", c.name, d, ix.terms[ct.id], got, want)
				}
				share := ct.share()
				if share < minCoreShare || share > 1 {
					t.Fatalf("%s: document %d, core term %q: share %v", c.name, d, ix.terms[ct.id], share)
				}
				if want := share >= 0.5 && ix.terms[ct.id][0] == '~'; ct.topic() != want {
					t.Fatalf("%s: document %d, core term %q (share %v): topic %v", c.name, d, ix.terms[ct.id], share, ct.topic())
				}
				if ct.topic() {
					topics++
				}
			}
		}
		if topics == 0 {
			t.Errorf("%s: no topic among the core terms", c.name)
		}
		words := 0
		for lang, ws := range ix.stems {
			for w, e := range ws {
				if id, ok := ix.termIDs[e.stem]; !ok || e.id != id {
					t.Fatalf("%s: %s word %q, stem %q: id %d, term id %d (%v)", c.name, lang, w, e.stem, e.id, id, ok)
				}
				words++
			}
		}
		if words == 0 {
			t.Errorf("%s: no word in the stem cache", c.name)
		}
	}
}
