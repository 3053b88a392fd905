package blevebench

import (
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	index "github.com/blevesearch/bleve_index_api"

	"factline/facts/match"
)

// buildBleve indexes the claims (text and title, English analyzer: stop words and Porter
// stemming) in a scorch index on disk with BM25 scoring. bleve.NewMemOnly would silently score
// with TF-IDF, so the index lives in a temporary directory.
func buildBleve(tb testing.TB, docs []match.Document) bleve.Index {
	return buildBleveIn(tb, docs, tb.TempDir())
}

func buildBleveIn(tb testing.TB, docs []match.Document, dir string) bleve.Index {
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = en.AnalyzerName
	ix, err := bleve.New(filepath.Join(dir, "claims.bleve"), m)
	if err != nil {
		tb.Fatal(err)
	}
	batch := ix.NewBatch()
	for _, d := range docs {
		fields := map[string]any{}
		for _, t := range d.Texts {
			if t.Kind == match.KindTitle {
				fields["title"] = t.Text
			} else {
				fields["text"] = t.Text
			}
		}
		if err := batch.Index(d.ID, fields); err != nil {
			tb.Fatal(err)
		}
	}
	if err := ix.Batch(batch); err != nil {
		tb.Fatal(err)
	}
	return ix
}

func searchBleve(tb testing.TB, ix bleve.Index, q string, k int) []string {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), k, 0, false)
	res, err := ix.Search(req)
	if err != nil {
		tb.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

// dirMB is the size of the files under dir.
func dirMB(tb testing.TB, dir string) float64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return float64(n) / (1 << 20)
}

func heapMB() float64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

func BenchmarkBuild(b *testing.B) {
	docs, _ := load(b)
	b.Run("factline", func(b *testing.B) {
		for b.Loop() {
			if _, err := match.Build(docs, match.DefaultOptions()); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		before := heapMB()
		ix, _ := match.Build(docs, match.DefaultOptions())
		ix.Search("warm up", "en", 5)
		b.ReportMetric(heapMB()-before, "heap-MB")
		runtime.KeepAlive(ix)
	})
	b.Run("bleve", func(b *testing.B) {
		for b.Loop() {
			ix := buildBleve(b, docs)
			b.StopTimer()
			ix.Close()
			b.StartTimer()
		}
		b.StopTimer()
		before := heapMB()
		dir := b.TempDir()
		ix := buildBleveIn(b, docs, dir)
		searchBleve(b, ix, "warm up", 5)
		b.ReportMetric(heapMB()-before, "heap-MB")
		ix.Close()
		b.ReportMetric(dirMB(b, dir), "disk-MB")
	})
}

func BenchmarkSearch(b *testing.B) {
	docs, qs := load(b)
	run := func(b *testing.B, search func(q string)) {
		lat := make([]time.Duration, 0, 4096)
		i := 0
		for b.Loop() {
			t0 := time.Now()
			search(qs[i%len(qs)].Text)
			lat = append(lat, time.Since(t0))
			i++
		}
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "median-ns")
	}
	b.Run("factline", func(b *testing.B) {
		ix, err := match.Build(docs, match.DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		run(b, func(q string) { ix.Search(q, "", 5) })
	})
	b.Run("bleve", func(b *testing.B) {
		ix := buildBleve(b, docs)
		defer ix.Close()
		run(b, func(q string) { searchBleve(b, ix, q, 5) })
	})
}

// TestQuality reports MAP@5 of both engines on the dev and train splits.
func TestQuality(t *testing.T) {
	docs, qs := load(t)
	ours, err := match.Build(docs, match.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	bl := buildBleve(t, docs)
	defer bl.Close()
	for _, split := range []string{"dev", "train"} {
		var sub []match.Query
		var ap float64
		for _, q := range qs {
			if q.Split != split {
				continue
			}
			sub = append(sub, q)
			ap += ap5(searchBleve(t, bl, q.Text, 5), q.Gold)
		}
		t.Logf("%s: factline %+v; bleve BM25 map@5 %.4f", split, match.EvaluateRanking(ours, sub), ap/float64(len(sub)))
	}
}

func ap5(ranked, gold []string) float64 {
	hits, sum := 0, 0.0
	for i, id := range ranked {
		if i < 5 && slices.Contains(gold, id) {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	if len(gold) == 0 {
		return 0
	}
	return sum / float64(min(len(gold), 5))
}
