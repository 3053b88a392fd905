package bot

import (
	"context"
)

// PictureReader reads the text of a picture (a meme, a screenshot of a post), for a question sent
// as one. It refuses what it cannot read with an *Error: CodeTooLarge, CodeUnsupported or
// CodeNoText.
type PictureReader interface {
	ReadPicture(ctx context.Context, picture []byte) (string, error)
}

// The kinds of input a question is sent as.
const (
	InputText  = "text"
	InputImage = "image"
)

// Input says what a question was sent as: typed text, or a picture and the text read from it.
type Input struct {
	Kind string `json:"kind"`
	// Text is the text read from a picture, scrubbed; "" for a typed question.
	Text string `json:"text,omitempty"`
}

// minPictureLetters is how many letters a picture's text needs, in words that look like words
// once the text is cleaned (see cleanPictureText, readableLetters), to be checked: less is a
// photo or a logo, and the asker is told there was no text to check rather than that no myth
// matched.
const minPictureLetters = 12

// readPicture returns the text of req's picture, ready to match.
func (b *Bot) readPicture(ctx context.Context, req Request) (string, error) {
	if b.pictures == nil {
		return "", errorf(CodeUnavailable, "reading pictures is not enabled on this server: install Tesseract OCR (see the README), or paste the text of the picture")
	}
	text, err := b.pictures.ReadPicture(ctx, req.Picture)
	if err != nil {
		return "", err
	}
	text = cleanPictureText(text)
	if readableLetters(text) < minPictureLetters {
		return "", errorf(CodeNoText, "no text I can check in this picture")
	}
	return text, nil
}
