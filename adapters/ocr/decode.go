package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"

	"factline/bot"
)

// format is a picture format the reader decodes: the functions of its package, called
// directly rather than through image.Decode, so that no other registered format is ever read.
type format struct {
	name         string
	decodeConfig func(io.Reader) (image.Config, error)
	decode       func(io.Reader) (image.Image, error)
}

var (
	pngFormat  = format{"png", png.DecodeConfig, png.Decode}
	jpegFormat = format{"jpeg", jpeg.DecodeConfig, jpeg.Decode}
	webpFormat = format{"webp", webp.DecodeConfig, webp.Decode}
	// gif.Decode returns the first frame of an animation and stops reading there.
	gifFormat = format{"gif", gif.DecodeConfig, gif.Decode}
)

// sniff recognises a picture's format by its first bytes; a file's name or a platform's MIME
// type may lie, the bytes decide.
func sniff(b []byte) (format, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return pngFormat, true
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return jpegFormat, true
	case len(b) >= 12 && bytes.Equal(b[:4], []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP")):
		return webpFormat, true
	case bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a")):
		return gifFormat, true
	}
	return format{}, false
}

// check refuses a picture over the limits or in another format, from its size and header
// alone, and returns its format: the size a picture declares is refused before any pixel is
// decoded, and without waiting for a free reader.
func (r *Reader) check(picture []byte) (format, image.Config, error) {
	if int64(len(picture)) > r.opts.MaxBytes {
		return format{}, image.Config{}, tooLarge(fmt.Sprintf("this picture is too large (%s): send one under %s", megabytes(int64(len(picture))), megabytes(r.opts.MaxBytes)))
	}
	f, ok := sniff(picture)
	if !ok {
		return format{}, image.Config{}, unsupported()
	}
	cfg, err := f.decodeConfig(bytes.NewReader(picture))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return format{}, image.Config{}, corrupt()
	}
	if cfg.Width > r.opts.MaxSide || cfg.Height > r.opts.MaxSide || cfg.Width*cfg.Height > r.opts.MaxPixels {
		return format{}, image.Config{}, tooLarge(fmt.Sprintf("this picture is too large (%d x %d pixels): send one under %.0f megapixels and %d pixels on each side",
			cfg.Width, cfg.Height, float64(r.opts.MaxPixels)/1e6, r.opts.MaxSide))
	}
	return f, cfg, nil
}

// decode decodes a picture that check accepted.
func decode(picture []byte, f format, cfg image.Config) (image.Image, error) {
	img, err := f.decode(bytes.NewReader(picture))
	if err != nil {
		return nil, corrupt()
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		// The pixels must be those the header declared and the limits checked.
		return nil, corrupt()
	}
	return img, nil
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func tooLarge(msg string) error { return &bot.Error{Code: bot.CodeTooLarge, Message: msg} }

func unsupported() error {
	return &bot.Error{Code: bot.CodeUnsupported, Message: "I can only read pictures in PNG, JPEG, WebP or GIF: send a screenshot or a photo, or paste the text"}
}

func corrupt() error {
	return &bot.Error{Code: bot.CodeUnsupported, Message: "this picture seems damaged and cannot be opened: send it again, or paste its text"}
}

func busy() error {
	return &bot.Error{Code: bot.CodeUnavailable, Message: "too many pictures are being read right now: try again in a minute, or paste the text"}
}

func timeout() error {
	return &bot.Error{Code: bot.CodeUnavailable, Message: "reading this picture took too long: try a smaller or clearer picture, or paste the text"}
}
