package match

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// The speed targets, on the 14,231-claim CheckThat! 2A collection:
//
//	go test ./facts/match/ -run '^$' -bench Build -benchtime 5x
//	go test ./facts/match/ -run '^$' -bench Search -benchtime 5000x
//
// BenchmarkBuildCheckThat reports the build time (ns/op) and the heap the index keeps
// (index-MB); BenchmarkSearchCheckThat reports ns/op and the median and 99th percentile
// latency over the queries, cycled.

func BenchmarkBuildCheckThat(b *testing.B) {
	docs, _ := loadCheckThat(b)
	var ix *Index
	for b.Loop() {
		var err error
		if ix, err = Build(docs, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(indexHeapMB(b, docs), "index-MB")
	runtime.KeepAlive(ix)
}

// indexHeapMB measures the live heap one index of docs keeps.
func indexHeapMB(b *testing.B, docs []Document) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	ix.Search("warm the scratch pool", "en", 5)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ix)
	return float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
}

func BenchmarkSearchCheckThat(b *testing.B) {
	docs, qs := loadCheckThat(b)
	ix, err := Build(docs, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, len(qs))
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)].Text
		t0 := time.Now()
		ix.Search(q, "", 5)
		lat = append(lat, time.Since(t0))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "median-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}

func BenchmarkSearchMyths(b *testing.B) {
	ix, err := Build(loadMythDocs(b), DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	qs := loadMythQueries(b, "all")
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)].Text, "", 3)
		i++
	}
}

func BenchmarkBuildMyths(b *testing.B) {
	docs := loadMythDocs(b)
	for b.Loop() {
		if _, err := Build(docs, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
