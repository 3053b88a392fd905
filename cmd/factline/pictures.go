package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"factline/adapters/ocr"
	"factline/bot"
	"factline/config"
)

// errPicturesOff says picture reading was turned off in the configuration.
var errPicturesOff = errors.New("pictures.enabled is false (FACTLINE_PICTURES)")

// pictureReader returns the picture reader the configuration asks for, after checking that
// Tesseract and its languages are installed. When it is off or cannot work, it returns nil,
// so the bot refuses pictures with CodeUnavailable and answers everything else, and the
// reason why.
func pictureReader(ctx context.Context, cfg config.Config, log *slog.Logger) (bot.PictureReader, ocr.Status, error) {
	p := cfg.Pictures
	if !p.Enabled {
		return nil, ocr.Status{}, errPicturesOff
	}
	opts := ocr.Options{
		Command: p.Tesseract, Languages: p.Languages, MaxBytes: int64(p.MaxBytes), MaxPixels: p.MaxPixels, MaxSide: p.MaxSide,
		Timeout: p.Timeout.D(), Concurrent: p.Concurrent, Logger: log,
	}
	st, err := ocr.New(opts).Probe(ctx)
	if err != nil {
		return nil, st, err
	}
	// The languages Tesseract lacks are left out: asking for one fails every reading.
	opts.Languages = st.Have
	return ocr.New(opts), st, nil
}

// logPictures writes serve's one line on picture reading: on, with what, or off and why.
func logPictures(log *slog.Logger, st ocr.Status, err error) {
	switch {
	case errors.Is(err, errPicturesOff):
		log.Info("pictures are refused", "reason", err.Error())
	case err != nil:
		log.Warn("pictures are refused: cannot read them", "reason", err.Error())
	case len(st.Missing) > 0:
		log.Warn("reading pictures, without some languages", "tesseract", st.Version, "langs", strings.Join(st.Have, "+"),
			"missing", strings.Join(st.Missing, "+"), "install", "tesseract-ocr-"+strings.Join(st.Missing, " tesseract-ocr-"))
	default:
		log.Info("reading pictures", "tesseract", st.Version, "langs", strings.Join(st.Have, "+"))
	}
}
