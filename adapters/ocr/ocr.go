// Package ocr reads the text of pictures (memes, screenshots of posts, photos of print) with
// Tesseract OCR, run as a separate process: no cgo, so factline stays one static binary, and a
// crash or a runaway reading is the child's, killed at a time limit. It implements
// bot.PictureReader.
//
// Before Tesseract sees a picture, the reader checks it: only PNG, JPEG, WebP and GIF (the
// first frame) are read, recognised by their bytes rather than a file name; pictures over a
// size in bytes, or whose header declares more pixels than allowed, are refused before they are
// decoded, so a small file that would decompress into gigabytes is never decoded. The picture
// is then scaled to the size Tesseract reads best and sent as greyscale on its standard input;
// nothing is written to disk.
package ocr

import (
	"context"
	"log/slog"
	"runtime"
	"strings"
	"time"
	"unicode"
)

// The defaults of Options.
const (
	DefaultCommand  = "tesseract"
	DefaultMaxBytes = 10 << 20
	// DefaultMaxPixels admits a 48-megapixel phone photo (8000 x 6000) and refuses larger.
	DefaultMaxPixels = 50_000_000
	// DefaultMaxSide refuses pictures longer than this on either side, like a 100 000-pixel-high
	// strip that is within the pixel count.
	DefaultMaxSide = 20_000
	// DefaultTimeout bounds one reading; a meme reads in about a second on a 2-core machine.
	DefaultTimeout = 15 * time.Second
	// DefaultWaiting is how many pictures may wait for a free reader before more are refused.
	DefaultWaiting = 16
	// maxOutput bounds the text kept from one reading: far more than any meme or screenshot
	// holds, and the core cuts questions much shorter.
	maxOutput = 64 << 10
)

// DefaultLanguages are the Tesseract languages read by default: those of the fact base.
var DefaultLanguages = []string{"eng", "fra", "spa"}

// Options configure a Reader. The zero value reads with the defaults.
type Options struct {
	// Command is the tesseract executable, a path or a name looked up in PATH.
	Command string
	// Languages are Tesseract's language codes (eng, fra, spa); all are tried at once.
	Languages []string
	// MaxBytes refuses larger pictures (CodeTooLarge).
	MaxBytes int64
	// MaxPixels and MaxSide refuse pictures whose header declares more pixels, or a longer
	// side, before they are decoded (CodeTooLarge).
	MaxPixels int
	MaxSide   int
	// Timeout bounds one reading, waiting for a free reader included.
	Timeout time.Duration
	// Concurrent is how many pictures are read at once; each reading uses one core. 0 means
	// the number of CPUs.
	Concurrent int
	// Waiting is how many pictures may wait for a free reader; more are refused with
	// CodeUnavailable (busy). 0 means DefaultWaiting.
	Waiting int
	Logger  *slog.Logger
}

// Reader reads pictures with Tesseract. It is safe for concurrent use.
type Reader struct {
	opts    Options
	slots   chan struct{} // a token per reading in progress
	waiting chan struct{} // a token per picture waiting for a slot
	log     *slog.Logger
}

// New returns a Reader; it does no I/O (see Probe for whether Tesseract is installed).
func New(opts Options) *Reader {
	if opts.Command == "" {
		opts.Command = DefaultCommand
	}
	if len(opts.Languages) == 0 {
		opts.Languages = DefaultLanguages
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxPixels <= 0 {
		opts.MaxPixels = DefaultMaxPixels
	}
	if opts.MaxSide <= 0 {
		opts.MaxSide = DefaultMaxSide
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Concurrent <= 0 {
		opts.Concurrent = runtime.NumCPU()
	}
	if opts.Waiting <= 0 {
		opts.Waiting = DefaultWaiting
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reader{
		opts:    opts,
		slots:   make(chan struct{}, opts.Concurrent),
		waiting: make(chan struct{}, opts.Waiting),
		log:     log,
	}
}

// Languages returns the languages the reader asks Tesseract for, joined as Tesseract takes them.
func (r *Reader) Languages() string { return strings.Join(r.opts.Languages, "+") }

// ReadPicture returns the text Tesseract reads in picture. It refuses, with a *bot.Error, a
// picture too large (CodeTooLarge), in another format or corrupt (CodeUnsupported), or while
// too many others wait (CodeUnavailable).
func (r *Reader) ReadPicture(ctx context.Context, picture []byte) (string, error) {
	f, cfg, err := r.check(picture)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	// Decoding takes a slot too: a 50-megapixel photo costs as much as a reading.
	if err := r.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-r.slots }()
	img, err := decode(picture, f, cfg)
	if err != nil {
		return "", err
	}
	if light, from := lightText(img); light && maskLightText {
		// Read the light letters first; a picture that was not a meme after all (a photo of a
		// page in dim light) is read again as it is.
		text, err := r.tesseract(ctx, prepare(whiteMask(img, from)))
		if err != nil || letters(text) >= enoughLetters {
			return text, err
		}
	}
	return r.tesseract(ctx, prepare(img))
}

// enoughLetters is how many letters a first reading needs to be kept: fewer, and the
// picture is read the other way. It matches the core's minimum for a question (bot's
// minPictureLetters), so a picture the first reading would leave without text gets a second
// chance.
const enoughLetters = 12

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// acquire waits for a free reading slot: the pictures beyond the cores wait their turn, and
// beyond Waiting of them, the asker is told to try again rather than queued for long.
func (r *Reader) acquire(ctx context.Context) error {
	select {
	case r.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case r.waiting <- struct{}{}:
	default:
		return busy()
	}
	defer func() { <-r.waiting }()
	select {
	case r.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return busy()
		}
		return ctx.Err()
	}
}
