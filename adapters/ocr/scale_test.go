package ocr_test

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"factline/adapters/ocr"
	"factline/bot"
)

// TestScaleMeasure is the measure that chose the sizes pictures are scaled to (prepare.go):
// for each setting, the claims answered right and the median time of a reading. It takes
// minutes, so it runs only when asked: FACTLINE_OCR_SCALES=1 go test -run TestScaleMeasure -v.
func TestScaleMeasure(t *testing.T) {
	if os.Getenv("FACTLINE_OCR_SCALES") == "" {
		t.Skip("set FACTLINE_OCR_SCALES=1 to measure the scaling settings")
	}
	r := needTesseract(t)
	b := newBot(t, r)
	claims := claimPictures(t)
	for _, s := range []struct {
		min, max int
		up       float64
	}{{0, 1 << 30, 1}, {1000, 2000, 3}, {1600, 2400, 3}, {2000, 3000, 4}, {1200, 1600, 3}} {
		restore := ocr.SetScale(s.min, s.max, s.up)
		right := 0
		var times []time.Duration
		for _, p := range claims {
			start := time.Now()
			a, err := b.Ask(context.Background(), bot.Request{Picture: p.data, Surface: bot.SurfaceCLI})
			times = append(times, time.Since(start))
			if err == nil && answered(a) == p.myth {
				right++
			}
		}
		restore()
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("scale up to %d (x%.0f max), down to %d: %d/%d right, median %v, slowest %v", s.min, s.up, s.max, right, len(claims), times[len(times)/2], times[len(times)-1])
	}
}
