package bot

import (
	"container/list"
	"sync"
)

// paraKey identifies a paraphrase: the same myth content, language, mode and question always get
// the same accepted text, and an edited myth (a new hash) never gets a stale one.
type paraKey struct {
	myth, hash, lang string
	mode             LLMMode
	question         string
}

// paraCache is a bounded LRU of accepted paraphrases. Refusals and errors are not cached: a
// refusal may be a sampling accident and an error may be transient, so the next asker retries.
type paraCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front = most recently used; values are *paraEntry
	items map[paraKey]*list.Element
}

type paraEntry struct {
	key paraKey
	p   Paraphrase
}

func newParaCache(max int) *paraCache {
	return &paraCache{max: max, order: list.New(), items: map[paraKey]*list.Element{}}
}

func (c *paraCache) get(k paraKey) (Paraphrase, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return Paraphrase{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*paraEntry).p, true
}

func (c *paraCache) put(k paraKey, p Paraphrase) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value.(*paraEntry).p = p
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&paraEntry{key: k, p: p})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*paraEntry).key)
	}
}
