package main

import (
	"log/slog"
	"math"
	"runtime/debug"
	"runtime/metrics"

	"factline/config"
)

// softLimit is the Go runtime's soft memory limit as serve keeps it: memory_limit, or
// GOMEMLIMIT when the environment sets it. Near the limit the collector works harder to keep
// the heap under it; it cannot when the live data alone comes close, and then spends up to half
// the CPU trying, so serve raises its own limit when the data it loaded outgrows it. A limit
// set with GOMEMLIMIT is the operator's: serve says so in the log and leaves it.
type softLimit struct {
	bytes    int64 // 0: no limit
	operator bool  // set by GOMEMLIMIT
	set      func(int64) int64
	log      *slog.Logger
}

// headroom is the share of the limit the live heap may take before serve raises the limit: the
// collector then has a fifth of it for the garbage of answering, and runs every few thousand
// answers rather than all the time.
const headroom = 0.8

// startSoftLimit applies memory_limit for the life of serve, unless GOMEMLIMIT already set one,
// and returns the limit in force with the function that restores the one before.
func startSoftLimit(cfg config.Config, getenv func(string) string, log *slog.Logger) (*softLimit, func()) {
	before := debug.SetMemoryLimit(-1)
	s := &softLimit{set: debug.SetMemoryLimit, log: log}
	switch {
	case getenv("GOMEMLIMIT") != "":
		s.operator = true
		if before != math.MaxInt64 {
			s.bytes = before
		}
	case cfg.MemoryLimit > 0:
		s.bytes = int64(cfg.MemoryLimit)
		s.set(s.bytes)
	}
	return s, func() { debug.SetMemoryLimit(before) }
}

// fits reports whether the heap can hold need bytes more than live under the limit.
func (s *softLimit) fits(live, need int64) bool {
	return s == nil || s.bytes == 0 || live+need <= s.bytes
}

// cover raises the limit, if it must, so that a live heap of live bytes takes at most
// headroom of it.
func (s *softLimit) cover(live int64) {
	if s == nil || s.bytes == 0 || float64(live) <= headroom*float64(s.bytes) {
		return
	}
	need := int64(float64(live) / headroom)
	if s.operator {
		s.log.Warn("the data loaded takes most of GOMEMLIMIT: the collector will run often; raise it", "live_mb", live>>20, "limit_mb", s.bytes>>20, "suggested_mb", need>>20)
		return
	}
	s.log.Warn("the data loaded outgrew memory_limit: raised for this run; raise the setting to match", "live_mb", live>>20, "limit_mb", s.bytes>>20, "raised_to_mb", need>>20)
	s.bytes = need
	s.set(need)
}

// liveHeap is the heap the last garbage collection found in use, in bytes.
func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}
