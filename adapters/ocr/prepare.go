package ocr

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"io"

	"golang.org/x/image/draw"
)

// The size pictures are scaled to before reading, measured on the generated test set (see
// TestPictureAccuracy and the package README figures in the report of issue 16): Tesseract
// misses the small text of a phone screenshot or a thumbnail, and spends seconds on a 12
// megapixel photo without reading it better.
var (
	// minSide: a picture whose longer side is shorter is scaled up to it (at most maxUpscale times).
	minSide    = 1600
	maxUpscale = 3.0
	// maxSide: a picture whose longer side is longer is scaled down to it.
	maxSide = 2400
	// maskLightText turns on the reading of light text (below); only the measure turns it off.
	maskLightText = true
)

// The light text of memes: white letters with a dark outline, over a photo. Tesseract's own
// binarisation loses them in the busy background (on the generated memes it read 1 claim in
// 18; see TestScaleMeasure), so a picture with little white in it is first read as a mask of
// its lightest pixels, dark on light. The lightest pixels are the text's: pure white in a
// meme, light grey in a dark-mode screenshot; a light patch of the photo behind is darker.
const (
	// whitish is the darkest channel from which a pixel counts as white paper or background.
	whitish = 200
	// lightTextBelow: a picture whose whitish pixels cover less than this share of it may hold
	// light text (a meme, a dark-mode screenshot); a page, a light screenshot, a poster on
	// white cover much more.
	lightTextBelow = 0.25
	// lightestShare: the text's pixels are taken to be at least this share of the picture, so
	// the mask keeps the pixels as light as the lightest lightestShare of them, less
	// textMargin (JPEG noise on white letters), and partly those up to textFade darker (the
	// antialiased edges of the letters).
	lightestShare = 0.01
	textMargin    = 15
	textFade      = 45
)

// lightText reports whether img has little white in it, as a meme or a dark screenshot does,
// and if so, from which brightness its pixels are taken for text.
func lightText(img image.Image) (bool, int) {
	b := img.Bounds()
	// Every 4th pixel of every 4th row: enough to estimate shares, in a sixteenth of the time.
	var hist [256]int
	all := 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			hist[darkest(img.At(x, y))]++
			all++
		}
	}
	white := 0
	for v := whitish; v < 256; v++ {
		white += hist[v]
	}
	if float64(white) >= lightTextBelow*float64(all) {
		return false, 0
	}
	lightest, seen := 255, 0
	for ; lightest > 0; lightest-- {
		if seen += hist[lightest]; float64(seen) >= lightestShare*float64(all) {
			break
		}
	}
	if lightest < whitish-textFade {
		return false, 0 // a dark picture: nothing in it is light enough to be light text
	}
	return true, lightest - textMargin
}

func darkest(c color.Color) int {
	r, g, bl, _ := c.RGBA()
	return int(min(r, g, bl) >> 8)
}

// whiteMask returns img as black where it is at least from bright and white elsewhere: light
// text made dark on a clean background.
func whiteMask(img image.Image, from int) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			v := darkest(img.At(x, y))
			var out uint8
			switch {
			case v >= from:
				out = 0
			case v <= from-textFade:
				out = 255
			default:
				out = uint8(255 * (from - v) / textFade)
			}
			g.Pix[g.PixOffset(x-b.Min.X, y-b.Min.Y)] = out
		}
	}
	return g
}

// prepare returns img in greyscale, scaled to the size Tesseract reads best. Tesseract
// binarises the picture itself; colour only costs time in the pipe.
func prepare(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	long := max(w, h)
	scale := 1.0
	switch {
	case long < minSide:
		scale = min(float64(minSide)/float64(long), maxUpscale)
	case long > maxSide:
		scale = float64(maxSide) / float64(long)
	}
	nw, nh := max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
	gray := image.NewGray(image.Rect(0, 0, nw, nh))
	if scale == 1 {
		draw.Draw(gray, gray.Bounds(), img, b.Min, draw.Src)
		return gray
	}
	// Catmull-Rom keeps the edges of letters sharp when scaling up, and averages the pixels it
	// drops when scaling down, where nearest-neighbour would break thin strokes.
	draw.CatmullRom.Scale(gray, gray.Bounds(), img, b, draw.Src, nil)
	return gray
}

// writePGM writes g as a binary PGM (P5), which Tesseract's image library reads from standard
// input: uncompressed, so nothing is spent compressing what is piped once.
func writePGM(w io.Writer, g *image.Gray) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	b := g.Bounds()
	fmt.Fprintf(bw, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := g.PixOffset(b.Min.X, y)
		if _, err := bw.Write(g.Pix[i : i+b.Dx()]); err != nil {
			return err
		}
	}
	return bw.Flush()
}
