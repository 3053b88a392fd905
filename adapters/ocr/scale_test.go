package ocr_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // the claim pictures are JPEG and PNG
	"os"
	"sort"
	"testing"
	"time"

	"golang.org/x/image/draw"

	"factline/adapters/ocr"
	"factline/bot"
)

// TestScaleMeasure is the measure that chose how pictures are prepared (prepare.go): for each
// setting of the sizes they are scaled to, and without the light-text mask, the claims
// answered right and the median time of an answer. It takes minutes, so it runs only when
// asked: FACTLINE_OCR_SCALES=1 go test -run TestScaleMeasure -v ./adapters/ocr.
func TestScaleMeasure(t *testing.T) {
	if os.Getenv("FACTLINE_OCR_SCALES") == "" {
		t.Skip("set FACTLINE_OCR_SCALES=1 to measure the scaling settings")
	}
	r := needTesseract(t)
	b := newBot(t, r)
	claims := claimPictures(t)
	// The same pictures at half their size, as a thumbnail or a picture a chat app shrank.
	var halved []picture
	for _, p := range claims {
		img, _, err := image.Decode(bytes.NewReader(p.data))
		if err != nil {
			t.Fatal(err)
		}
		half := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx()/2, img.Bounds().Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), img, img.Bounds(), draw.Src, nil)
		p.data = encodePNG(t, half)
		halved = append(halved, p)
	}
	for _, s := range []struct {
		set      string
		min, max int
		up       float64
		mask     bool
	}{{"full", 1600, 2400, 3, false}, {"full", 0, 1 << 30, 1, true}, {"full", 1000, 2000, 3, true}, {"full", 1600, 2400, 3, true}, {"full", 2000, 3000, 4, true},
		{"halved", 0, 1 << 30, 1, true}, {"halved", 1000, 2000, 3, true}, {"halved", 1600, 2400, 3, true}} {
		claims := claims
		if s.set == "halved" {
			claims = halved
		}
		restore := ocr.SetScale(s.min, s.max, s.up)
		unmask := ocr.SetMaskLightText(s.mask)
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
		unmask()
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%s size; scale up to %d (x%.0f max), down to %d, light-text mask %v: %d/%d right, median %v, slowest %v",
			s.set, s.min, s.up, s.max, s.mask, right, len(claims), times[len(times)/2], times[len(times)-1])
	}
}
