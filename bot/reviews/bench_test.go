package reviews

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"factline/internal/cputime"
)

// The scale targets, on a synthetic collection of 200,000 reviews:
//
//	go test ./bot/reviews/ -run '^$' -bench Load200k -benchtime 3x
//	go test ./bot/reviews/ -run '^$' -bench Search200k -benchtime 20000x
//	go test ./bot/reviews/ -run '^$' -bench Search200kQuestions -benchtime 20000x
//
// BenchmarkLoad200k reports the time New takes (ns/op) and the heap the index keeps
// (index-MB); BenchmarkSearch200k reports the median and 99th percentile latency of a search
// (median-ns, p99-ns) over the CheckThat! 2A queries, cycled.

// synthSites are the publishers the synthetic reviews are spread over.
var synthSites = []string{"factcheck.afp.com", "factuel.afp.com", "fullfact.org", "snopes.com", "politifact.com",
	"factcheck.org", "maldita.es", "chequeado.com", "ici.radio-canada.ca", "cbc.ca", "reuters.com", "apnews.com"}

// synthesize makes n reviews from the CheckThat! collection. Variant 0 of each claim is the
// claim itself; variant v > 0 splices the first half of claim i's words with the second half
// of claim i+1009v's, and takes the title of claim i+3v: new claims, but with the collection's
// own vocabulary and word frequencies, so posting lists grow as a real, larger collection's
// would. Publishers, dates (2015 to 2025) and ratings are spread over the reviews; URLs are
// unique.
func synthesize(base []Review, n int) []Review {
	out := make([]Review, 0, n)
	ratings := []string{"False", "Faux", "Falso", "Mostly False", "Misleading", "Trompeur", "Engañoso", "Mixture", "True"}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for v := 0; len(out) < n; v++ {
		for i := 0; i < len(base) && len(out) < n; i++ {
			r := base[i]
			if v > 0 {
				a := strings.Fields(base[i].Claim)
				b := strings.Fields(base[(i+1009*v)%len(base)].Claim)
				r.Claim = strings.Join(slices.Concat(a[:len(a)/2], b[len(b)/2:]), " ")
				r.Title = base[(i+3*v)%len(base)].Title
			}
			k := len(out)
			r.Site = synthSites[k%len(synthSites)]
			r.Publisher = r.Site
			r.URL = fmt.Sprintf("https://%s/%d/%s", r.Site, v, base[i].URL)
			r.Rating = ratings[k%len(ratings)]
			r.Verdict = Verdict(r.Rating)
			r.ReviewDate = start.AddDate(0, 0, k%3650)
			out = append(out, r)
		}
	}
	return out
}

func BenchmarkLoad200k(b *testing.B) {
	rs := synthesize(loadCheckThat(b).reviews, 200_000)
	var x *Index
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if x, err = New(rs); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// On a machine shared with other work, wall time says little: the CPU time a load takes
	// (all cores summed) is reported too.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	if x.Len() != 200_000 {
		b.Fatalf("indexed %d reviews", x.Len())
	}
	var before, after runtime.MemStats
	x = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	x, _ = New(rs)
	x.Search("warm the scratch pool", "en")
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(x)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MB")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkSearch200k(b *testing.B) {
	ct := loadCheckThat(b)
	x, err := New(synthesize(ct.reviews, 200_000))
	if err != nil {
		b.Fatal(err)
	}
	qs := ct.queries
	langs := make([]string, len(qs))
	for i, q := range qs {
		langs[i] = DetectLang(q.Text)
	}
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
	}
	searchLatencies(b, x, texts, langs)
	// The quality at this scale: the CheckThat! dev queries against the real claims drowned
	// among 185,769 synthetic ones (a claim's URL is https://site/0/ID for variant 0).
	var as []answered
	for _, q := range ct.split("dev") {
		r, ok := x.Search(q.Text, DetectLang(q.Text))
		right := false
		if ok {
			if _, id, found := strings.Cut(strings.TrimPrefix(r.Review.URL, "https://"), "/0/"); found {
				right = slices.Contains(q.Gold, id)
			}
		}
		if ok {
			as = append(as, answered{r.Confidence, right})
		} else {
			as = append(as, answered{})
		}
	}
	p, c := at(as, DefaultThreshold)
	b.ReportMetric(p, "dev-precision")
	b.ReportMetric(c, "dev-coverage")
}

// BenchmarkSearch200kQuestions is BenchmarkSearch200k with the questions people type to the
// bot (the lines of the myth query set: a dozen words) rather than pasted tweets.
func BenchmarkSearch200kQuestions(b *testing.B) {
	ct := loadCheckThat(b)
	x, err := New(synthesize(ct.reviews, 200_000))
	if err != nil {
		b.Fatal(err)
	}
	var qs, langs []string
	readLines(b, "../../facts/match/testdata/myths-queries.jsonl", func(data []byte) error {
		var q struct{ Text string }
		if err := json.Unmarshal(data, &q); err != nil {
			return err
		}
		qs, langs = append(qs, q.Text), append(langs, DetectLang(q.Text))
		return nil
	})
	searchLatencies(b, x, qs, langs)
}

// searchLatencies searches the queries, cycled, and reports the median and 99th percentile of
// the searches' wall time (median-ns, p99-ns) and of the CPU time they took (median-cpu-ns,
// p99-cpu-ns): on a machine shared with other work, a search's wall time includes the times
// it waited for a core, which its CPU time does not.
func searchLatencies(b *testing.B, x *Index, qs, langs []string) {
	runtime.LockOSThread() // the CPU time read is the thread's
	defer runtime.UnlockOSThread()
	lat := make([]time.Duration, 0, 1<<16)
	cpu := make([]time.Duration, 0, 1<<16)
	i := 0
	for b.Loop() {
		k := i % len(qs)
		c0, t0 := cputime.Thread(), time.Now()
		x.Search(qs[k], langs[k])
		lat = append(lat, time.Since(t0))
		cpu = append(cpu, cputime.Thread()-c0)
		i++
	}
	b.StopTimer()
	for _, m := range []struct {
		name string
		ds   []time.Duration
	}{{"", lat}, {"cpu-", cpu}} {
		slices.Sort(m.ds)
		b.ReportMetric(float64(m.ds[len(m.ds)/2].Nanoseconds()), "median-"+m.name+"ns")
		b.ReportMetric(float64(m.ds[len(m.ds)*99/100].Nanoseconds()), "p99-"+m.name+"ns")
	}
}

// BenchmarkReload200k measures what a reload costs in memory: with an index of 200,000
// reviews serving, a second one is built from the same rows, as serve does when the collection
// changed (the old index answers until the new one replaces it). It reports the process's
// resident memory before the reload (rss-MB) and its peak during it (peak-MB), from
// /proc/self/status (Linux only).
//
//	go test ./bot/reviews/ -run '^$' -bench Reload200k -benchtime 1x
func BenchmarkReload200k(b *testing.B) {
	rs := synthesize(loadCheckThat(b).reviews, 200_000)
	old, err := New(rs)
	if err != nil {
		b.Fatal(err)
	}
	debug.FreeOSMemory()
	rss := procStatusMB(b, "VmRSS")
	// Writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one.
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skip("cannot reset the peak resident size:", err)
	}
	for b.Loop() {
		x, err := New(rs)
		if err != nil {
			b.Fatal(err)
		}
		runtime.KeepAlive(x)
	}
	b.StopTimer()
	runtime.KeepAlive(old)
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(procStatusMB(b, "VmHWM"), "peak-MB")
}

// procStatusMB reads a memory figure of /proc/self/status, in MB.
func procStatusMB(b *testing.B, field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kb float64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%f kB", &kb); err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}
