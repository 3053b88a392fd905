package reviews

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestLazyLoadsOnFirstSearchOnly(t *testing.T) {
	var loads atomic.Int32
	lazy := NewLazy(func(context.Context) (*Index, error) {
		loads.Add(1)
		return New([]Review{{Claim: "Lyon gives electric cars to asylum seekers", URL: "https://maldita.es/lyon-coches",
			Publisher: "Maldita", Site: "maldita.es", Rating: "Falso", Verdict: False, Lang: "en"}})
	})
	if n := loads.Load(); n != 0 {
		t.Fatalf("loaded %d times before any search", n)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			r, err := lazy.SearchReview(context.Background(), "Lyon gives electric cars to asylum seekers", "en")
			if err != nil || r == nil || r.URL != "https://maldita.es/lyon-coches" {
				t.Errorf("search: %+v, %v", r, err)
			}
		})
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("loaded %d times for 4 searches, want once", n)
	}
}

func TestLazyNoCollection(t *testing.T) {
	lazy := NewLazy(func(context.Context) (*Index, error) { return nil, nil })
	if r, err := lazy.SearchReview(context.Background(), "anything", "en"); r != nil || err != nil {
		t.Errorf("without a collection: %+v, %v", r, err)
	}
}

func TestLazyLoadFails(t *testing.T) {
	failed := errors.New("store unreachable")
	loads := 0
	lazy := NewLazy(func(context.Context) (*Index, error) { loads++; return nil, failed })
	for range 2 {
		if _, err := lazy.SearchReview(context.Background(), "anything", "en"); !errors.Is(err, failed) {
			t.Errorf("err = %v, want the load's", err)
		}
	}
	if loads != 1 {
		t.Errorf("a failed load was tried %d times, want once", loads)
	}
}
