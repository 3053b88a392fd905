package ocr_test

import (
	"context"
	"os"
	"testing"
	"time"

	"factline/adapters/ocr"
)

func TestExplore(t *testing.T) {
	if os.Getenv("OCR_EXPLORE") == "" {
		t.Skip()
	}
	r := ocr.New(ocr.Options{})
	pics := append(claimPictures(t), plainPictures(t)...)
	for i, p := range pics {
		os.WriteFile("/tmp/ocrpics/"+string(rune('a'+i/26))+string(rune('a'+i%26))+"-"+p.kind+".img", p.data, 0o644)
		start := time.Now()
		txt, err := r.ReadPicture(context.Background(), p.data)
		t.Logf("%s %v err=%v\n%q", p.name, time.Since(start), err, txt)
	}
}
