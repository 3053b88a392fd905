// Package factstest gives tests the built-in fact base, loaded and indexed once per test binary.
package factstest

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"factline/facts"
	"factline/facts/match"
)

var builtin = sync.OnceValues(func() (*facts.Index, error) {
	base, err := facts.Load(facts.Builtin())
	if err != nil {
		return nil, err
	}
	return facts.NewIndex(base, match.DefaultOptions())
})

// Index returns the index of the built-in fact base, failing the test if the base does not load.
// The index is read-only, so tests may share it.
func Index(tb testing.TB) *facts.Index {
	tb.Helper()
	ix, err := builtin()
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// IndexWithLinks returns an index of the built-in fact base in which each myth named in links
// also lists the given hoax links under `urls:`, for tests of questions that carry a link. The
// built-in base itself lists none.
func IndexWithLinks(tb testing.TB, links map[string][]string) *facts.Index {
	tb.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(facts.Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(facts.Builtin(), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	for id, urls := range links {
		f := fsys[path.Join("myths", id, "myth.yaml")]
		if f == nil {
			tb.Fatalf("no myth %q in the built-in base", id)
		}
		var b strings.Builder
		b.Write(f.Data)
		b.WriteString("urls:\n")
		for _, u := range urls {
			fmt.Fprintf(&b, "  - %q\n", u)
		}
		f.Data = []byte(b.String())
	}
	base, err := facts.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := facts.NewIndex(base, match.DefaultOptions())
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}
