package ocr_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"factline/adapters/ocr"
	"factline/bot"
)

// fakeTesseract writes a shell script standing in for tesseract, so the process handling is
// tested where Tesseract is not installed: the reader runs it exactly as it runs tesseract.
func fakeTesseract(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tesseract")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func codeOf(err error) bot.Code {
	var be *bot.Error
	if errors.As(err, &be) {
		return be.Code
	}
	return ""
}

// pngChunk is one PNG chunk with its checksum.
func pngChunk(kind string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(kind)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	return b.Bytes()
}

// pngHeader is a PNG that declares w x h greyscale pixels and holds a few bytes of data: the
// start of a decompression bomb, which would take w*h bytes once decoded.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	// A zlib stream of zeros (a few rows' worth) stands in for the pixels.
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0xa3, 0x60, 0x14, 0x0c, 0x77, 0x00, 0x00})...)
	return append(out, pngChunk("IEND", nil)...)
}

func TestRefusals(t *testing.T) {
	// Every refusal comes before Tesseract runs: the stand-in fails the reading if it does.
	never := fakeTesseract(t, "echo tesseract should not have run >&2; exit 3")
	small := encodePNG(t, image.NewGray(image.Rect(0, 0, 40, 40)))
	page := encodePNG(t, printedPage(t, "a page of text", 400, 300))
	tests := []struct {
		name    string
		opts    ocr.Options
		picture []byte
		want    bot.Code
	}{
		{"over the size in bytes", ocr.Options{MaxBytes: int64(len(page) - 1)}, page, bot.CodeTooLarge},
		{"a decompression bomb: 50 000 x 50 000 declared", ocr.Options{}, pngHeader(50_000, 50_000), bot.CodeTooLarge},
		{"over the pixel count", ocr.Options{MaxPixels: 1000}, small, bot.CodeTooLarge},
		{"a strip longer than a side may be", ocr.Options{MaxSide: 1000}, pngHeader(1001, 1), bot.CodeTooLarge},
		{"BMP", ocr.Options{}, append([]byte("BM"), make([]byte, 60)...), bot.CodeUnsupported},
		{"TIFF", ocr.Options{}, append([]byte("II*\x00"), make([]byte, 60)...), bot.CodeUnsupported},
		{"PDF", ocr.Options{}, []byte("%PDF-1.7\n1 0 obj <<>> endobj"), bot.CodeUnsupported},
		{"SVG", ocr.Options{}, []byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>they take our jobs</text></svg>`), bot.CodeUnsupported},
		{"text", ocr.Options{}, []byte("they take our jobs"), bot.CodeUnsupported},
		{"empty", ocr.Options{}, nil, bot.CodeUnsupported},
		{"a PNG cut in half", ocr.Options{}, page[:len(page)/2], bot.CodeUnsupported},
		{"a PNG header without its pixels", ocr.Options{}, pngHeader(300, 200), bot.CodeUnsupported},
		{"a JPEG start and noise", ocr.Options{}, append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{0x55}, 200)...), bot.CodeUnsupported},
		{"a WebP with a broken body", ocr.Options{}, append([]byte("RIFF\x20\x00\x00\x00WEBPVP8L\x10\x00\x00\x00\x2f"), make([]byte, 20)...), bot.CodeUnsupported},
		{"a GIF header alone", ocr.Options{}, []byte("GIF89a\x10\x00\x10\x00"), bot.CodeUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Command = never
			r := ocr.New(tt.opts)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			text, err := r.ReadPicture(context.Background(), tt.picture)
			runtime.ReadMemStats(&after)
			if got := codeOf(err); got != tt.want {
				t.Fatalf("ReadPicture = %q, %v; want code %s", text, err, tt.want)
			}
			if msg := err.(*bot.Error).Message; msg == "" || strings.ContainsAny(msg, "\n") {
				t.Errorf("message %q: want one line for the asker", msg)
			}
			// A refused picture is not decoded: a bomb would allocate gigabytes.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("allocated %d MB to refuse it", alloc>>20)
			}
		})
	}
}

// printedPage draws black text on white, w x h.
func printedPage(t testing.TB, text string, w, h int) *image.RGBA {
	loadFonts(t)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	fc := face(t, boldFont, float64(h)/8)
	y := h / 4
	for _, l := range wrap(fc, text, w-20) {
		drawText(img, fc, color.Black, 10, y, l)
		y += h / 6
	}
	return img
}

// animatedGIF makes a two-frame GIF: first shows first, then second.
func animatedGIF(t testing.TB, first, second string, w, h int) []byte {
	t.Helper()
	var g gif.GIF
	for _, s := range []string{first, second} {
		frame := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		draw.Draw(frame, frame.Bounds(), printedPage(t, s, w, h), image.Point{}, draw.Src)
		g.Image = append(g.Image, frame)
		g.Delay = append(g.Delay, 50)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFormats checks each format is decoded, scaled and piped to Tesseract as a greyscale PGM,
// with the languages and one OpenMP thread: the stand-in prints what it was given.
func TestFormats(t *testing.T) {
	echo := fakeTesseract(t, `head -n 2; echo "args $*"; echo "omp $OMP_THREAD_LIMIT"; cat >/dev/null`)
	page := printedPage(t, "the words", 200, 100)
	tests := []struct {
		name    string
		picture []byte
		header  string // the PGM header: the size Tesseract is given
	}{
		{"PNG", encodePNG(t, page), "P5\n600 300\n"},                     // small: scaled up 3 times
		{"JPEG", encodeJPEG(t, page, 90), "P5\n600 300\n"},               // the same
		{"WebP", encodeWebP(page), "P5\n600 300\n"},                      // the same
		{"GIF", animatedGIF(t, "one", "two", 200, 100), "P5\n600 300\n"}, // the first frame's size
		{"a large photo, scaled down", encodeJPEG(t, printedPage(t, "x", 4800, 3600), 60), "P5\n2000 1500\n"},
		{"a mid-sized screenshot, kept", encodePNG(t, printedPage(t, "x", 1800, 900)), "P5\n1800 900\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The formats, not the time: decoding and scaling a 17-megapixel photo under the race
			// detector on a busy machine can take longer than the default limit.
			r := ocr.New(ocr.Options{Command: echo, Languages: []string{"eng", "spa"}, Timeout: 2 * time.Minute})
			out, err := r.ReadPicture(context.Background(), tt.picture)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(out, tt.header) {
				t.Errorf("Tesseract was given %q, want a PGM starting %q", out[:min(len(out), 20)], tt.header)
			}
			if !strings.Contains(out, "args stdin stdout -l eng+spa") || !strings.Contains(out, "omp 1") {
				t.Errorf("Tesseract ran as %q", out)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	slow := fakeTesseract(t, "exec sleep 10")
	r := ocr.New(ocr.Options{Command: slow, Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := r.ReadPicture(context.Background(), encodePNG(t, printedPage(t, "x", 100, 100)))
	if codeOf(err) != bot.CodeUnavailable {
		t.Fatalf("err = %v, want unavailable (too long)", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("the reading was stopped after %v, want about the timeout", d)
	}
}

func TestOutputIsBounded(t *testing.T) {
	chatty := fakeTesseract(t, "cat >/dev/null; yes 'they take our jobs' | head -c 20000000")
	r := ocr.New(ocr.Options{Command: chatty})
	out, err := r.ReadPicture(context.Background(), encodePNG(t, printedPage(t, "x", 100, 100)))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 || len(out) > 64<<10 {
		t.Fatalf("kept %d bytes of 20 MB of output, want at most 64 KB", len(out))
	}
}

func TestTesseractFails(t *testing.T) {
	broken := fakeTesseract(t, "cat >/dev/null; echo 'Error, could not load eng' >&2; exit 1")
	r := ocr.New(ocr.Options{Command: broken})
	_, err := r.ReadPicture(context.Background(), encodePNG(t, printedPage(t, "x", 100, 100)))
	if err == nil || codeOf(err) != "" || !strings.Contains(err.Error(), "could not load eng") {
		t.Fatalf("err = %v, want an internal error with Tesseract's message", err)
	}
}

// TestBusy: with one reader and room for one waiting, a third picture is refused at once while
// the first is read and the second waits; the second is then read. A picture over the limits
// is refused for that, busy or not.
func TestBusy(t *testing.T) {
	dir := t.TempDir()
	slow := fakeTesseract(t, "cat >/dev/null; touch "+dir+"/started; sleep 1; echo read")
	r := ocr.New(ocr.Options{Command: slow, Concurrent: 1, Waiting: 1})
	pic := encodePNG(t, printedPage(t, "x", 100, 100))
	var wg sync.WaitGroup
	results := make([]error, 2)
	wg.Go(func() { _, results[0] = r.ReadPicture(context.Background(), pic) })
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(dir + "/started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first reading never started")
		}
	}
	wg.Go(func() { _, results[1] = r.ReadPicture(context.Background(), pic) })
	time.Sleep(200 * time.Millisecond) // the second is waiting now
	_, err := r.ReadPicture(context.Background(), pic)
	if codeOf(err) != bot.CodeUnavailable {
		t.Errorf("third picture: %v, want unavailable (busy)", err)
	}
	// A picture over the limits is told so at once, not that the reader is busy.
	if _, err := r.ReadPicture(context.Background(), pngHeader(50_000, 50_000)); codeOf(err) != bot.CodeTooLarge {
		t.Errorf("a bomb while busy: %v, want too_large", err)
	}
	wg.Wait()
	for i, err := range results {
		if err != nil {
			t.Errorf("picture %d: %v, want it read", i+1, err)
		}
	}
}

func TestProbe(t *testing.T) {
	fake := fakeTesseract(t, `case "$1" in
--version) echo "tesseract 5.3.0"; echo " leptonica-1.82.0";;
--list-langs) echo 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):'; echo eng; echo fra; echo osd;;
esac`)
	st, err := ocr.New(ocr.Options{Command: fake}).Probe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Version != "tesseract 5.3.0" || strings.Join(st.Have, ",") != "eng,fra" || strings.Join(st.Missing, ",") != "spa" {
		t.Errorf("Probe = %+v, want version 5.3.0, eng and fra, spa missing", st)
	}
	if _, err := ocr.New(ocr.Options{Command: fake, Languages: []string{"deu"}}).Probe(context.Background()); err == nil || !strings.Contains(err.Error(), "tesseract-ocr-deu") {
		t.Errorf("Probe without any language = %v, want an error naming the package", err)
	}
	_, err = ocr.New(ocr.Options{Command: filepath.Join(t.TempDir(), "no-tesseract")}).Probe(context.Background())
	if err == nil || !strings.Contains(err.Error(), "tesseract-ocr") {
		t.Errorf("Probe of a missing command = %v, want an error saying what to install", err)
	}
}

// TestWithoutTesseract: a bot without a picture reader (serve without Tesseract) refuses
// pictures with unavailable and a message that says what to do, and still answers text.
func TestWithoutTesseract(t *testing.T) {
	b := newBot(t, nil)
	_, err := b.Ask(context.Background(), bot.Request{Picture: encodePNG(t, printedPage(t, "x", 100, 100)), Surface: bot.SurfaceCLI})
	if codeOf(err) != bot.CodeUnavailable || !strings.Contains(err.Error(), "Tesseract") {
		t.Fatalf("err = %v, want unavailable, naming Tesseract", err)
	}
	a, err := b.Ask(context.Background(), bot.Request{Text: "immigrants take our jobs", Surface: bot.SurfaceCLI})
	if err != nil || answered(a) != "jobs" {
		t.Fatalf("text question: %v, %v; want it answered", answered(a), err)
	}
}

// TestNoText: a drawing without words is "no text I can check", not an abstention.
func TestNoText(t *testing.T) {
	b := newBot(t, needTesseract(t))
	_, err := b.Ask(context.Background(), bot.Request{Picture: encodePNG(t, cat(1)), Surface: bot.SurfaceCLI})
	if codeOf(err) != bot.CodeNoText {
		t.Fatalf("err = %v, want no_text", err)
	}
}

// TestWebPAndGIFRead reads the text of a WebP and of an animated GIF's first frame with
// Tesseract.
func TestWebPAndGIFRead(t *testing.T) {
	r := needTesseract(t)
	text, err := r.ReadPicture(context.Background(), encodeWebP(printedPage(t, "Refugees get more than seniors", 900, 300)))
	if err != nil || !strings.Contains(strings.ToLower(text), "refugees get more") {
		t.Errorf("WebP read %q, %v", text, err)
	}
	text, err = r.ReadPicture(context.Background(), animatedGIF(t, "First frame words", "Second picture", 900, 300))
	if err != nil || !strings.Contains(strings.ToLower(text), "first frame") || strings.Contains(strings.ToLower(text), "second") {
		t.Errorf("GIF read %q, %v; want the first frame only", text, err)
	}
}
