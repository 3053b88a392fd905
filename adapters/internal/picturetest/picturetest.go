// Package picturetest draws the pictures the surfaces' tests send (memes with a claim, photos
// without text) with Go's image packages and the Go fonts, so no binary fixture is checked in,
// and gives those tests the real picture reader, skipping them when Tesseract is absent.
package picturetest

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"factline/adapters/ocr"
)

// Reader returns the real picture reader (Tesseract as a process), and skips the test with a
// clear message when Tesseract is not installed: CI installs it, so there the test runs.
func Reader(t testing.TB) *ocr.Reader {
	t.Helper()
	if _, err := exec.LookPath(ocr.DefaultCommand); err != nil {
		t.Skip("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa): this test reads a real picture")
	}
	return ocr.New(ocr.Options{})
}

var (
	fontOnce sync.Once
	bold     *opentype.Font
	fontErr  error
)

// Meme draws text as a meme: capitals in white with a black outline, split between the top and
// the bottom of a busy background, encoded as PNG. The background is seeded by the text, so the
// same claim always gives the same picture.
func Meme(t testing.TB, text string) []byte {
	t.Helper()
	fontOnce.Do(func() { bold, fontErr = opentype.Parse(gobold.TTF) })
	if fontErr != nil {
		t.Fatal(fontErr)
	}
	const w, h = 720, 540
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	background(img, seed(text))
	const size = 44
	fc, err := opentype.NewFace(bold, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer fc.Close()
	lines := wrap(fc, strings.ToUpper(text), w-40)
	top := (len(lines) + 1) / 2
	const lh = size * 6 / 5
	for i, l := range lines[:top] {
		outlined(img, fc, 20+lh*(i+1), l)
	}
	for i, l := range lines[top:] {
		outlined(img, fc, h-20-lh*(len(lines)-top-1-i), l)
	}
	return encode(t, img)
}

// Photo draws a picture with no text in it (blobs of colour, like a photo of a cat or a
// landscape), encoded as PNG.
func Photo(t testing.TB, seedText string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	background(img, seed(seedText))
	return encode(t, img)
}

func seed(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// background fills img with a soft gradient and a few darker shapes, as a photo behind a meme.
func background(img *image.RGBA, s uint64) {
	rng := rand.New(rand.NewPCG(s, 7))
	b := img.Bounds()
	r0, g0, b0 := 60+rng.IntN(120), 60+rng.IntN(120), 60+rng.IntN(120)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := (x + y) * 60 / (b.Dx() + b.Dy())
			img.SetRGBA(x, y, color.RGBA{uint8(r0 + d), uint8(g0 + d/2), uint8(b0 - d/2), 255})
		}
	}
	for range 6 {
		x, y := rng.IntN(b.Dx()), rng.IntN(b.Dy())
		r := 30 + rng.IntN(80)
		c := color.RGBA{uint8(rng.IntN(100)), uint8(rng.IntN(100)), uint8(rng.IntN(100)), 255}
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if dx*dx+dy*dy <= r*r && image.Pt(x+dx, y+dy).In(b) {
					img.SetRGBA(x+dx, y+dy, c)
				}
			}
		}
	}
}

// wrap breaks text into lines no wider than width in fc.
func wrap(fc font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(fc, try).Ceil() > width {
			lines = append(lines, line)
			try = w
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// outlined writes s centred on the baseline y, white with a black outline, as meme generators do.
func outlined(img *image.RGBA, fc font.Face, y int, s string) {
	x := (img.Bounds().Dx() - font.MeasureString(fc, s).Ceil()) / 2
	const stroke = 2
	for dy := -stroke; dy <= stroke; dy++ {
		for dx := -stroke; dx <= stroke; dx++ {
			if dx*dx+dy*dy <= stroke*stroke+1 {
				write(img, fc, color.Black, x+dx, y+dy, s)
			}
		}
	}
	write(img, fc, color.White, x, y, s)
}

func write(dst draw.Image, fc font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: fc, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func encode(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
