package match

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"testing"
)

// The dump experiment writes every result of every CheckThat! and myth query (IDs, scores and
// confidences as their bits), with and without a language hint, over the myths, the CheckThat!
// collection and the 200,000 synthetic claims, so that two versions of the matcher can be
// compared to the bit with diff:
//
//	go test ./facts/match/ -run TestDumpResults -dump /tmp/results.txt
var dump = flag.String("dump", "", "write every search result to this file")

func TestDumpResults(t *testing.T) {
	if *dump == "" {
		t.Skip("pass -dump FILE to write every search result")
	}
	docs, cqs := loadCheckThat(t)
	var texts []string
	for _, q := range cqs {
		texts = append(texts, q.Text)
	}
	for _, q := range loadMythQueries(t, "all") {
		texts = append(texts, q.Text)
	}
	f, err := os.Create(*dump)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	myths, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ct, err := Build(docs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		ix   *Index
	}{{"myths", myths}, {"checkthat", ct}, {"synthetic200k", synthetic200k(t)}} {
		for i, q := range texts {
			for _, lang := range []string{"", DetectLanguage(q)} {
				fmt.Fprintf(w, "%s %d %q:", c.name, i, lang)
				for _, r := range c.ix.Search(q, lang, 20) {
					fmt.Fprintf(w, " %s/%x/%x", r.ID, math.Float64bits(r.Score), math.Float64bits(r.Confidence))
				}
				fmt.Fprintln(w)
			}
		}
	}
}
