package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"factline/adapters/ocr"
)

// claimPNG draws lines of black text on white, as a screenshot of a post shows them.
func claimPNG(t *testing.T, lines ...string) []byte {
	t.Helper()
	f, err := opentype.Parse(gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1100, 80+60*len(lines)))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for i, l := range lines {
		d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: fc, Dot: fixed.P(30, 70+60*i)}
		d.DrawString(l)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAskImage reads a picture from a file (text output) and from standard input (JSON).
func TestAskImage(t *testing.T) {
	if _, err := ocr.New(ocr.Options{}).Probe(context.Background()); err != nil {
		t.Skipf("Tesseract is not usable here (apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa): %v", err)
	}
	pic := claimPNG(t, "@patriot_dave · 3h", "Immigrants come here and take", "our jobs! Share if you agree", "Reply 12   Repost 1.2K   Like 3.4K")
	code, out, errOut := runCLI(t, nil, "ask", "--image", writeFile(t, "meme.jpg", pic)) // the name lies; the bytes decide
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "Read in the picture:\n") || !strings.Contains(strings.ToLower(out), "take our jobs") || !strings.Contains(out, "Sources:\n[1] ") {
		t.Errorf("text output lacks the text read or the answer:\n%s", out)
	}
	if strings.Contains(out, "patriot_dave") || strings.Contains(out, "Repost") {
		t.Errorf("the post's handle or action bar was kept:\n%s", out)
	}

	var outb, errb bytes.Buffer
	code = run([]string{"ask", "--format", "json", "--image", "-"}, env{stdin: bytes.NewReader(pic), stdout: &outb, stderr: &errb, getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got struct {
		Match struct{ ID string }
		Input struct{ Kind, Text string }
	}
	if err := json.Unmarshal(outb.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, outb.String())
	}
	if got.Match.ID != "jobs" || got.Input.Kind != "image" || !strings.Contains(strings.ToLower(got.Input.Text), "take our jobs") {
		t.Errorf("match %q, input %+v; want jobs, and the text read", got.Match.ID, got.Input)
	}
}

func TestAskImageRefusals(t *testing.T) {
	pic := writeFile(t, "claim.png", claimPNG(t, "they take our jobs"))
	fake := writeFile(t, "tesseract", []byte("#!/bin/sh\ncase \"$1\" in --version) echo tesseract 5;; --list-langs) printf 'List:\\neng\\nfra\\nspa\\n';; *) cat >/dev/null; echo 'they take our jobs';; esac\n"))
	if err := os.Chmod(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		args []string
		code int
		want string
	}{
		{"no Tesseract", map[string]string{"FACTLINE_TESSERACT": filepath.Join(t.TempDir(), "none")}, []string{"--image", pic}, 1, "install Tesseract OCR"},
		{"turned off", map[string]string{"FACTLINE_PICTURES": "false"}, []string{"--image", pic}, 1, "pictures.enabled is false"},
		{"not a picture", map[string]string{"FACTLINE_TESSERACT": fake}, []string{"--image", writeFile(t, "claim.txt", []byte("they take our jobs"))}, 1, "PNG, JPEG, WebP or GIF"},
		{"too large", map[string]string{"FACTLINE_TESSERACT": fake, "FACTLINE_PICTURE_MAX_BYTES": "100"}, []string{"--image", pic}, 1, "too large"},
		{"a missing file", nil, []string{"--image", filepath.Join(t.TempDir(), "none.png")}, 1, "no such file"},
		{"a picture and a claim", nil, []string{"--image", pic, "they", "take", "our", "jobs"}, 2, "either --image"},
		{"a picture and a myth", nil, []string{"--image", pic, "--myth", "jobs"}, 2, "either --image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.vars, append([]string{"ask"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q (stdout %q); want exit %d and %q", code, errOut, out, tt.code, tt.want)
			}
		})
	}
	// The stand-in Tesseract reads the words: the whole path up to the answer works.
	code, out, errOut := runCLI(t, map[string]string{"FACTLINE_TESSERACT": fake}, "ask", "--image", pic)
	if code != 0 || !strings.Contains(out, "Read in the picture:\n  they take our jobs") {
		t.Errorf("exit %d, %s%s", code, out, errOut)
	}
}

// TestServeLogsPictures: serve says once at start whether it reads pictures, and why not.
func TestServeLogsPictures(t *testing.T) {
	fake := writeFile(t, "tesseract", []byte("#!/bin/sh\ncase \"$1\" in --version) echo 'tesseract 5.3.0';; --list-langs) printf 'List:\\neng\\nfra\\n';; esac\n"))
	if err := os.Chmod(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"on, without a language", map[string]string{"FACTLINE_TESSERACT": fake}, `msg="reading pictures, without some languages" tesseract="tesseract 5.3.0" langs=eng+fra missing=spa install=tesseract-ocr-spa`},
		{"no Tesseract", map[string]string{"FACTLINE_TESSERACT": filepath.Join(t.TempDir(), "none")}, `msg="pictures are refused: cannot read them" reason="tesseract not found`},
		{"off", map[string]string{"FACTLINE_PICTURES": "false"}, `msg="pictures are refused" reason="pictures.enabled is false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.vars["FACTLINE_LOG_LEVEL"] = "info"
			tt.vars["FACTLINE_DATA_DIR"] = t.TempDir()
			_, stop := serveInProcess(t, tt.vars)
			code, logged := stop()
			if code != 0 {
				t.Fatalf("serve exited %d: %s", code, logged)
			}
			if !strings.Contains(logged, tt.want) || regexp.MustCompile(`msg="(reading pictures|pictures are refused)`).FindAllStringIndex(logged, -1) == nil ||
				len(regexp.MustCompile(`(?m)^.*msg="(reading pictures|pictures are refused).*$`).FindAllString(logged, -1)) != 1 {
				t.Errorf("serve logged:\n%s\nwant one line on pictures with %s", logged, tt.want)
			}
		})
	}
}
