package main

import (
	"log/slog"
	"runtime/debug"
	"strings"
	"testing"
)

// TestSoftLimitCover: serve raises its own limit when the data loaded outgrows it, so that the
// collector does not run all the time, and says so; a limit the operator set with GOMEMLIMIT is
// only warned about.
func TestSoftLimitCover(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name       string
		limit      int64
		operator   bool
		live       int64
		want       int64
		warns, set bool
	}{
		{"room left", 350 * mib, false, 240 * mib, 350 * mib, false, false},
		{"at the headroom", 100 * mib, false, 80 * mib, 100 * mib, false, false},
		{"outgrown", 350 * mib, false, 400 * mib, 500 * mib, true, true},
		{"the operator's", 350 * mib, true, 400 * mib, 350 * mib, true, false},
		{"no limit", 0, false, 4000 * mib, 0, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logged strings.Builder
			var setTo int64 = -1
			s := &softLimit{bytes: tc.limit, operator: tc.operator, log: slog.New(slog.NewTextHandler(&logged, nil)),
				set: func(b int64) int64 { setTo = b; return 0 }}
			s.cover(tc.live)
			if s.bytes != tc.want {
				t.Errorf("limit %d MiB after covering %d MiB live, want %d MiB", s.bytes/mib, tc.live/mib, tc.want/mib)
			}
			if (setTo == tc.want) != tc.set || (setTo != -1) != tc.set {
				t.Errorf("the runtime's limit set to %d, want it set: %v", setTo, tc.set)
			}
			if warned := strings.Contains(logged.String(), "level=WARN"); warned != tc.warns {
				t.Errorf("warned %v, want %v: %s", warned, tc.warns, logged.String())
			}
		})
	}
}

// TestServeSetsMemoryLimit: serve runs under memory_limit and gives the process its limit back
// when it stops; GOMEMLIMIT in the environment is the operator's and wins.
func TestServeSetsMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	for _, tc := range []struct {
		name string
		vars map[string]string
		want int64
	}{
		{"setting", map[string]string{"FACTLINE_MEMORY_LIMIT": "300MiB"}, 300 << 20},
		{"off", map[string]string{"FACTLINE_MEMORY_LIMIT": "off"}, before},
		{"GOMEMLIMIT set", map[string]string{"FACTLINE_MEMORY_LIMIT": "300MiB", "GOMEMLIMIT": "1GiB"}, before},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.vars["FACTLINE_DATA_DIR"] = t.TempDir()
			_, stop := serveInProcess(t, tc.vars)
			during := debug.SetMemoryLimit(-1)
			if code, stderr := stop(); code != 0 {
				t.Fatalf("serve exited %d: %s", code, stderr)
			}
			if during != tc.want {
				t.Errorf("limit while serving %d, want %d", during, tc.want)
			}
			if after := debug.SetMemoryLimit(-1); after != before {
				t.Errorf("limit after serve %d, want the one before, %d", after, before)
			}
		})
	}
}
