package ocr_test

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/webp"
)

// TestEncodeWebP checks the tests' WebP encoder against the decoder: a picture that did not
// survive would make the WebP tests below test nothing.
func TestEncodeWebP(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 37, 11))
	for i := range img.Pix {
		if i%3 == 0 || i%7 == 0 {
			img.Pix[i] = 255
		}
	}
	got, err := webp.Decode(bytes.NewReader(encodeWebP(img)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != img.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), img.Bounds())
	}
	for y := range 11 {
		for x := range 37 {
			want := img.GrayAt(x, y).Y
			if g := color.GrayModel.Convert(got.At(x, y)).(color.Gray).Y; g != want {
				t.Fatalf("pixel %d,%d = %d, want %d", x, y, g, want)
			}
		}
	}
}
