package factcheck

import (
	"container/list"
	"sync"
	"time"

	"factline/bot"
)

// cache remembers lookups, found or not, for ttl, keeping the size most recently used.
type cache struct {
	mu    sync.Mutex
	size  int
	ttl   time.Duration
	order *list.List // of *entry, most recently used first
	byKey map[string]*list.Element
}

type entry struct {
	key    string
	review *bot.ExternalReview // nil: nothing answers
	until  time.Time
}

func newCache(size int, ttl time.Duration) *cache {
	return &cache{size: size, ttl: ttl, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns a copy of the review cached for key (nil for "nothing answers") and whether the
// key was cached and fresh.
func (c *cache) get(key string, now time.Time) (*bot.ExternalReview, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*entry)
	if !now.Before(e.until) {
		c.order.Remove(el)
		delete(c.byKey, key)
		return nil, false
	}
	c.order.MoveToFront(el)
	if e.review == nil {
		return nil, true
	}
	cp := *e.review // callers may keep or change what they get
	return &cp, true
}

func (c *cache) put(key string, r *bot.ExternalReview, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.Remove(el)
	}
	if r != nil {
		cp := *r // the caller keeps r
		r = &cp
	}
	c.byKey[key] = c.order.PushFront(&entry{key: key, review: r, until: now.Add(c.ttl)})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*entry).key)
	}
}

// len is how many lookups are cached.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
