package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// tesseract reads img's text with a Tesseract process: the picture on its standard input, the
// text on its standard output, both bounded, the process killed when ctx ends.
func (r *Reader) tesseract(ctx context.Context, img *image.Gray) (string, error) {
	var stdin bytes.Buffer
	if err := writePGM(&stdin, img); err != nil {
		return "", fmt.Errorf("ocr: encode picture: %w", err)
	}
	cmd := exec.CommandContext(ctx, r.opts.Command, "stdin", "stdout", "-l", r.Languages(), "--psm", "3", "--dpi", "300")
	// One thread per process: the concurrency limit already keeps one reading per core, and
	// OpenMP threads fighting over the cores only slow every reading down.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = &stdin
	out := &limitedBuffer{max: maxOutput}
	errOut := &limitedBuffer{max: 2 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	cmd.WaitDelay = time.Second // output pipes are not waited on for long after a kill
	start := time.Now()
	err := cmd.Run()
	r.log.Debug("read a picture", "width", img.Bounds().Dx(), "height", img.Bounds().Dy(), "chars", out.Len(), "took", time.Since(start))
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", timeout()
		}
		return "", ctx.Err()
	}
	if err != nil {
		return "", fmt.Errorf("ocr: %s: %w: %s", r.opts.Command, err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// limitedBuffer keeps the first max bytes written to it and discards the rest without failing,
// so that a process printing without end neither fills memory nor blocks on a full pipe. The
// buffer is a field, not embedded: an embedded bytes.Buffer's ReadFrom would let io.Copy
// bypass Write and its limit.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) Len() int       { return b.buf.Len() }
func (b *limitedBuffer) String() string { return b.buf.String() }

// Status says whether Tesseract can read pictures here, for serve's log line.
type Status struct {
	// Version is the first line of `tesseract --version`.
	Version string
	// Have are the configured languages that are installed, Missing those that are not.
	Have, Missing []string
}

// Probe runs Tesseract to learn its version and installed languages. It fails when Tesseract
// cannot be run or none of the configured languages is installed; the error says how to
// install them.
func (r *Reader) Probe(ctx context.Context) (Status, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var st Status
	path, err := exec.LookPath(r.opts.Command)
	if err != nil {
		return st, fmt.Errorf("tesseract not found (%s): install the Debian packages tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa, or set pictures.tesseract", r.opts.Command)
	}
	ver, err := exec.CommandContext(ctx, path, "--version").CombinedOutput()
	if err != nil {
		return st, fmt.Errorf("run %s --version: %w", path, err)
	}
	st.Version, _, _ = strings.Cut(strings.TrimSpace(string(ver)), "\n")
	// Tesseract 4 and 5 list the languages on standard output, some builds on standard error.
	list, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return st, fmt.Errorf("run %s --list-langs: %w", path, err)
	}
	installed := installedLanguages(string(list))
	for _, l := range r.opts.Languages {
		if slices.Contains(installed, l) {
			st.Have = append(st.Have, l)
		} else {
			st.Missing = append(st.Missing, l)
		}
	}
	if len(st.Have) == 0 {
		return st, fmt.Errorf("tesseract has none of the languages %s installed: install tesseract-ocr-%s", r.Languages(), strings.Join(st.Missing, " tesseract-ocr-"))
	}
	return st, nil
}

// installedLanguages parses `tesseract --list-langs`: a heading line, then one code a line.
func installedLanguages(out string) []string {
	var langs []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Contains(line, " ") || strings.HasSuffix(line, ":") {
			continue
		}
		langs = append(langs, line)
	}
	return langs
}
