package ocr_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The pictures of the tests are drawn here, with Go's image packages and the Go fonts, so no
// binary fixture is checked in and every picture can be read again from its recipe. Each is
// drawn from a seeded random source: the same recipe always gives the same picture.

var (
	fontsOnce sync.Once
	fontsErr  error
	boldFont  *opentype.Font
	plainFont *opentype.Font
)

func loadFonts(t testing.TB) {
	t.Helper()
	fontsOnce.Do(func() {
		if boldFont, fontsErr = opentype.Parse(gobold.TTF); fontsErr == nil {
			plainFont, fontsErr = opentype.Parse(goregular.TTF)
		}
	})
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
}

func face(t testing.TB, f *opentype.Font, size float64) font.Face {
	t.Helper()
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

// wrap breaks text into lines no wider than width in face.
func wrap(fc font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(fc, try).Ceil() > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// drawText writes s with its baseline at (x, y).
func drawText(dst draw.Image, fc font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: fc, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// busyBackground fills img with overlapping coloured shapes and noise: a photo behind a meme.
func busyBackground(img *image.RGBA, rng *rand.Rand) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(60 + x*120/b.Dx()), uint8(90 + y*100/b.Dy()), uint8(140 - y*60/b.Dy()), 255})
		}
	}
	for range 40 {
		c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		cx, cy, r := rng.IntN(b.Dx()), rng.IntN(b.Dy()), 10+rng.IntN(b.Dx()/5)
		rect := rng.IntN(2) == 0
		for y := max(0, cy-r); y < min(b.Dy(), cy+r); y++ {
			for x := max(0, cx-r); x < min(b.Dx(), cx+r); x++ {
				if rect || (x-cx)*(x-cx)+(y-cy)*(y-cy) < r*r {
					img.SetRGBA(x, y, c)
				}
			}
		}
	}
	addNoise(img, rng, 18)
}

func addNoise(img *image.RGBA, rng *rand.Rand, amount int) {
	for i := 0; i < len(img.Pix); i += 4 {
		n := rng.IntN(2*amount+1) - amount
		for j := range 3 {
			img.Pix[i+j] = clamp(int(img.Pix[i+j]) + n)
		}
	}
}

func clamp(v int) uint8 { return uint8(max(0, min(255, v))) }

// outlined writes s centred on y in white with a black outline, as meme generators do.
func outlined(img *image.RGBA, fc font.Face, y int, s string, stroke int) {
	w := font.MeasureString(fc, s).Ceil()
	x := (img.Bounds().Dx() - w) / 2
	for dy := -stroke; dy <= stroke; dy++ {
		for dx := -stroke; dx <= stroke; dx++ {
			if dx*dx+dy*dy <= stroke*stroke+1 {
				drawText(img, fc, color.Black, x+dx, y+dy, s)
			}
		}
	}
	drawText(img, fc, color.White, x, y, s)
}

// meme draws text in capitals, outlined, over a busy background, split between top and bottom.
func meme(t testing.TB, text string, seed uint64) image.Image {
	loadFonts(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	w := 400 + rng.IntN(500) // from a thumbnail to a full meme
	h := w * (3 + rng.IntN(2)) / 4
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	busyBackground(img, rng)
	size := float64(w) / 16
	fc := face(t, boldFont, size)
	lines := wrap(fc, strings.ToUpper(text), w-30)
	top := (len(lines) + 1) / 2
	lh := int(size * 1.2)
	for i, l := range lines[:top] {
		outlined(img, fc, 15+lh*(i+1), l, 2)
	}
	for i, l := range lines[top:] {
		outlined(img, fc, h-15-lh*(len(lines)-top-1-i), l, 2)
	}
	return img
}

// screenshot draws a post as a phone shows it: avatar, name, handle and age, the text with its
// hashtags, the time, then the counts and the Reply / Repost / Like chrome.
func screenshot(t testing.TB, text, name, handle string, seed uint64) image.Image {
	loadFonts(t)
	rng := rand.New(rand.NewPCG(seed, 2))
	dark := rng.IntN(3) == 0
	bg, fg, grey := color.RGBA{255, 255, 255, 255}, color.RGBA{15, 20, 25, 255}, color.RGBA{83, 100, 113, 255}
	if dark {
		bg, fg, grey = color.RGBA{0, 0, 0, 255}, color.RGBA{231, 233, 234, 255}, color.RGBA{113, 118, 123, 255}
	}
	w := 540 + rng.IntN(2)*540 // a phone screenshot, at 1x or 2x
	k := float64(w) / 540
	size := 15 * k
	body := face(t, plainFont, size)
	bold := face(t, boldFont, size)
	small := face(t, plainFont, 13*k)
	lines := wrap(body, text, w-int(30*k))
	lh := int(size * 1.35)
	h := int(150*k) + lh*len(lines)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	// The avatar: a coloured disc.
	av := color.RGBA{uint8(rng.IntN(200)), uint8(rng.IntN(200)), uint8(rng.IntN(200)), 255}
	r, cx, cy := int(20*k), int(35*k), int(35*k)
	for y := cy - r; y < cy+r; y++ {
		for x := cx - r; x < cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) < r*r {
				img.Set(x, y, av)
			}
		}
	}
	x0 := int(65 * k)
	drawText(img, bold, fg, x0, int(30*k), name)
	drawText(img, small, grey, x0+font.MeasureString(bold, name).Ceil()+int(6*k), int(30*k), fmt.Sprintf("@%s · %dh", handle, 1+rng.IntN(20)))
	y := int(75 * k)
	for _, l := range lines {
		drawText(img, body, fg, int(15*k), y, l)
		y += lh
	}
	drawText(img, small, grey, int(15*k), y+int(5*k), fmt.Sprintf("%d:%02d PM · Mar %d, 2025 · %d.%dK Views", 1+rng.IntN(11), rng.IntN(60), 1+rng.IntN(28), 1+rng.IntN(90), rng.IntN(10)))
	chrome := []string{fmt.Sprint(rng.IntN(900)), fmt.Sprintf("%d.%dK", 1+rng.IntN(9), rng.IntN(10)), fmt.Sprintf("%d.%dK", 1+rng.IntN(30), rng.IntN(10)), "Share"}
	labels := []string{"Reply", "Repost", "Like", ""}
	for i := range chrome {
		drawText(img, small, grey, int(15*k)+i*w/4, y+int(45*k), strings.TrimSpace(labels[i]+" "+chrome[i]))
	}
	return img
}

// printed draws text printed on a sheet, photographed: a grey table around the page, the page
// slightly turned, noise of the sensor and a little blur.
func printed(t testing.TB, text string, seed uint64) image.Image {
	loadFonts(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	w := 1600 + rng.IntN(1600)
	h := w * 3 / 4
	size := float64(w) / 28
	fc := face(t, plainFont, size)
	page := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(page, page.Bounds(), image.NewUniform(color.RGBA{120, 110, 100, 255}), image.Point{}, draw.Src)
	paper := image.Rect(w/10, h/10, w*9/10, h*9/10)
	draw.Draw(page, paper, image.NewUniform(color.RGBA{240, 238, 230, 255}), image.Point{}, draw.Src)
	lh := int(size * 1.4)
	y := paper.Min.Y + lh + w/40
	for _, l := range wrap(fc, text, paper.Dx()-w/10) {
		drawText(page, fc, color.RGBA{30, 30, 35, 255}, paper.Min.X+w/20, y, l)
		y += lh
	}
	angle := (rng.Float64()*4 - 2) * math.Pi / 180 // up to 2 degrees either way
	img := rotate(page, angle, color.RGBA{120, 110, 100, 255})
	img = blur(img)
	addNoise(img, rng, 12)
	return img
}

// rotate turns img by angle around its centre, sampling bilinearly.
func rotate(src *image.RGBA, angle float64, fill color.RGBA) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(b)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	sin, cos := math.Sincos(angle)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			fx, fy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*fx+sin*fy+cx, -sin*fx+cos*fy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			if x0 < 0 || y0 < 0 || x0+1 >= b.Dx() || y0+1 >= b.Dy() {
				dst.SetRGBA(x, y, fill)
				continue
			}
			ax, ay := sx-float64(x0), sy-float64(y0)
			o := dst.PixOffset(x, y)
			for c := range 3 {
				p := func(x, y int) float64 { return float64(src.Pix[src.PixOffset(x, y)+c]) }
				v := (p(x0, y0)*(1-ax)+p(x0+1, y0)*ax)*(1-ay) + (p(x0, y0+1)*(1-ax)+p(x0+1, y0+1)*ax)*ay
				dst.Pix[o+c] = clamp(int(v + 0.5))
			}
			dst.Pix[o+3] = 255
		}
	}
	return dst
}

// blur averages each pixel with its neighbours (a 3x3 box): a photo slightly out of focus.
func blur(src *image.RGBA) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			var sum [3]int
			n := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < b.Dx() && yy < b.Dy() {
						o := src.PixOffset(xx, yy)
						for c := range 3 {
							sum[c] += int(src.Pix[o+c])
						}
						n++
					}
				}
			}
			o := dst.PixOffset(x, y)
			for c := range 3 {
				dst.Pix[o+c] = uint8(sum[c] / n)
			}
			dst.Pix[o+3] = 255
		}
	}
	return dst
}

// cat draws a cat-like face: no text at all.
func cat(seed uint64) image.Image {
	rng := rand.New(rand.NewPCG(seed, 4))
	w, h := 640, 480
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	busyBackground(img, rng)
	fur := color.RGBA{uint8(150 + rng.IntN(100)), uint8(100 + rng.IntN(80)), 40, 255}
	fill := func(in func(x, y int) bool, c color.Color) {
		for y := range h {
			for x := range w {
				if in(x, y) {
					img.Set(x, y, c)
				}
			}
		}
	}
	disc := func(cx, cy, r int) func(x, y int) bool {
		return func(x, y int) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) < r*r }
	}
	ear := func(ax, bx, tx, ty, by int) func(x, y int) bool {
		return func(x, y int) bool {
			if y < ty || y > by {
				return false
			}
			f := float64(y-ty) / float64(by-ty)
			return float64(x) > float64(tx)+(float64(ax)-float64(tx))*f && float64(x) < float64(tx)+(float64(bx)-float64(tx))*f
		}
	}
	fill(ear(200, 290, 220, 60, 200), fur)
	fill(ear(350, 440, 420, 60, 200), fur)
	fill(disc(320, 260, 150), fur)
	fill(disc(260, 230, 22), color.RGBA{90, 200, 90, 255})
	fill(disc(380, 230, 22), color.RGBA{90, 200, 90, 255})
	fill(disc(260, 230, 8), color.Black)
	fill(disc(380, 230, 8), color.Black)
	fill(disc(320, 290, 12), color.RGBA{230, 120, 140, 255})
	for i := range 3 {
		for x := 150; x < 280; x++ {
			img.Set(x, 300+i*15+(280-x)/8, color.Black)
			img.Set(640-x, 300+i*15+(280-x)/8, color.Black)
		}
	}
	return img
}

// poster draws a flyer: big title lines and smaller details on a flat colour.
func poster(t testing.TB, title, details string, seed uint64) image.Image {
	loadFonts(t)
	rng := rand.New(rand.NewPCG(seed, 5))
	w, h := 800, 1100
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{uint8(rng.IntN(120)), uint8(60 + rng.IntN(120)), uint8(100 + rng.IntN(150)), 255}
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	big, small := face(t, boldFont, 64), face(t, plainFont, 34)
	y := 150
	for _, l := range wrap(big, strings.ToUpper(title), w-80) {
		drawText(img, big, color.White, 40, y, l)
		y += 80
	}
	y += 40
	for _, part := range strings.Split(details, "\n") {
		for _, l := range wrap(small, part, w-80) {
			drawText(img, small, color.RGBA{255, 230, 120, 255}, 40, y, l)
			y += 48
		}
	}
	return img
}

// timetable draws a bus timetable: a route name, stop names and a grid of times.
func timetable(t testing.TB, route string, stops []string, seed uint64) image.Image {
	loadFonts(t)
	rng := rand.New(rand.NewPCG(seed, 6))
	w, h := 1000, 700
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	title, cell := face(t, boldFont, 36), face(t, plainFont, 22)
	drawText(img, title, color.RGBA{0, 70, 140, 255}, 30, 60, route)
	for i, s := range stops {
		drawText(img, cell, color.Black, 30+i*w/len(stops), 120, s)
	}
	start := 5*60 + rng.IntN(60)
	for row := range 18 {
		for i := range stops {
			m := start + row*20 + i*7
			drawText(img, cell, color.Black, 30+i*w/len(stops), 160+row*30, fmt.Sprintf("%d:%02d", m/60%24, m%60))
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
