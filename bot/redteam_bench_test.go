package bot

import (
	"sync"
	"testing"
)

// BenchmarkCheckParaphrase measures the guards on a faithful paraphrase of the housing answer:
// the cost each model reply adds before it is cached.
func BenchmarkCheckParaphrase(b *testing.B) {
	ix := builtinIndex(b)
	base := ix.Base()
	bt := New(Options{Matcher: ix})
	m := base.Myth("housing")
	var curated Answer
	compose(&sync.Map{}, base, m, "en", &curated)
	p := Paraphrase{
		Short: "Population growth does add demand, but the shortage predates the recent surge: construction lagged household growth before it, prices set records in 2020 when immigration almost halved, and immigrants help build homes.",
		Full:  curated.Body.Full,
	}
	for b.Loop() {
		if err := bt.checkParaphrase(p, curated.Body, "en", m, ix); err != nil {
			b.Fatal(err)
		}
	}
}
