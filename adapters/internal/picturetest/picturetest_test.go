package picturetest_test

import (
	"context"
	"strings"
	"testing"

	"factline/adapters/internal/picturetest"
)

// TestMemeReads checks that the memes the surfaces' tests send are readable by the real
// reader, so a surface test that fails points at the surface, not at the picture.
func TestMemeReads(t *testing.T) {
	r := picturetest.Reader(t)
	text, err := r.ReadPicture(context.Background(), picturetest.Meme(t, "Refugees get more than our seniors. Share if you agree"))
	if err != nil {
		t.Fatal(err)
	}
	if up := strings.ToUpper(text); !strings.Contains(up, "REFUGEES") || !strings.Contains(up, "SENIORS") {
		t.Errorf("read %q, want the claim's words", text)
	}
}

// TestPhotoHasNoText checks that a photo reads as (almost) no text: the surfaces' tests use it
// for the "no text I can check" path.
func TestPhotoHasNoText(t *testing.T) {
	r := picturetest.Reader(t)
	text, err := r.ReadPicture(context.Background(), picturetest.Photo(t, "a cat"))
	if err != nil {
		t.Fatal(err)
	}
	letters := 0
	for _, c := range text {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			letters++
		}
	}
	if letters >= 12 {
		t.Errorf("read %q from a photo without text", text)
	}
}
